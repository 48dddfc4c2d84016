import { Alert, Button, Container, Heading, IconButton, Input, Label, Select, Switch, Text, toast } from "@medusajs/ui"
import { Trash } from "@medusajs/icons"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { adminFetch, Catalogue, describeError, Strategy } from "../lib/api"

type Settings = {
  shipping_locations: Record<string, string>
  default_shipping_location: string | null
  allocation_strategy: Strategy
  label_format: "pdf" | "zpl" | "zplii" | "png"
  fallback_prices: Record<string, number>
  fallback_price: number
  manifest_time: string | null
}
type SettingsResponse = {
  settings: Settings
  stock_locations: Array<{ id: string; name: string }>
  shipping_locations: Array<{ reference: string; name: string }>
  shipping_locations_error: { message: string; correlation_id: string | null } | null
}
const DEFAULT = "__default"

const Field = ({ label, hint, children }: { label: string; hint?: string; children: React.ReactNode }) => (
  <div className="grid grid-cols-1 gap-2 px-6 py-4 md:grid-cols-[260px_1fr]">
    <div>
      <Label size="small" weight="plus">{label}</Label>
      {hint && <Text size="xsmall" className="text-ui-fg-subtle">{hint}</Text>}
    </div>
    <div className="flex max-w-[560px] flex-col gap-y-2">{children}</div>
  </div>
)

/**
 * Settings of the plugin stored in its module (`GET/POST /admin/sorted-pro/settings`; plugin options are the
 * defaults): stock location → PRO shipping location, default allocation strategy, label format, fallback prices
 * per currency, daily manifest time.
 */
