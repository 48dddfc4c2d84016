/**
 * Contract tests: every JSON example of docs/pro-api.md (copied into fixtures/contract-examples.json, see
 * fixtures/extract-contract-examples.ts) replayed against the sandbox.
 *
 * - Request examples are sent as written (after the set-up they need: consignments that exist, allocated where needed;
 *   the example's `EC-`/`EO-`/`EDO-` references and the placeholder service `Example-Carrier-Service` substituted by
 *   real ones) and must be accepted with the documented status.
 * - Response examples are compared with the sandbox's answer to the equivalent call: every field name of the example
 *   must exist in the answer with the same JSON type ({@link shapeMismatches}).
 *
 * The sandbox clock starts on Friday 14 June 2019, 10:00 London, the week of the examples, so the verbatim dates
 * (ShippingDate 2019-06-17, DeliveryDate 2019-06-19) are in the future and yield options.
 */
import fs from "node:fs"
import path from "node:path"
import type { ContractExample } from "./fixtures/extract-contract-examples"
import { JsonResponse, start, TestSandbox } from "./helpers"

const EXAMPLES: ContractExample[] = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures/contract-examples.json"), "utf8"))
const NOW = "2019-06-14T10:00:00+01:00"

/** JSON type name of a parsed value: "null" | "array" | "object" | "number" | "string" | "boolean". */
export function jsonType(value: unknown): string {
  if (value === null) {
    return "null"
  }
  if (Array.isArray(value)) {
    return "array"
  }
  return typeof value
}

/**
 * Paths where `actual` does not have the shape of `example` (empty list = same shape). Objects are compared key by key
 * (every key of the example must exist in `actual`; extra keys are fine), arrays by their first element (an example
 * array with elements needs a non-empty actual array), scalars by JSON type; `null` in the example matches anything.
 * Paths look like `$.DeliveryOptions[0].Price.TaxRate`.
 */
export function shapeMismatches(example: unknown, actual: unknown, at = "$"): string[] {
  if (example === null) {
    return []
  }
  const want = jsonType(example)
  const got = jsonType(actual)
  if (want !== got) {
    return [`${at}: expected ${want}, got ${got}`]
  }
  if (want === "array") {
    const ex = example as unknown[]
    const ac = actual as unknown[]
    if (ex.length === 0) {
      return []
    }
    if (ac.length === 0) {
      return [`${at}: expected a non-empty array like the example, got []`]
    }
    return shapeMismatches(ex[0], ac[0], `${at}[0]`)
  }
  if (want === "object") {
    const ac = actual as Record<string, unknown>
    return Object.entries(example as Record<string, unknown>).flatMap(([key, value]) =>
      key in ac ? shapeMismatches(value, ac[key], `${at}.${key}`) : [`${at}.${key}: missing`]
    )
  }
  return []
}

function example(id: string): ContractExample {
  const found = EXAMPLES.find((e) => e.id === id)
  if (!found) {
    throw new Error(`no example ${id}`)
  }
  return found
}

/** Deep copy of `value` with every string equal to a key of `map` replaced by its value. */
function substitute<T>(value: T, map: Record<string, string>): T {
  return JSON.parse(JSON.stringify(value), (_k, v) => (typeof v === "string" && v in map ? map[v] : v))
}

/** Last path segment of the first ApiLink Href of a response body (`[ApiLink]` or `{ApiLinks}`). */
function refFromLinks(body: any): string {
  const links = Array.isArray(body) ? body : body.ApiLinks
  return links[0].Href.split("/").pop()
}

