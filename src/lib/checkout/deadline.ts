/** Raised (and given as the abort reason) when a checkout step runs past its deadline. */
export class DeadlineExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`SortedPRO did not answer within the checkout budget of ${budgetMs} ms`)
    this.name = "DeadlineExceeded"
  }
}

/**
 * Runs `work` under a hard deadline `budgetMs` ms from now: resolves with its result, or rejects with
 * {@link DeadlineExceeded} at the deadline, whatever `work` is waiting on (a connect, a trickling response, a cache, a
 * database look-up). `work` gets the deadline (epoch ms) and an AbortSignal aborted at it, to cancel its own I/O.
 */
export async function withDeadline<T>(budgetMs: number, work: (signal: AbortSignal, deadline: number) => Promise<T>): Promise<T> {
  const controller = new AbortController()
  const deadline = Date.now() + budgetMs
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new DeadlineExceeded(budgetMs)
      controller.abort(error)
      reject(error)
    }, budgetMs)
  })
  try {
    return await Promise.race([work(controller.signal, deadline), expired])
  } finally {
    clearTimeout(timer)
  }
}

/** `promise`, or `otherwise` when it has not settled within `ms` ms or rejects (for best-effort cache reads). */
export async function within<T>(promise: Promise<T> | undefined, ms: number, otherwise: T): Promise<T> {
  if (!promise) {
    return otherwise
  }
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(otherwise), ms)
  })
  try {
    return await Promise.race([promise.catch(() => otherwise), late])
  } finally {
    clearTimeout(timer)
  }
}
