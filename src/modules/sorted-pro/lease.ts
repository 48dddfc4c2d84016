import { randomUUID } from "node:crypto"
import type { Claim } from "../../lib/consignments/ports"

/** What the lease needs of the database: Knex's `raw` (Medusa's `ContainerRegistrationKeys.PG_CONNECTION`). */
export interface RawSql {
  raw(sql: string, bindings?: unknown[]): PromiseLike<{ rows?: Array<Record<string, unknown>> }>
}

/** Lease timings in ms: the lease, how long a caller waits for a holder, how often it asks. */
export interface LeaseOptions {
  leaseMs?: number
  waitMs?: number
  pollMs?: number
}

/** How long a lease lasts without renewal, in ms: a process that dies holding one blocks its record this long. */
export const DEFAULT_LEASE_MS = 120_000

/** Thrown when a claim stays held by another caller for longer than `waitMs`. */
export class ClaimHeldError extends Error {
  constructor(readonly key: string) {
    super(`SortedPRO: ${key} is being written by another process; try again shortly`)
    this.name = "ClaimHeldError"
  }
}

const TAKE = `insert into sorted_pro_lease (id, holder, claimed_until) values (?, ?, now() + (? * interval '1 millisecond'))
  on conflict (id) do update set holder = excluded.holder, claimed_until = excluded.claimed_until, updated_at = now()
  where sorted_pro_lease.claimed_until < now() returning id`
const RENEW = `update sorted_pro_lease set claimed_until = now() + (? * interval '1 millisecond'), updated_at = now() where id = ? and holder = ?`
const RELEASE = `delete from sorted_pro_lease where id = ? and holder = ?`

/**
 * The exactly-once engine's {@link Claim} as a lease on a row of `sorted_pro_lease` in the store's PostgreSQL, so it
 * holds across every Medusa process (server, worker, several servers) whatever locking provider the host configured
 * (Medusa's default one is in memory, per process: docs/medusa.md). Taking the lease is one atomic statement
 * (`INSERT … ON CONFLICT DO UPDATE … WHERE claimed_until < now()`): it succeeds for one caller only while the lease is
 * live. The holder renews it every third of `leaseMs` (default 120 000 ms) while `work` runs, so the lease outlasts
 * the section it guards however long PRO takes; a process that dies leaves a lease that lapses after `leaseMs`.
 * Others wait up to `waitMs` (default 60 000), asking every `pollMs` (default 200).
 * @throws ClaimHeldError when the lease stays held for `waitMs`; what `work` or the database throw.
 */
export function leaseClaim(db: RawSql, options: LeaseOptions = {}): Claim {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS
  const waitMs = options.waitMs ?? 60_000
  const pollMs = options.pollMs ?? 200
  return async (key, work) => {
    const holder = `${process.pid}:${randomUUID()}`
    const giveUp = Date.now() + waitMs
    for (;;) {
      const taken = await db.raw(TAKE, [key, holder, leaseMs])
      if (taken.rows?.length) {
        break
      }
      if (Date.now() >= giveUp) {
        throw new ClaimHeldError(key)
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs))
    }
    const renew = setInterval(() => {
      Promise.resolve(db.raw(RENEW, [leaseMs, key, holder])).catch(() => undefined)
    }, leaseMs / 3)
    try {
      return await work()
    } finally {
      clearInterval(renew)
      await db.raw(RELEASE, [key, holder])
    }
  }
}

/** The keys among `keys` whose lease is live now (a write for them may be in flight in some process). */
export async function heldKeys(db: RawSql, keys: string[]): Promise<Set<string>> {
  if (!keys.length) {
    return new Set()
  }
  const { rows } = await db.raw(`select id from sorted_pro_lease where id = any(?) and claimed_until >= now()`, [keys])
  return new Set((rows ?? []).map((row) => String(row.id)))
}
