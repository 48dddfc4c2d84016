import { Button, Drawer, Heading, Label, RadioGroup, Table, Text, toast, clx } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { adminFetch, Consignment, describeError, money, Quote, shortDay, Strategy } from "../lib/api"
import { catalogueQuery, STRATEGY_TYPES, StrategyReferenceSelect } from "./strategy-picker"
import { useAdminTranslation } from "../lib/i18n"

type Props = {
  open: boolean
  onOpenChange: (open: boolean) => void
  /** One consignment (quotes available) or several (bulk: no quotes). */
  references: string[]
  onDone?: () => void
}

/** Drawer to allocate or re-allocate consignments: a strategy picker and, for one consignment, PRO's quotes table. */
export const AllocateDrawer = ({ open, onOpenChange, references, onDone }: Props) => {
  const t = useAdminTranslation()
  const single = references.length === 1
  const queryClient = useQueryClient()
  const [type, setType] = useState<Strategy["type"]>("default_rules")
  const [reference, setReference] = useState<string>("")
  useEffect(() => setReference(""), [type])

  const catalogue = useQuery({ ...catalogueQuery, enabled: open })
  const quotes = useQuery({
    queryKey: ["sorted-pro", "quotes", references[0]],
    queryFn: () => adminFetch<{ quotes: Quote[]; message: string | null }>(`/admin/sorted-pro/consignments/${references[0]}/quotes`),
    enabled: open && single && type === "quote",
  })

  const allocate = useMutation({
    mutationFn: async () => {
      const strategy: Strategy = reference ? { type, reference } : { type }
      if (single) {
        const result = await adminFetch<{ consignment: Consignment; settled: boolean }>(`/admin/sorted-pro/consignments/${references[0]}/allocate`, {
          method: "POST",
          body: { strategy },
        })
        return {
          allocated: 1,
          failed: 0,
          text: t(result.settled ? "allocate.allocatedTo" : "allocate.allocatingTo", {
            reference: result.consignment.reference,
            service: `${result.consignment.carrier_name ?? ""} ${result.consignment.carrier_service_name ?? ""}`.trim(),
          }),
        }
      }
      const result = await adminFetch<{
        allocated: number
        failed: number
        results: Array<{ reference: string; ok: boolean; error: { message: string; correlation_id: string | null } | null }>
      }>("/admin/sorted-pro/bulk/allocate", { method: "POST", body: { references, strategy } })
      const firstFailure = result.results.find((entry) => !entry.ok)
      return {
        allocated: result.allocated,
        failed: result.failed,
        text: `${t("allocate.bulkResult", { allocated: result.allocated, failed: result.failed })}${
          firstFailure
            ? ` — ${firstFailure.reference}: ${
                firstFailure.error?.correlation_id
                  ? t("common.withCorrelation", { message: firstFailure.error.message, id: firstFailure.error.correlation_id })
                  : firstFailure.error?.message
              }`
            : ""
        }`,
      }
    },
    onSuccess: (outcome) => {
      void queryClient.invalidateQueries({ queryKey: ["sorted-pro"] })
      if (outcome.failed) {
        toast.warning(t("allocate.toast.partial"), { description: outcome.text })
      } else {
        toast.success(t("allocate.toast.done"), { description: outcome.text })
      }
      onOpenChange(false)
      onDone?.()
    },
    onError: (error) => toast.error(t("allocate.toast.failed"), { description: describeError(error) }),
  })

  const needsReference = type === "service_group" || type === "carrier_service" || type === "quote"

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content className="sm:max-w-[720px]">
        <Drawer.Header>
          <Drawer.Title asChild>
            <Heading>{single ? t("allocate.titleOne", { reference: references[0] }) : t("allocate.titleMany", { count: references.length })}</Heading>
          </Drawer.Title>
          <Drawer.Description className="text-ui-fg-subtle txt-small">{t("allocate.description")}</Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
          <RadioGroup value={type} onValueChange={(value) => setType(value as Strategy["type"])} className="flex flex-col gap-y-3">
            {STRATEGY_TYPES.filter((option) => single || option !== "quote").map((option) => (
              <div key={option} className="flex items-start gap-x-3">
                <RadioGroup.Item value={option} id={`strategy-${option}`} />
                <div className="flex flex-col">
                  <Label htmlFor={`strategy-${option}`} weight="plus" size="small">
                    {t(`strategy.${option}`)}
                  </Label>
                  <Text size="small" className="text-ui-fg-subtle">
                    {t(`strategy.hint.${option}`)}
                  </Text>
                </div>
              </div>
            ))}
          </RadioGroup>

          {(type === "service_group" || type === "carrier_service") && (
            <div className="flex flex-col gap-y-2">
              <Label size="small" weight="plus">
                {t(`strategy.${type}`)}
              </Label>
              <StrategyReferenceSelect type={type} value={reference} onChange={setReference} catalogue={catalogue} />
            </div>
          )}

          {type === "quote" && (
            <div className="flex flex-col gap-y-2" data-testid="quotes-table">
              <Label size="small" weight="plus">
                {t("allocate.quotes")}
              </Label>
              {quotes.isLoading && (
                <Text size="small" className="text-ui-fg-subtle">
                  {t("allocate.askingQuotes")}
                </Text>
              )}
              {quotes.isError && (
                <Text size="small" className="text-ui-fg-error">
                  {describeError(quotes.error)}
                </Text>
              )}
              {quotes.data && quotes.data.quotes.length === 0 && (
                <Text size="small" className="text-ui-fg-subtle">
                  {quotes.data.message ? t("allocate.noQuoteBecause", { message: quotes.data.message }) : t("allocate.noQuote")}
                </Text>
              )}
              {quotes.data && quotes.data.quotes.length > 0 && (
                <Table>
                  <Table.Header>
                    <Table.Row>
                      <Table.HeaderCell />
                      <Table.HeaderCell>{t("common.carrier")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("allocate.service")}</Table.HeaderCell>
                      <Table.HeaderCell className="text-right">{t("allocate.price")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("common.delivery")}</Table.HeaderCell>
                    </Table.Row>
                  </Table.Header>
                  <Table.Body>
                    {quotes.data.quotes.map((quote) => (
                      <Table.Row
                        key={quote.quote_reference}
                        className={clx("cursor-pointer", reference === quote.quote_reference && "bg-ui-bg-highlight")}
                        onClick={() => setReference(quote.quote_reference)}
                        data-testid="quote-row"
                      >
                        <Table.Cell>
                          <input
                            type="radio"
                            readOnly
                            checked={reference === quote.quote_reference}
                            aria-label={t("allocate.quoteLabel", { service: quote.carrier_service_name })}
                          />
                        </Table.Cell>
                        <Table.Cell>{quote.carrier_reference}</Table.Cell>
                        <Table.Cell>{quote.carrier_service_name}</Table.Cell>
                        <Table.Cell className="text-right tabular-nums">{money(quote.price.gross, quote.price.currency_code)}</Table.Cell>
                        <Table.Cell className="whitespace-nowrap">
                          {shortDay(quote.earliest_delivery_date)}
                          {quote.latest_delivery_date && quote.latest_delivery_date.slice(0, 10) !== quote.earliest_delivery_date?.slice(0, 10)
                            ? ` – ${shortDay(quote.latest_delivery_date)}`
                            : ""}
                        </Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              )}
            </div>
          )}
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button variant="secondary" size="small">
              {t("common.cancel")}
            </Button>
          </Drawer.Close>
          <Button size="small" isLoading={allocate.isPending} disabled={needsReference && !reference} onClick={() => allocate.mutate()}>
            {t("common.allocate")}
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