export const SettingsSection = () => {
  const queryClient = useQueryClient()
  const settings = useQuery({ queryKey: ["sorted-pro", "settings"], queryFn: () => adminFetch<SettingsResponse>("/admin/sorted-pro/settings") })
  const catalogue = useQuery({ queryKey: ["sorted-pro", "catalogue"], queryFn: () => adminFetch<Catalogue>("/admin/sorted-pro/catalogue"), staleTime: 5 * 60_000 })
  const [mapping, setMapping] = useState<Record<string, string>>({})
  const [strategy, setStrategy] = useState<Strategy>({ type: "default_rules" })
  const [labelFormat, setLabelFormat] = useState<Settings["label_format"]>("pdf")
  const [prices, setPrices] = useState<Array<{ currency: string; amount: string }>>([])
  const [manifestOn, setManifestOn] = useState(false)
  const [manifestTime, setManifestTime] = useState("17:00")

  useEffect(() => {
    const s = settings.data?.settings
    if (!s) return
    setMapping(s.shipping_locations ?? {})
    setStrategy(s.allocation_strategy ?? { type: "default_rules" })
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
          allocation_strategy: strategy.reference ? strategy : { type: strategy.type },
          label_format: labelFormat,
          fallback_prices: Object.fromEntries(prices.filter((p) => p.currency).map((p) => [p.currency.trim().toLowerCase(), Number(p.amount)])),
          manifest_time: manifestOn ? manifestTime : null,
        },
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(["sorted-pro", "settings"], data)
      toast.success("Settings saved")
    },
    onError: (error) => toast.error("Settings not saved", { description: describeError(error) }),
  })

  if (settings.isLoading) {
    return <Container className="px-6 py-4"><Text size="small" className="text-ui-fg-subtle">Loading settings…</Text></Container>
  }
  if (settings.isError || !settings.data) {
    return <Container className="px-6 py-4"><Alert variant="error">Could not load settings: {describeError(settings.error)}</Alert></Container>
  }
  const data = settings.data
  const defaultLocation = data.settings.default_shipping_location
  return (
    <Container className="divide-y p-0" data-testid="sorted-pro-settings">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Settings</Heading>
          <Text size="small" className="text-ui-fg-subtle">Stored in the plugin; the plugin options in medusa-config are the defaults.</Text>
        </div>
        <Button size="small" onClick={() => save.mutate()} isLoading={save.isPending} data-testid="save-settings">Save</Button>
      </div>
      <Field label="Shipping locations" hint="Which PRO shipping location each stock location ships from.">
        {data.shipping_locations_error && <Alert variant="warning">PRO's shipping locations are unavailable: {data.shipping_locations_error.message}</Alert>}
        {data.stock_locations.length === 0 && <Text size="small" className="text-ui-fg-subtle">This store has no stock location.</Text>}
        {data.stock_locations.map((location) => (
          <div key={location.id} className="grid grid-cols-[minmax(0,1fr)_minmax(0,2fr)] items-center gap-x-2">
            <Text size="small">{location.name}</Text>
            <Select value={mapping[location.id] ?? DEFAULT} onValueChange={(value) => setMapping({ ...mapping, [location.id]: value === DEFAULT ? "" : value })}>
              <Select.Trigger><Select.Value /></Select.Trigger>
              <Select.Content>
                <Select.Item value={DEFAULT}>Default{defaultLocation ? ` (${defaultLocation})` : " (none)"}</Select.Item>
                {data.shipping_locations.map((l) => (
                  <Select.Item key={l.reference} value={l.reference}>{l.name} ({l.reference})</Select.Item>
                ))}
              </Select.Content>
            </Select>
          </div>
        ))}
      </Field>
      <Field label="Default allocation" hint="How consignments created after an order are allocated.">
        <Select value={strategy.type} onValueChange={(type) => setStrategy({ type: type as Strategy["type"] })}>
          <Select.Trigger><Select.Value /></Select.Trigger>
          <Select.Content>
            <Select.Item value="default_rules">Default rules</Select.Item>
            <Select.Item value="service_group">Service group</Select.Item>
            <Select.Item value="carrier_service">Carrier service</Select.Item>
            <Select.Item value="cheapest_quote">Cheapest quote</Select.Item>
          </Select.Content>
        </Select>
        {(strategy.type === "service_group" || strategy.type === "carrier_service") && (
          <Select value={strategy.reference ?? ""} onValueChange={(reference) => setStrategy({ ...strategy, reference })}>
            <Select.Trigger><Select.Value placeholder="Choose" /></Select.Trigger>
            <Select.Content>
              {(strategy.type === "service_group"
                ? (catalogue.data?.service_groups ?? []).map((g) => ({ value: g.reference, label: `${g.name} (${g.reference})` }))
                : (catalogue.data?.carrier_services ?? []).map((s) => ({ value: s.reference, label: `${s.carrier_name ?? ""} · ${s.name}` }))
              ).map((option) => (
                <Select.Item key={option.value} value={option.value}>{option.label}</Select.Item>
              ))}
            </Select.Content>
          </Select>
        )}
      </Field>
      <Field label="Label format" hint="Format of labels opened from fulfillments.">
        <Select value={labelFormat} onValueChange={(value) => setLabelFormat(value as Settings["label_format"])}>
          <Select.Trigger><Select.Value /></Select.Trigger>
          <Select.Content>
            <Select.Item value="pdf">PDF (4×6 in)</Select.Item>
            <Select.Item value="zpl">ZPL</Select.Item>
            <Select.Item value="zplii">ZPL II</Select.Item>
            <Select.Item value="png">PNG</Select.Item>
          </Select.Content>
        </Select>
      </Field>
      <Field label="Fallback prices" hint={`Charged when PRO cannot answer at checkout. Default ${data.settings.fallback_price.toFixed(2)} in the cart's currency.`}>
        {prices.map((price, index) => (
          <div key={index} className="flex items-center gap-x-2">
            <Input size="small" className="w-24" placeholder="gbp" value={price.currency} onChange={(e) => setPrices(prices.map((p, i) => (i === index ? { ...p, currency: e.target.value } : p)))} />
            <Input size="small" type="number" step="0.01" min="0" className="w-32" value={price.amount} onChange={(e) => setPrices(prices.map((p, i) => (i === index ? { ...p, amount: e.target.value } : p)))} />
            <IconButton size="small" variant="transparent" aria-label="Remove" onClick={() => setPrices(prices.filter((_, i) => i !== index))}><Trash /></IconButton>
          </div>
        ))}
        <div><Button size="small" variant="secondary" onClick={() => setPrices([...prices, { currency: "", amount: "" }])}>Add currency</Button></div>
      </Field>
      <Field label="Daily manifest" hint="Europe/London time at which the day's consignments are manifested automatically.">
        <div className="flex items-center gap-x-3">
          <Switch checked={manifestOn} onCheckedChange={setManifestOn} id="manifest-on" />
          <Label htmlFor="manifest-on" size="small">{manifestOn ? "Every day at" : "Off"}</Label>
          {manifestOn && <Input size="small" type="time" className="w-32" value={manifestTime} onChange={(e) => setManifestTime(e.target.value)} />}
        </div>
      </Field>
    </Container>
  )
}
