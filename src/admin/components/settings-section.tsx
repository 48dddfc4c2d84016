import { Alert, Button, Container, IconButton, Input, Label, Select, Switch, Text, toast } from "@medusajs/ui"
import { Trash } from "@medusajs/icons"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { adminFetch, describeError, localDateTime, PluginSettings, settingsQuery, SettingsResponse, Strategy, strategyText } from "../lib/api"
import { needsCatalogueReference, StrategyPicker } from "./strategy-picker"
import { ChoiceSelect, SectionHeader } from "./layout"

const DEFAULT = "__default"

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
 * /admin/sorted-pro/catalogue`), label format, fallback prices per currency, daily manifest time and its last run.
 */
export const SettingsSection = () => {
  const queryClient = useQueryClient()
  const settings = useQuery(settingsQuery)
  const [mapping, setMapping] = useState<Record<string, string>>({})
  const [strategy, setStrategy] = useState<Strategy>({ type: "default_rules" })
  const [optionStrategies, setOptionStrategies] = useState<Record<string, Strategy>>({})
  const [labelFormat, setLabelFormat] = useState<PluginSettings["label_format"]>("pdf")
  const [prices, setPrices] = useState<Array<{ currency: string; amount: string }>>([])
  const [manifestOn, setManifestOn] = useState(false)
  const [manifestTime, setManifestTime] = useState("17:00")

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
        },
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(settingsQuery.queryKey, data)
      toast.success("Settings saved")
    },
    onError: (error) => toast.error("Settings not saved", { description: describeError(error) }),
  })

  /** Saves, unless a strategy still lacks its service group or carrier service (named in an error toast). */
  const submit = () => {
    const names = new Map((settings.data?.shipping_options ?? []).map((option) => [option.id, option.name]))
    const incomplete = [
      ...(needsCatalogueReference(strategy.type) && !strategy.reference ? [`Default allocation`] : []),
      ...Object.entries(optionStrategies)
        .filter(([, chosen]) => needsCatalogueReference(chosen.type) && !chosen.reference)
        .map(([id]) => names.get(id) ?? id),
    ]
    if (incomplete.length) {
      toast.error("Settings not saved", { description: `Choose a service group or carrier service for: ${incomplete.join(", ")}` })
      return
    }
    save.mutate()
  }

  if (settings.isLoading) {
    return (
      <Container className="px-6 py-4">
        <Text size="small" className="text-ui-fg-subtle">
          Loading settings…
        </Text>
      </Container>
    )
  }
  if (settings.isError || !settings.data) {
    return (
      <Container className="px-6 py-4">
        <Alert variant="error">Could not load settings: {describeError(settings.error)}</Alert>
      </Container>
    )
  }
  const data = settings.data
  const defaultLocation = data.settings.default_shipping_location
  const lastManifest = data.settings.last_manifest_at
  return (
    <Container className="divide-y p-0" data-testid="sorted-pro-settings">
      <SectionHeader title="Settings" subtitle="Stored in the plugin; the plugin options in medusa-config are the defaults.">
        <Button size="small" onClick={submit} isLoading={save.isPending} data-testid="save-settings">
          Save
        </Button>
      </SectionHeader>
      <Field label="Shipping locations" hint="Which PRO shipping location each stock location ships from.">
        {data.shipping_locations_error && (
          <Alert variant="warning">PRO's shipping locations are unavailable: {data.shipping_locations_error.message}</Alert>
        )}
        {data.stock_locations.length === 0 && (
          <Text size="small" className="text-ui-fg-subtle">
            This store has no stock location.
          </Text>
        )}
        {data.stock_locations.map((location) => (
          <div key={location.id} className="grid grid-cols-[minmax(0,1fr)_minmax(0,2fr)] items-center gap-x-2">
            <Text size="small">{location.name}</Text>
            <ChoiceSelect
              value={mapping[location.id] || DEFAULT}
              onValueChange={(value) => setMapping({ ...mapping, [location.id]: value === DEFAULT ? "" : value })}
              trigger={{ "data-testid": `shipping-location-${location.id}`, "aria-label": `Shipping location of ${location.name}` }}
              first={{
                value: DEFAULT,
                label: location.metadata_shipping_location
                  ? `From location metadata (${location.metadata_shipping_location})`
                  : `Default${defaultLocation ? ` (${defaultLocation})` : " (none)"}`,
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
      <Field label="Default allocation" hint="How consignments created after an order are allocated.">
        <StrategyPicker
          value={strategy}
          onChange={(chosen) => setStrategy(chosen ?? { type: "default_rules" })}
          label="Default allocation"
          testId="default-strategy"
        />
      </Field>
      <Field
        label="Allocation per shipping option"
        testId="settings-option-strategies"
        hint="Overrides the default allocation for the consignments of a SortedPRO shipping option. A delivery day the shopper chose keeps its carrier service."
      >
        {data.shipping_options.length === 0 && (
          <Text size="small" className="text-ui-fg-subtle">
            This store has no SortedPRO shipping option.
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
              inheritLabel={`Store default (${describeStrategy(strategy)})`}
              label={`Allocation of ${option.name}`}
              testId={`option-strategy-${option.id}`}
            />
          </div>
        ))}
      </Field>
      <Field label="Label format" hint="Format of labels opened from fulfillments.">
        <Select value={labelFormat} onValueChange={(value) => setLabelFormat(value as PluginSettings["label_format"])}>
          <Select.Trigger>
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value="pdf">PDF (4×6 in)</Select.Item>
            <Select.Item value="zpl">ZPL</Select.Item>
            <Select.Item value="zplii">ZPL II</Select.Item>
            <Select.Item value="png">PNG</Select.Item>
          </Select.Content>
        </Select>
      </Field>
      <Field
        label="Fallback prices"
        hint={`Charged when PRO cannot answer at checkout. Default ${data.settings.fallback_price.toFixed(2)} in the cart's currency.`}
      >
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
            <IconButton size="small" variant="transparent" aria-label="Remove" onClick={() => setPrices(prices.filter((_, i) => i !== index))}>
              <Trash />
            </IconButton>
          </div>
        ))}
        <div>
          <Button size="small" variant="secondary" onClick={() => setPrices([...prices, { currency: "", amount: "" }])}>
            Add currency
          </Button>
        </div>
      </Field>
      <Field
        label="Daily manifest"
        testId="settings-daily-manifest"
        hint="Europe/London time at which the day's consignments are manifested automatically."
      >
        <div className="flex items-center gap-x-3">
          <Switch checked={manifestOn} onCheckedChange={setManifestOn} id="manifest-on" />
          <Label htmlFor="manifest-on" size="small">
            {manifestOn ? "Every day at" : "Off"}
          </Label>
          {manifestOn && <Input size="small" type="time" className="w-32" value={manifestTime} onChange={(e) => setManifestTime(e.target.value)} />}
          <Text size="small" className="text-ui-fg-subtle" data-testid="last-manifest">
            {lastManifest ? `Last run ${localDateTime(lastManifest)}` : manifestOn ? "Not run yet" : ""}
          </Text>
        </div>
      </Field>
    </Container>
  )
}
