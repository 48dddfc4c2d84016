import { Modules } from "@medusajs/framework/utils"
import { loadedModule } from "../modules"
import type { CacheLike } from "./types"

/**
 * What checkout shares between Medusa processes (issue #15 "Checkout cache"): answers through Medusa's cache, and a
 * short claim through Medusa's Locking module so that one process asks PRO for a cart state while the others wait for
 * its answer in the cache.
 */

/** The part of Medusa's Locking module (`Modules.LOCKING`, `ILockingModule`) the claim uses; `expire` in seconds. */
export interface LockingLike {
  acquire(keys: string | string[], args?: { ownerId?: string | null; expire?: number }): Promise<void>
  release(keys: string | string[], args?: { ownerId?: string | null }): Promise<boolean>
}

/** The part of Medusa's Caching module (`Modules.CACHING`, `ICachingModuleService`) we use; `ttl` in seconds. */
interface CachingModuleLike {
  get(args: { key: string }): Promise<unknown>
  set(args: { key: string; data: object; ttl?: number }): Promise<void>
}

/** A container, or anything that resolves Medusa modules by key (`resolve(key, { allowUnregistered: true })`). */
export type ModuleResolver = { resolve<T>(key: string, options?: { allowUnregistered?: boolean }): T | undefined }

/**
 * The cache checkout answers are shared through: Medusa's Caching module (`Modules.CACHING`, e.g. `caching-redis`)
 * where the host configured it, else the cache service (`Modules.CACHE`: `cache-inmemory` by default, `cache-redis` when
 * configured; docs/medusa.md §5), else none. Resolved from `scope`, or, without one, from the modules loaded in this
 * process (the fulfillment provider's container cannot resolve them, docs/medusa.md fact 6).
 */
export function sharedCache(scope?: ModuleResolver): CacheLike | undefined {
  const find = <T>(key: string) => (scope ? (scope.resolve<T>(key, { allowUnregistered: true }) ?? undefined) : loadedModule<T>(key))
  const caching = find<CachingModuleLike>(Modules.CACHING)
  if (caching) {
    return {
      get: async <T>(key: string) => ((await caching.get({ key })) as T | null | undefined) ?? null,
      set: (key, value, ttl) => caching.set({ key, data: value as object, ttl }),
    }
  }
  return find<CacheLike>(Modules.CACHE)
}

/** Medusa's Locking module from `scope`, or among the modules loaded in this process; undefined without one. */
export function sharedLocking(scope?: ModuleResolver): LockingLike | undefined {
  return scope ? (scope.resolve<LockingLike>(Modules.LOCKING, { allowUnregistered: true }) ?? undefined) : loadedModule<LockingLike>(Modules.LOCKING)
}
