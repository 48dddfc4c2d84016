import { useCallback, useEffect, useRef, useState } from "react"
import { SortedProError, toSortedProError } from "../api"

/** Lifecycle of a store read: nothing asked yet, in flight, answered, failed. */
export type QueryStatus = "idle" | "loading" | "success" | "error"

export interface StoreQueryState<T> {
  status: QueryStatus
  data: T | undefined
  error: SortedProError | null
}

/**
 * Internal: runs `load` whenever `key` changes (not when `key` is null), aborts the previous request, and
 * ignores answers that arrive after a newer request started. `refetch` re-runs the current key.
 */
export function useStoreQuery<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>) {
  const [state, setState] = useState<StoreQueryState<T>>({ status: "idle", data: undefined, error: null })
  const [generation, setGeneration] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load

  useEffect(() => {
    if (key === null) {
      setState({ status: "idle", data: undefined, error: null })
      return
    }
    const controller = new AbortController()
    setState((previous) => ({ status: "loading", data: previous.data, error: null }))
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) {
          setState({ status: "success", data, error: null })
        }
      },
      (error) => {
        if (!controller.signal.aborted) {
          setState({ status: "error", data: undefined, error: toSortedProError(error) })
        }
      }
    )
    return () => controller.abort()
  }, [key, generation])

  const refetch = useCallback(() => setGeneration((value) => value + 1), [])
  return { ...state, isLoading: state.status === "loading", refetch }
}
