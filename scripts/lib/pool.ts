/** Bounded concurrency. */

/**
 * Runs `worker(i)` for i in [0, count) with at most `concurrency` at a time.
 * @returns the results in index order. A throwing `worker` rejects the whole run (the others still finish their current item).
 */
export async function pool<T>(count: number, concurrency: number, worker: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++
        results[i] = await worker(i)
      }
    })
  )
  return results
}
