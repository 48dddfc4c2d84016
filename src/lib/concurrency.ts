/**
 * Calls `work(item, index)` for every item of `items`, at most `concurrency` calls at a time, taking items in order;
 * resolves once every call has finished. `work` should catch its own failures (one per item): a throw rejects the
 * returned promise while the other workers carry on.
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>
): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      await work(items[index], index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
}
