import { Alert, Button, Container, IconButton, Input, Label, Select, Switch, Text, toast } from "@medusajs/ui"
import { Trash } from "@medusajs/icons"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { adminFetch, describeError, localDateTime, PluginSettings, settingsQuery, SettingsResponse, Strategy, strategyText } from "../lib/api"
import { needsCatalogueReference, StrategyPicker } from "./strategy-picker"
import { ChoiceSelect, SectionHeader } from "./layout"
import { useAdminTranslation } from "../lib/i18n"

const DEFAULT = "__default"

/** IANA time zones the browser knows, offered while typing the manifest's zone (any other name the server refuses by field). */
const TIME_ZONES: string[] = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("timeZone") ?? []
  } catch {
    return []
  }
})()

/** A strategy as the settings route takes it: `reference` only for the types that name one. */
const cleanStrategy = (strategy: Strategy): Strategy =>
  needsCatalogueReference(strategy.type) && strategy.reference ? { type: strategy.type, reference: strategy.reference } : { type: strategy.type }

/** `strategyText` of a strategy object, e.g. `Service group SG_NEXTDAY`. */
const describeStrategy = (strategy: Strategy) => strategyText(strategy.reference ? `${strategy.type}:${strategy.reference}` : strategy.type)

/** A shipping option's name without a trailing "(SortedPRO)": every option this field lists is a SortedPRO one. */
const optionLabel = (name: string) => name.replace(/\s*\(SortedPRO\)\s*$/i, "") || name

/** One setting: its label and hint on the left, its controls on the right. */
const Field = ({ label, hint, testId, children }: { label: string; hint?: string; testId?: string; children: React.ReactNode }) => (
  <div className="grid grid-cols-1 gap-2 px-6 py-4 md:grid-cols-[260px_1fr]" data-testid={testId}>
    <div>
      <Label size="small" weight="plus">
        {label}
      </Label>
      {hint && (
        <Text size="xsmall" className="text-ui-fg-subtle">
          {hint}
        </Text>
      )}
    </div>
    <div className="flex max-w-[560px] flex-col gap-y-2">{children}</div>
  </div>
)

/**
 * Settings of the plugin stored in its module (`GET/POST /admin/sorted-pro/settings`; plugin options are the
 * defaults): stock location → PRO shipping location (else the location's metadata, else the default), default
 * allocation strategy and one per SortedPRO shipping option (service groups and carrier services from `GET
 * /admin/sorted-pro/catalogue`), label format, fallback prices per currency, daily manifest time, its IANA time zone
 * (default Europe/London) and its last run.
 */
