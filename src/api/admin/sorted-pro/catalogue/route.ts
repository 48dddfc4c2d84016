import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { ProCarrierService } from "../../../../lib/pro"
import { sendAdminError, sortedProService } from "../helpers"

/**
 * `GET /admin/sorted-pro/catalogue` — the PRO account's catalogue for pickers (docs/pro-api.md §2, §4):
 * 200 `{ service_groups: [{reference, name}], carrier_services: [{reference, name, carrier_reference, carrier_name}],
 * carriers: [{reference, name}], shipping_locations: [{reference, name}] }`. Errors: 409/502 from PRO with its CorrelationId.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const client = sortedProService(req).getClient()
  try {
    const [groups, services, locations] = await Promise.all([
      client.catalogue.serviceGroups(),
      client.catalogue.carrierServices(),
      client.catalogue.shippingLocations(),
    ])
    const serviceList: ProCarrierService[] = Array.isArray(services) ? services : (services?.MpdCarrierServices ?? [])
    const carrierServices = serviceList.map((service) => ({
      reference: service.Reference,
      name: service.Name,
      carrier_reference: service.MpdCarrierReference ?? null,
      carrier_name: service.CarrierName ?? null,
    }))
    const carriers = new Map<string, string>()
    for (const service of carrierServices) {
      if (service.carrier_reference) {
        carriers.set(service.carrier_reference, service.carrier_name ?? service.carrier_reference)
      }
    }
    res.json({
      service_groups: (groups ?? []).filter((group) => group.IsEnabled !== false).map((group) => ({ reference: group.Reference, name: group.Name })),
      carrier_services: carrierServices,
      carriers: [...carriers].map(([reference, name]) => ({ reference, name })),
      shipping_locations: (locations ?? []).map((location) => ({ reference: location.Reference, name: location.Name })),
    })
  } catch (error) {
    sendAdminError(res, error, "Catalogue")
  }
}
