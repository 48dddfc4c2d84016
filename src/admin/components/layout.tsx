import { Heading, Select, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

/** The header row of an admin section: `title` (an h2) over a subdued `subtitle` on the left, `children` (its actions) on the right. */
export const SectionHeader = ({ title, subtitle, children }: { title: ReactNode; subtitle: ReactNode; children?: ReactNode }) => (
  <div className="flex items-center justify-between px-6 py-4">
    <div>
      <Heading level="h2">{title}</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        {subtitle}
      </Text>
    </div>
    {children}
  </div>
)

/** One option of a {@link ChoiceSelect}: the value selected and what the list shows. */
export type Choice = { value: string; label: ReactNode }

/**
 * A select of `choices`, after `first` when given (e.g. "All carriers", or the default); `placeholder` shows while
 * nothing is selected, `trigger` props (test id, aria label) go to its trigger.
 */
export const ChoiceSelect = ({
  value,
  onValueChange,
  first,
  choices,
  placeholder,
  trigger,
}: {
  value: string
  onValueChange: (value: string) => void
  first?: Choice
  choices: Choice[]
  placeholder?: string
  trigger?: { "data-testid"?: string; "aria-label"?: string }
}) => (
  <Select value={value} onValueChange={onValueChange}>
    <Select.Trigger {...trigger}>
      <Select.Value placeholder={placeholder} />
    </Select.Trigger>
    <Select.Content>
      {first && <Select.Item value={first.value}>{first.label}</Select.Item>}
      {choices.map((choice) => (
        <Select.Item key={choice.value} value={choice.value}>
          {choice.label}
        </Select.Item>
      ))}
    </Select.Content>
  </Select>
)
