import type { ReactNode } from "react"
import { useRadioGroup } from "../radio"

interface RadioListProps<T> {
  items: T[]
  /** An item's React key and identity. */
  keyOf: (item: T) => string
  /** The checked item's key; `null`/`undefined` when none is checked. */
  checkedKey: string | null | undefined
  onCheck: (item: T) => void
  /** Accessible name of the group. */
  label: string
  /** Class of the group and of each item. */
  className: string
  itemClassName: string
  /** An item's content, and its accessible name when the content alone does not read well. */
  render: (item: T) => { content: ReactNode; label?: string }
}

/**
 * Internal: items as a radio group of buttons (`role="radiogroup"` of `role="radio"`, keyboard model of
 * `useRadioGroup`); the checked item carries `data-checked`. Days, windows, pickup points and the fallback choice.
 */
export function RadioList<T>({ items, keyOf, checkedKey, onCheck, label, className, itemClassName, render }: RadioListProps<T>) {
  const radio = useRadioGroup(
    items.length,
    items.findIndex((item) => keyOf(item) === checkedKey),
    (index) => onCheck(items[index])
  )
  return (
    <div className={className} role="radiogroup" aria-label={label}>
      {items.map((item, index) => {
        const { content, label: itemLabel } = render(item)
        return (
          <button
            key={keyOf(item)}
            {...radio(index)}
            className={itemClassName}
            data-checked={keyOf(item) === checkedKey || undefined}
            aria-label={itemLabel}
          >
            {content}
          </button>
        )
      })}
    </div>
  )
}
