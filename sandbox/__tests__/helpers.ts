/**
 * Test helpers: start a sandbox on a random port and call it with Node's global fetch.
 */
import { RunningSandbox, startSandbox } from "../server"

/** Monday 16 June 2025, 10:00 London (BST). */
export const MONDAY_10AM = "2025-06-16T10:00:00+01:00"

/** JSON response: status, parsed body (undefined when empty) and headers. */
export interface JsonResponse {
  status: number
  body: any
  headers: Headers
}

/** A started sandbox plus a `call` helper that sends the API key unless `auth: false`. */
export interface TestSandbox extends RunningSandbox {
  call(method: string, path: string, body?: unknown, opts?: { auth?: boolean; headers?: Record<string, string> }): Promise<JsonResponse>
}

/** Starts a sandbox at `now` (default {@link MONDAY_10AM}). Remember to `close()` it. */
export async function start(now: string = MONDAY_10AM): Promise<TestSandbox> {
  const running = await startSandbox({ port: 0, now })
  return {
    ...running,
    async call(method, path, body, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) }
      if (opts.auth !== false) {
        headers["ocp-apim-subscription-key"] = "test-key"
      }
      if (body !== undefined) {
        headers["content-type"] = "application/json"
      }
      const res = await fetch(`${running.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
      const text = await res.text()
      return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers }
    },
  }
}

/** A package in kg / cm / GBP. */
export function pkg(weightKg = 1.2, dims: [number, number, number] = [20, 30, 10], value = 25) {
  return {
    Weight: { Value: weightKg, Unit: "Kg" },
    Dimensions: { Unit: "Cm", Width: dims[0], Length: dims[1], Height: dims[2] },
    Value: { Amount: value, Currency: { IsoCode: "GBP" } },
    Description: "Socks",
  }
}

/** Destination address for a postcode and country. */
export function destination(postcode = "SW1A 1AA", country = "GB") {
  return {
    AddressType: "Destination",
    Contact: { Title: "Ms", FirstName: "Jo", LastName: "Bloggs", Email: "jo@example.com", Telephone: "07700900000" },
    AddressLine1: "1 Test Road",
    Town: "Testtown",
    Postcode: postcode,
    Country: { IsoCode: { TwoLetterCode: country } },
  }
}

/** A shipment body from SL-MANCHESTER. */
export function shipment(overrides: Record<string, unknown> = {}, dest = destination(), packages: Record<string, unknown>[] = [pkg()]) {
  return {
    ConsignmentReferenceProvidedByCustomer: "ORDER-1001",
    Packages: packages,
    Addresses: [{ AddressType: "Origin", ShippingLocationReference: "SL-MANCHESTER" }, dest],
    ...overrides,
  }
}

/** The reference at the end of a 201 response's first link (`[{ Href: "…/EC-000-000-001" }]`). */
export const refOf = (res: { body: any }): string => res.body[0].Href.split("/").pop()

/** Creates a consignment (`POST /consignments`, docs/pro-api.md §3.1) and returns its EC- reference. */
export async function createConsignment(s: TestSandbox, body: unknown = shipment()): Promise<string> {
  return refOf(await s.call("POST", "/consignments", body))
}

/** Gets delivery options and selects the first one matching `pick` (default: first). Returns the new EC- reference. */
export async function selectFirst(s: TestSandbox, body = shipment(), pick: (o: any) => boolean = () => true): Promise<string> {
  const options = await s.call("POST", "/deliveryoptions", body)
  const option = options.body.DeliveryOptions.find(pick)
  if (!option) {
    throw new Error("no matching option")
  }
  const sel = await s.call("POST", `/deliveryoptions/select/${option.Reference}`)
  if (sel.status !== 200) {
    throw new Error(`select failed: ${JSON.stringify(sel.body)}`)
  }
  return sel.body.ApiLinks[0].Href.split("/").pop()
}