export const SettingsSection = () => {
  const t = useAdminTranslation()
  const queryClient = useQueryClient()
  const settings = useQuery(settingsQuery)
  const [mapping, setMapping] = useState<Record<string, string>>({})
  const [strategy, setStrategy] = useState<Strategy>({ type: "default_rules" })
  const [optionStrategies, setOptionStrategies] = useState<Record<string, Strategy>>({})
  const [labelFormat, setLabelFormat] = useState<PluginSettings["label_format"]>("pdf")
  const [prices, setPrices] = useState<Array<{ currency: string; amount: string }>>([])
  const [manifestOn, setManifestOn] = useState(false)
  const [manifestTime, setManifestTime] = useState("17:00")
  const [manifestZone, setManifestZone] = useState("Europe/London")

  useEffect(() => {
    const s = settings.data?.settings
    if (!s) {
      return
    }
    setMapping(s.shipping_locations ?? {})
    setStrategy(s.allocation_strategy ?? { type: "default_rules" })
    setOptionStrategies(s.shipping_option_strategies ?? {})
    setLabelFormat(s.label_format)
    setPrices(Object.entries(s.fallback_prices ?? {}).map(([currency, amount]) => ({ currency, amount: String(amount) })))
    setManifestOn(Boolean(s.manifest_time))
    setManifestTime(s.manifest_time ?? "17:00")
    setManifestZone(s.manifest_time_zone)
  }, [settings.data])

  const save = useMutation({
    mutationFn: () =>
      adminFetch<SettingsResponse>("/admin/sorted-pro/settings", {
        method: "POST",
        body: {
          shipping_locations: Object.fromEntries(Object.entries(mapping).filter(([, value]) => value)),
          allocation_strategy: cleanStrategy(strategy),
          shipping_option_strategies: Object.fromEntries(Object.entries(optionStrategies).map(([id, chosen]) => [id, cleanStrategy(chosen)])),
          label_format: labelFormat,
          fallback_prices: Object.fromEntries(prices.filter((p) => p.currency).map((p) => [p.currency.trim().toLowerCase(), Number(p.amount)])),
          manifest_time: manifestOn ? manifestTime : null,
          manifest_time_zone: manifestZone.trim(),
        },
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(settingsQuery.queryKey, data)
      toast.success(t("settings.saved"))
    },
    onError: (error) => toast.error(t("settings.notSaved"), { description: describeError(error) }),
  })

  /** Saves, unless a strategy still lacks its service group or carrier service (named in an error toast). */
  const submit = () => {
    const names = new Map((settings.data?.shipping_options ?? []).map((option) => [option.id, option.name]))
    const incomplete = [
      ...(needsCatalogueReference(strategy.type) && !strategy.reference ? [t("settings.defaultAllocation")] : []),
      ...Object.entries(optionStrategies)
        .filter(([, chosen]) => needsCatalogueReference(chosen.type) && !chosen.reference)
        .map(([id]) => names.get(id) ?? id),
    ]
    if (incomplete.length) {
      toast.error(t("settings.notSaved"), { description: t("settings.incomplete", { names: incomplete.join(", ") }) })
      return
    }
    save.mutate()
  }

  if (settings.isLoading) {
    return (
      <Container className="px-6 py-4">
        <Text size="small" className="text-ui-fg-subtle">
          {t("settings.loading")}
        </Text>
      </Container>
    )
  }
  if (settings.isError || !settings.data) {
    return (
      <Container className="px-6 py-4">
        <Alert variant="error">{t("settings.loadFailed", { error: describeError(settings.error) })}</Alert>
      </Container>
    )
  }
  const data = settings.data
  const defaultLocation = data.settings.default_shipping_location
  const lastManifest = data.settings.last_manifest_at
  return (
    <Container className="divide-y p-0" data-testid="sorted-pro-settings">
      <SectionHeader title={t("settings.title")} subtitle={t("settings.subtitle")}>
        <Button size="small" onClick={submit} isLoading={save.isPending} data-testid="save-settings">
          {t("settings.save")}
        </Button>
      </SectionHeader>
      <Field label={t("settings.locations.label")} hint={t("settings.locations.hint")}>
        {data.shipping_locations_error && (
          <Alert variant="warning">{t("settings.locations.unavailable", { error: data.shipping_locations_error.message })}</Alert>
        )}
        {data.stock_locations.length === 0 && (
          <Text size="small" className="text-ui-fg-subtle">
            {t("settings.locations.none")}
          </Text>
        )}
        {data.stock_locations.map((location) => (
          <div key={location.id} className="grid grid-cols-[minmax(0,1fr)_minmax(0,2fr)] items-center gap-x-2">
            <Text size="small">{location.name}</Text>
            <ChoiceSelect
              value={mapping[location.id] || DEFAULT}
              onValueChange={(value) => setMapping({ ...mapping, [location.id]: value === DEFAULT ? "" : value })}
              trigger={{ "data-testid": `shipping-location-${location.id}`, "aria-label": t("settings.locations.of", { name: location.name }) }}
              first={{
                value: DEFAULT,
                label: location.metadata_shipping_location
                  ? t("settings.locations.fromMetadata", { reference: location.metadata_shipping_location })
                  : t("settings.locations.default", { reference: defaultLocation ?? t("common.none") }),
              }}
              choices={data.shipping_locations.map((l) => ({
                value: l.reference,
                label: (
                  <>
                    {l.name} ({l.reference})
                  </>
                ),
              }))}
            />
          </div>
        ))}
      </Field>
      <Field label={t("settings.defaultAllocation")} hint={t("settings.defaultAllocationHint")}>
        <StrategyPicker
          value={strategy}
          onChange={(chosen) => setStrategy(chosen ?? { type: "default_rules" })}
          label={t("settings.defaultAllocation")}
          testId="default-strategy"
        />
      </Field>
      <Field label={t("settings.perOption.label")} testId="settings-option-strategies" hint={t("settings.perOption.hint")}>
        {data.shipping_options.length === 0 && (
          <Text size="small" className="text-ui-fg-subtle">
            {t("settings.perOption.none")}
          </Text>
        )}
        {data.shipping_options.map((option) => (
          <div
            key={option.id}
            className="grid grid-cols-[minmax(0,1fr)_minmax(0,2fr)] items-start gap-x-2"
            data-testid="shipping-option-strategy"
            data-shipping-option={option.id}
          >
            <div className="flex min-h-8 min-w-0 flex-col justify-center">
              <Text size="small" className="break-words" title={option.name}>
                {optionLabel(option.name)}
              </Text>
              {option.fulfillment_option && (
                <Text size="xsmall" className="text-ui-fg-muted truncate font-mono">
                  {option.fulfillment_option}
                </Text>
              )}
            </div>
            <StrategyPicker
              value={optionStrategies[option.id] ?? null}
              onChange={(chosen) => {
                const { [option.id]: _previous, ...others } = optionStrategies
                setOptionStrategies(chosen ? { ...others, [option.id]: chosen } : others)
              }}
              inheritLabel={t("settings.perOption.inherit", { strategy: describeStrategy(strategy) })}
              label={t("settings.perOption.of", { name: option.name })}
              testId={`option-strategy-${option.id}`}
            />
          </div>
        ))}
      </Field>
      <Field label={t("settings.labelFormat.label")} hint={t("settings.labelFormat.hint")}>
        <Select value={labelFormat} onValueChange={(value) => setLabelFormat(value as PluginSettings["label_format"])}>
          <Select.Trigger>
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value="pdf">{t("settings.labelFormat.pdf")}</Select.Item>
            <Select.Item value="zpl">ZPL</Select.Item>
            <Select.Item value="zplii">ZPL II</Select.Item>
            <Select.Item value="png">PNG</Select.Item>
          </Select.Content>
        </Select>
      </Field>
      <Field label={t("settings.fallback.label")} hint={t("settings.fallback.hint", { price: data.settings.fallback_price })}>
        {prices.map((price, index) => (
          <div key={index} className="flex items-center gap-x-2">
            <Input
              size="small"
              className="w-24"
              placeholder="gbp"
              value={price.currency}
              onChange={(e) => setPrices(prices.map((p, i) => (i === index ? { ...p, currency: e.target.value } : p)))}
            />
            <Input
              size="small"
              type="number"
              step="0.01"
              min="0"
              className="w-32"
              value={price.amount}
              onChange={(e) => setPrices(prices.map((p, i) => (i === index ? { ...p, amount: e.target.value } : p)))}
            />
            <IconButton
              size="small"
              variant="transparent"
              aria-label={t("settings.fallback.remove")}
              onClick={() => setPrices(prices.filter((_, i) => i !== index))}
            >
              <Trash />
            </IconButton>
          </div>
        ))}
        <div>
          <Button size="small" variant="secondary" onClick={() => setPrices([...prices, { currency: "", amount: "" }])}>
            {t("settings.fallback.add")}
          </Button>
        </div>
      </Field>
      <Field label={t("common.dailyManifest")} testId="settings-daily-manifest" hint={t("settings.manifest.hint")}>
        <div className="flex items-center gap-x-3">
          <Switch checked={manifestOn} onCheckedChange={setManifestOn} id="manifest-on" />
          <Label htmlFor="manifest-on" size="small">
            {manifestOn ? t("settings.manifest.everyDayAt") : t("common.off")}
          </Label>
          {manifestOn && <Input size="small" type="time" className="w-32" value={manifestTime} onChange={(e) => setManifestTime(e.target.value)} />}
          <Text size="small" className="text-ui-fg-subtle" data-testid="last-manifest">
            {lastManifest ? t("settings.manifest.lastRun", { when: localDateTime(lastManifest) }) : manifestOn ? t("settings.manifest.notRun") : ""}
          </Text>
        </div>
        <div className="flex items-center gap-x-3">
          <Label htmlFor="manifest-zone" size="small">
            {t("settings.manifest.zone")}
          </Label>
          <Input
            id="manifest-zone"
            size="small"
            className="w-56"
            list="sorted-pro-time-zones"
            value={manifestZone}
            onChange={(e) => setManifestZone(e.target.value)}
            data-testid="manifest-time-zone"
          />
          <datalist id="sorted-pro-time-zones">
            {TIME_ZONES.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </div>
      </Field>
    </Container>
  )
}
