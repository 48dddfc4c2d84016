/** A Redis database of the bench's own, so that concurrent benches (and other users of the Redis server) never meet. */
import { redactUrl } from "../../scripts/lib/postgres"

/**
 * Takes an empty Redis database number (15 down to 1) and marks it with a key naming this run, so that no other
 * bench takes it; `release` empties it (FLUSHDB) only if the marker is still ours. Uses ioredis (the client Medusa's
 * Redis modules themselves use).
 */
export async function claimRedisDatabase(baseUrl: string): Promise<{ url: string; db: number; marker: string; release(): Promise<void> }> {
  const { Redis } = await import("ioredis")
  const marker = `sorted-pro-bench:${process.pid}:${Date.now()}`
  for (let db = 15; db >= 1; db--) {
    const url = new URL(baseUrl)
    url.pathname = `/${db}`
    const client = new Redis(url.toString(), { lazyConnect: true, maxRetriesPerRequest: 2 })
    await client.connect()
    try {
      const size = await client.dbsize()
      if (size !== 0) {
        continue
      }
      const taken = await client.set("sorted-pro-bench:owner", marker, "NX")
      if (taken !== "OK") {
        continue
      }
      return {
        url: url.toString(),
        db,
        marker,
        release: async () => {
          const owner = new Redis(url.toString(), { lazyConnect: true, maxRetriesPerRequest: 2 })
          await owner.connect()
          try {
            if ((await owner.get("sorted-pro-bench:owner")) === marker) {
              await owner.flushdb()
            }
          } finally {
            owner.disconnect()
          }
        },
      }
    } finally {
      client.disconnect()
    }
  }
  throw new Error(`no empty Redis database (1–15) on ${redactUrl(baseUrl)}`)
}