describe("shapeMismatches", () => {
  it("names missing keys, wrong types and empty arrays by path", () => {
    const ex = { A: 1, B: { C: "x", D: [{ E: true }] }, F: null, G: [], H: [1] }
    expect(shapeMismatches(ex, { A: 2, B: { C: "y", D: [{ E: false, Z: 1 }] }, F: { any: 1 }, G: [1], H: [3] })).toEqual([])
    expect(shapeMismatches(ex, { A: "1", B: { D: [{ E: null }] }, F: 1, G: [], H: [] })).toEqual([
      "$.A: expected number, got string",
      "$.B.C: missing",
      "$.B.D[0].E: expected boolean, got null",
      "$.H: expected a non-empty array like the example, got []",
    ])
    expect(shapeMismatches([{ A: 1 }], { A: 1 })).toEqual(["$: expected array, got object"])
  })
})

describe("docs/pro-api.md examples", () => {
  let s: TestSandbox
  beforeAll(async () => (s = await start(NOW)))
  afterAll(() => s.close())
  beforeEach(() => s.sandbox.reset())

  const create = async (body: unknown = example("§3.1-request").example): Promise<string> => {
    const res = await s.call("POST", "/consignments", body)
    if (res.status !== 201) {
      throw new Error(`create failed: ${JSON.stringify(res.body)}`)
    }
    return refFromLinks(res.body)
  }
  const allocate = async (refs: string[], service?: string): Promise<void> => {
    const res = service
      ? await s.call("PUT", "/allocation/allocatewithcarrierservice", { MpdCarrierServiceReference: service, ConsignmentReferences: refs })
      : await s.call("PUT", "/allocation/allocate", { ConsignmentReferences: refs })
    const failed = (res.body as any[]).filter((r) => r.StatusCode !== 200)
    if (res.status !== 200 || failed.length) {
      throw new Error(`allocation failed: ${JSON.stringify(res.body)}`)
    }
  }
  const createMany = (n: number) => Promise.all(Array.from({ length: n }, () => create()))
  const deliveryOptions = () => s.call("POST", "/deliveryoptions", example("§3.2-request").example)

  /**
   * For each example id: the call that replays it (request examples: the example itself as body) or, for a response
   * example, the equivalent call; the test compares the answer with the example.
   */
  const scenarios: Record<string, () => Promise<JsonResponse>> = {
    "§1-response": () => s.call("GET", "/consignments/EC-000-05C-ZB4"),
    "§3.1-request": () => s.call("POST", "/consignments", example("§3.1-request").example),
    "§3.1-response": () => s.call("POST", "/consignments", example("§3.1-request").example),
    "§3.2-request": deliveryOptions,
    "§3.2-response": deliveryOptions,
    "§3.3-request": () => s.call("POST", "/deliveryoptions/pickupoptions/", example("§3.3-request").example),
    "§3.3-response": () => s.call("POST", "/deliveryoptions/pickupoptions/", example("§3.3-request").example),
    "§3.4-response": async () => {
      const option = (await deliveryOptions()).body.DeliveryOptions[0]
      return s.call("POST", `/deliveryoptions/select/${option.Reference}`)
    },
    "§3.5-request": async () => {
      const option = (await deliveryOptions()).body.DeliveryOptions[0]
      return s.call("POST", "/deliveryoptions/selectorder", substitute(example("§3.5-request").example, { "EDO-000-6DX-6XP": option.Reference }))
    },
    "§3.5-response": async () => {
      const option = (await deliveryOptions()).body.DeliveryOptions[0]
      return s.call("POST", "/deliveryoptions/selectorder", substitute(example("§3.5-request").example, { "EDO-000-6DX-6XP": option.Reference }))
    },
    "§3.6-request": () => s.call("POST", "/orders", example("§3.6-request").example),
    "§3.6-response": () => s.call("POST", "/orders", example("§3.6-request").example),
    "§3.6-request-pack": async () => {
      const order = refFromLinks((await s.call("POST", "/orders", example("§3.6-request").example)).body)
      return s.call("POST", `/orders/${order}/pack`, substitute(example("§3.6-request-pack").example, { "EO-000-002-0TT": order }))
    },
    "§3.6-response-pack": async () => {
      const order = refFromLinks((await s.call("POST", "/orders", example("§3.6-request").example)).body)
      return s.call("POST", `/orders/${order}/pack`, substitute(example("§3.6-request-pack").example, { "EO-000-002-0TT": order }))
    },
    "§3.7-request": async () => {
      const [a, b, c] = await createMany(3)
      return s.call(
        "PUT",
        "/allocation/allocate",
        substitute(example("§3.7-request").example, { "EC-000-05B-MMA": a, "EC-000-083-45D": b, "EC-000-A04-0DV": c })
      )
    },
    "§3.7-response": async () => {
      const [a, b, c] = await createMany(3)
      return s.call(
        "PUT",
        "/allocation/allocate",
        substitute(example("§3.7-request").example, { "EC-000-05B-MMA": a, "EC-000-083-45D": b, "EC-000-A04-0DV": c })
      )
    },
    "§3.7-request-carrierservice": async () => {
      const [a, b, c] = await createMany(3)
      const body = substitute(example("§3.7-request-carrierservice").example, {
        "Example-Carrier-Service": "MPD_T48CX",
        "EC-000-05A-Z6S": a,
        "EC-000-083-45D": b,
        "EC-000-A04-0DV": c,
      })
      return s.call("PUT", "/allocation/allocatewithcarrierservice", body)
    },
    "§3.8-response": () => s.call("POST", "/quotes/", example("§3.1-request").example),
    "§3.9-response": async () => {
      const ref = await create()
      await allocate([ref])
      return s.call("GET", `/labels/${ref}/pdf`)
    },
    "§3.10-response": async () => {
      // §3.1's consignment sent to Paris: an export, so customs documents exist (CN22: £5.99, 0.5 kg)
      const body = substitute(example("§3.1-request").example, {}) as any
      const dest = body.Addresses.find((a: any) => a.AddressType === "Destination")
      Object.assign(dest, {
        AddressLine1: "12 Rue de Rivoli",
        Town: "Paris",
        Region: "Île-de-France",
        Postcode: "75004",
        Country: { Name: "France", IsoCode: { TwoLetterCode: "FR" } },
      })
      delete dest.LatLong
      const ref = await create(body)
      await allocate([ref])
      return s.call("GET", `/consignments/docs/${ref}`)
    },
    "§3.11-request": async () => {
      const refs = await createMany(3)
      await allocate(refs)
      const [a, b, c] = refs
      return s.call(
        "PUT",
        "/consignments/manifest",
        substitute(example("§3.11-request").example, { "EC-000-05A-Z6S": a, "EC-000-083-45D": b, "EC-000-A04-0DV": c })
      )
    },
    "§3.11-response": async () => {
      const ref = await create()
      await allocate([ref])
      return s.call("PUT", "/consignments/manifest", { ConsignmentReferences: [ref] })
    },
    "§3.11-request-fromquery": () => manifestFromQuery(),
    "§3.11-response-fromquery": () => manifestFromQuery(),
    "§3.12-response": async () => s.call("GET", `/consignments/${await create()}`),
    "§3.12-response-status": async () => {
      const ref = await create()
      await allocate([ref])
      return s.call("GET", `/consignments/${ref}/status`)
    },
    "§3.14-response": async () => s.call("GET", `/tracking/${await delivered()}`),
    "§3.14-response-flattened": async () => s.call("GET", `/tracking/flattened/${await delivered()}`),
    "§3.13-request": async () => {
      const [a, b, c] = await createMany(3)
      return s.call(
        "PUT",
        "/consignments/cancellist",
        substitute(example("§3.13-request").example, { "EC-000-05D-1NS": a, "EC-000-05D-1NT": b, "EC-000-05D-1NV": c })
      )
    },
    "§3.13-response": async () => s.call("PUT", "/consignments/cancellist", [await create()]),
  }

  /** Two consignments from `Location1` allocated with Carrier X, labels printed: what §3.11's query looks for. */
  async function manifestFromQuery(): Promise<JsonResponse> {
    const body = substitute(example("§3.1-request").example, { EDC5_Electio: "Location1" })
    const refs = [await create(body), await create(body)]
    await allocate(refs, "MPD_T48CX")
    for (const ref of refs) {
      expect((await s.call("GET", `/labels/${ref}`)).status).toBe(200)
    }
    const res = await s.call("POST", "/consignments/manifestFromQuery", example("§3.11-request-fromquery").example)
    for (const ref of refs) {
      expect((await s.call("GET", `/consignments/${ref}`)).body.ConsignmentState).toBe("Manifested")
    }
    return res
  }

  /** §3.1's consignment allocated, manifested and delivered on the sandbox clock (tracking has events). */
  async function delivered(): Promise<string> {
    const ref = await create()
    await allocate([ref], "MPD_T48CX")
    expect((await s.call("PUT", "/consignments/manifest", { ConsignmentReferences: [ref] })).status).toBe(200)
    s.sandbox.clock.advanceDays(7)
    expect((await s.call("GET", `/consignments/${ref}`)).body.ConsignmentState).toBe("Delivered")
    return ref
  }

  it("has a scenario for every example, and every fenced block of docs/pro-api.md is an example", () => {
    expect(Object.keys(scenarios).sort()).toEqual(EXAMPLES.map((e) => e.id).sort())
    const blocks = EXAMPLES.filter((e) => e.origin === "fenced").map((e) => e.block)
    expect(blocks).toEqual(Array.from({ length: 23 }, (_, i) => i + 1))
    expect(EXAMPLES.filter((e) => e.kind === "request")).toHaveLength(11)
    expect(EXAMPLES.filter((e) => e.kind === "response")).toHaveLength(19)
  })

  describe.each(EXAMPLES.filter((e) => e.kind === "request").map((e) => [e.id, e] as const))("request %s", (_id, ex) => {
    it(`is accepted by ${ex.endpoint} with ${ex.acceptedStatus ?? ex.status}`, async () => {
      const res = await scenarios[ex.id]()
      expect({ status: res.status, body: res.status >= 300 ? res.body : "(accepted)" }).toEqual({
        status: ex.acceptedStatus ?? ex.status,
        body: "(accepted)",
      })
      // bulk endpoints answer 200 with per-item results: each item of the example must have succeeded too
      if (Array.isArray(res.body)) {
        const failures = res.body.filter((r: any) => r.IsSuccess === false || (typeof r.StatusCode === "number" && r.StatusCode >= 300))
        expect(failures).toEqual([])
      }
    })
  })

  describe.each(EXAMPLES.filter((e) => e.kind === "response").map((e) => [e.id, e] as const))("response %s", (_id, ex) => {
    it(`matches the field names and types of ${ex.endpoint}`, async () => {
      const res = await scenarios[ex.id]()
      expect(res.status).toBe(ex.acceptedStatus ?? ex.status)
      expect(shapeMismatches(ex.example, res.body)).toEqual([])
    })
  })

  it("answers the replayed requests with the outcomes the examples describe", async () => {
    const options = (await deliveryOptions()).body.DeliveryOptions
    // §3.2: Tracked 48 from Monday 17 June reaches Wednesday 19 June, as in the example
    expect(options.map((o: any) => `${o.CarrierServiceReference} ${o.EstimatedDeliveryDate.Date}`)).toContain("MPD_T48CX 2019-06-19T00:00:00+00:00")
    expect(options.every((o: any) => o.EstimatedDeliveryDate.Date <= "2019-06-19T00:00:00+00:00")).toBe(true)
    const manifested = await manifestFromQuery()
    expect(manifested.body.Message).toMatch(/^Query found 2 consignment\(s\)\. 2 successfully queued to manifest\. 0 failed/)
  })
})
