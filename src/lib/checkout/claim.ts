import { randomUUID } from "crypto"
import { setTimeout as sleep } from "timers/promises"
import { within } from "./deadline"
import type { LockingLike } from "./shared-cache"
import type { CacheLike } from "./types"

/** The most a cache read may take of the checkout budget (ms) before it is skipped. */
export const CACHE_READ_MS = 200

/** How often a process waiting for another one's PRO answer looks in the shared cache (ms). */
export const CLAIM_POLL_MS = 25
/** The most an attempt to take the lock may take (ms) before the process asks PRO without a claim. */
export const CLAIM_ACQUIRE_MS = 200

/** The outcome of {@link claimOrWait}: the answer another process put in the cache, or the claim to ask PRO ourselves. */
export interface Claim<T> {
  /** Another process's answer, read from the shared cache: do not ask PRO. */
  found?: T
  /** Gives the claim up (after the answer is in the cache, or on failure); safe to call once whatever the outcome. */
  release(): void
}

const unclaimed = { release: () => undefined }

/**
 * A short claim across Medusa processes on asking PRO for `key` (issue #15): the first process to acquire the lock
 * `sorted-pro:claim:<key>` (Medusa's Locking module, `acquire` with an owner and `expire` = the seconds left until
 * `deadline`, so a crashed holder's claim lapses) asks PRO; the others look for its answer with `read` (the shared
 * cache) every {@link CLAIM_POLL_MS} ms and take the claim once it is released without an answer (the holder failed).
 * A process waits at most half the time left to `deadline`, then asks PRO itself (an answer late is worse than a second
 * call). Without `locking`, or when the lock cannot be used (an error other than the lock being held, or no answer
 * within {@link CLAIM_ACQUIRE_MS} ms), there is no claim: the caller asks PRO (the in-process single-flight still holds).
 */
export async function claimOrWait<T>(
  locking: LockingLike | undefined,
  key: string,
  read: () => Promise<T | null>,
  deadline: number,
  signal: AbortSignal
): Promise<Claim<T>> {
  if (!locking) {
    return unclaimed
  }
  const lockKey = `sorted-pro:claim:${key}`
  const ownerId = `sorted-pro:${randomUUID()}`
  const waitUntil = Date.now() + (deadline - Date.now()) / 2
  for (;;) {
    const release = () => void locking.release(lockKey, { ownerId }).catch(() => undefined)
    const attempt = locking.acquire(lockKey, { ownerId, expire: Math.max(1, Math.ceil((deadline - Date.now()) / 1000)) }).then(
      () => "acquired" as const,
      (error) => (isHeld(error) ? ("held" as const) : ("unusable" as const))
    )
    const outcome = await within(attempt, CLAIM_ACQUIRE_MS, "unusable")
    if (outcome === "acquired") {
      const found = await read() // the holder before us may have answered between our first read and our claim
      if (found) {
        release()
        return { found, release: () => undefined }
      }
      return { release }
    }
    if (outcome === "unusable") {
      void attempt.then((late) => late === "acquired" && release()) // a slow lock taken after all is given back
      return unclaimed
    }
    if (Date.now() >= waitUntil || signal.aborted) {
      return unclaimed
    }
    await sleep(CLAIM_POLL_MS, undefined, { signal }).catch(() => undefined)
    const found = await read()
    if (found) {
      return { found, release: () => undefined }
    }
  }
}

/** True when `acquire` failed because another owner holds the lock (in-memory and Redis providers: "Failed to acquire lock"). */
function isHeld(error: unknown): boolean {
  return /failed to acquire lock/i.test((error as Error)?.message ?? "")
}

/**
 * The answer for `key` shared by the processes of a store: from `cache` when there, else from `ask` under a claim
 * across processes ({@link claimOrWait}, with `locking`). A fresh answer is written to `cache` (TTL `ttlSeconds`) after
 * the response ({@link afterResponse}) and the claim is released after the write, so a process waiting for it finds it.
 * Cache reads are skipped after {@link CACHE_READ_MS} ms. @throws what `ask` throws (the claim is released first).
 */
export async function sharedOnce<T>(
  args: { cache?: CacheLike; locking?: LockingLike; key: string; ttlSeconds: number; deadline: number; signal: AbortSignal },
  ask: () => Promise<T>
): Promise<T> {
  const { cache, key } = args
  const read = () => within(cache?.get<T>(key), CACHE_READ_MS, null)
  const cached = await read()
  if (cached) {
    return cached
  }
  const claim = await claimOrWait(cache ? args.locking : undefined, key, read, args.deadline, args.signal)
  if (claim.found) {
    return claim.found
  }
  try {
    const answer = await ask()
    void afterResponse(() => cache?.set(key, answer, args.ttlSeconds)).then(claim.release)
    return answer
  } catch (error) {
    claim.release()
    throw error
  }
}

/**
 * Runs a cache write on the next turn of the event loop, so that the caller that awaits the answer sends its response
 * first (what it does after the answer is synchronous). Never rejects.
 */
export function afterResponse(write: () => Promise<unknown> | undefined): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve))
    .then(write)
    .then(() => undefined)
    .catch(() => undefined)
}
