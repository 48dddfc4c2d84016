import { Select, Text } from "@medusajs/ui"
import { useQuery, type UseQueryResult } from "@tanstack/react-query"
import { adminFetch, Catalogue, describeError, Strategy } from "../lib/api"
import { ChoiceSelect } from "./layout"
import { useAdminTranslation } from "../lib/i18n"

/**
 * The allocation strategies staff can pick, in the order shown; each has its name (`strategy.<type>`) and the hint
 * the allocate drawer shows under it (`strategy.hint.<type>`) in the translations.
 */
export const STRATEGY_TYPES: Array<Strategy["type"]> = ["default_rules", "service_group", "carrier_service", "cheapest_quote", "quote"]

/** Query key and loader of PRO's catalogue (`GET /admin/sorted-pro/catalogue`), shared by every strategy picker. */
export const catalogueQuery = {
  queryKey: ["sorted-pro", "catalogue"] as const,
  queryFn: () => adminFetch<Catalogue>("/admin/sorted-pro/catalogue"),
  staleTime: 5 * 60_000,
}

/** True for the strategies that name a catalogue entry (a service group or a carrier service). */
export const needsCatalogueReference = (type: Strategy["type"]) => type === "service_group" || type === "carrier_service"

/**
 * The catalogue entries a strategy of `type` can name: service groups (`Next day (SG_NEXTDAY)`) or carrier services
 * (`SwiftPost · Next Day`). `current` is kept as a choice while the catalogue loads or when PRO no longer lists it.
 */
export function strategyReferenceOptions(
  type: Strategy["type"],
  catalogue: Catalogue | undefined,
  current?: string
): Array<{ value: string; label: string }> {
  const options =
    type === "service_group"
      ? (catalogue?.service_groups ?? []).map((group) => ({ value: group.reference, label: `${group.name} (${group.reference})` }))
      : type === "carrier_service"
        ? (catalogue?.carrier_services ?? []).map((service) => ({
            value: service.reference,
            label: `${service.carrier_name ?? service.carrier_reference ?? ""} · ${service.name}`,
          }))
        : []
  return current && !options.some((option) => option.value === current) ? [{ value: current, label: current }, ...options] : options
}

/**
 * Select of the service group or carrier service a strategy names, from PRO's catalogue (`GET
 * /admin/sorted-pro/catalogue`, passed in as `catalogue`), with its loading and error states.
 */
export const StrategyReferenceSelect = ({
  type,
  value,
  onChange,
  catalogue,
  testId,
}: {
  type: "service_group" | "carrier_service"
  value: string
  onChange: (reference: string) => void
  catalogue: UseQueryResult<Catalogue>
  testId?: string
}) => {
  const t = useAdminTranslation()
  const options = strategyReferenceOptions(type, catalogue.data, value)
  return (
    <>
      <ChoiceSelect
        value={value}
        onValueChange={onChange}
        choices={options}
        placeholder={catalogue.isLoading ? t("strategy.loadingCatalogue") : t(`strategy.choose.${type}`)}
        trigger={{ "data-testid": testId, "aria-label": t(`strategy.${type}`) }}
      />
      {catalogue.isError && (
        <Text size="small" className="text-ui-fg-error">
          {t("strategy.catalogueUnavailable", { error: describeError(catalogue.error) })}
        </Text>
      )}
    </>
  )
}

const INHERIT = "__inherit"

/**
 * Picks an allocation strategy that can be saved in the settings (no per-consignment quote): its type and, for a
 * service group or a carrier service, which one (PRO's catalogue, `GET /admin/sorted-pro/catalogue`). With
 * `inheritLabel`, a first choice (e.g. "Store default (Default rules)") stands for no strategy of its own: `null`.
 */
export const StrategyPicker = ({
  value,
  onChange,
  inheritLabel,
  label,
  testId,
}: {
  value: Strategy | null
  onChange: (strategy: Strategy | null) => void
  inheritLabel?: string
  /** Accessible name of the type select, e.g. the shipping option's name. */
  label?: string
  testId?: string
}) => {
  const t = useAdminTranslation()
  const catalogue = useQuery(catalogueQuery)
  const type = value?.type ?? INHERIT
  return (
    <div className="flex min-w-0 flex-col gap-y-2" data-testid={testId}>
      <Select
        value={type}
        onValueChange={(next) => onChange(next === INHERIT ? null : next === value?.type ? value : { type: next as Strategy["type"] })}
      >
        <Select.Trigger data-testid={testId && `${testId}-type`} aria-label={label ?? t("strategy.label")}>
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          {inheritLabel !== undefined && <Select.Item value={INHERIT}>{inheritLabel}</Select.Item>}
          {STRATEGY_TYPES.filter((option) => option !== "quote").map((option) => (
            <Select.Item key={option} value={option}>
              {t(`strategy.${option}`)}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
      {value && (value.type === "service_group" || value.type === "carrier_service") && (
        <StrategyReferenceSelect
          type={value.type}
          value={value.reference ?? ""}
          onChange={(reference) => onChange({ type: value.type, reference })}
          catalogue={catalogue}
          testId={testId && `${testId}-reference`}
        />
      )}
    </div>
  )
}
