import type { ProClient } from "./pro"

/** How long one process reuses the carriers' tracking page templates it read from PRO. */
const TEMPLATES_TTL_MS = 60 * 60_000

const remembered = new WeakMap<ProClient, { expires: number; templates: Promise<Map<string, string>> }>()

/**
 * The tracking page template of each carrier, by PRO carrier reference, from `GET /carriers` (docs/pro-api.md §2):
 * a carrier's `TrackingUrl` when it has one (a string with `{TrackingNumber}`; the sandbox's own field, see
 * sandbox/README.md "Decisions"). Read once an hour per client. Never throws: when PRO gives no such field, or does not
 * answer, the map is empty (a failed read is not remembered) and labels simply get no tracking URL.
 */
export function carrierTrackingTemplates(client: ProClient, now = Date.now()): Promise<Map<string, string>> {
  const known = remembered.get(client)
  if (known && known.expires > now) {
    return known.templates
  }
  const templates = client.catalogue
    .carriers({ timeoutMs: 5_000 })
    .then((carriers) => {
      const found = new Map<string, string>()
      for (const carrier of Array.isArray(carriers) ? carriers : []) {
        if (carrier?.Reference && typeof carrier.TrackingUrl === "string" && carrier.TrackingUrl.includes("{TrackingNumber}")) {
          found.set(carrier.Reference, carrier.TrackingUrl)
        }
      }
      return found
    })
    .catch(() => {
      if (remembered.get(client) === entry) {
        remembered.delete(client)
      }
      return new Map<string, string>()
    })
  const entry = { expires: now + TEMPLATES_TTL_MS, templates }
  remembered.set(client, entry)
  return templates
}

/**
 * The tracking page template of `carrierReference`'s carrier: the merchant's (`configured`, the `trackingUrls` plugin
 * option) over PRO's ({@link carrierTrackingTemplates}, not asked when the merchant configured one); null without one.
 */
export async function trackingTemplateOf(
  client: ProClient,
  carrierReference: string | null | undefined,
  configured: Record<string, string> = {}
): Promise<string | null> {
  if (!carrierReference) {
    return null
  }
  return configured[carrierReference] ?? (await carrierTrackingTemplates(client)).get(carrierReference) ?? null
}
