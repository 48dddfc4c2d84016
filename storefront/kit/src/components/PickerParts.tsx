import { useRef } from "react"
import type { SortedProError, SortedProSdk, StoreCart } from "../api"
import { useSelectShippingOption } from "../hooks/useSelectShippingOption"
import type { SortedProLabels } from "../labels"
import { cx } from "../radio"
import type { ShippingChoice } from "../types"

/** Internal: the props of both pickers that choosing reads. */
interface ChoosingProps {
  cartId: string | null | undefined
  cartFields?: string
  sdk?: SortedProSdk
  addToCart?: boolean
  onError?: (error: SortedProError) => void
}

/**
 * Internal: the choosing both pickers share. `store(choice, key, report)` reports the choice at once without
 * `addToCart`; else stores it on the cart (`useSelectShippingOption`) and reports it with the updated cart. When the
 * store refuses it: `onError`, then `restore` what the cart holds — `null` after an expired choice (and `refetch`
 * lists again), else the last stored key (`initialKey` before any). `statusText(chosen)` is the line under the
 * picker: saving, the refusal, or `chosen()` once the choice is stored (or reported, without `addToCart`).
 */
export function useStoredChoice(
  props: ChoosingProps,
  labels: SortedProLabels,
  refetch: () => void,
  restore: (key: string | null) => void,
  initialKey: string | null = null
) {
  const { cartId, cartFields, sdk, addToCart = true, onError } = props
  const selection = useSelectShippingOption({ cartId, fields: cartFields, sdk })
  const stored = useRef<string | null>(initialKey)

  const store = (choice: ShippingChoice, key: string, report: (cart: StoreCart | null) => void) => {
    if (!addToCart) {
      report(null)
      return
    }
    selection.select(choice).then(
      (cart) => {
        stored.current = key
        report(cart)
      },
      (error: SortedProError) => {
        onError?.(error)
        // show what the cart holds: nothing valid after an expired choice (list again), else the last stored one
        restore(error.chooseAgain ? null : stored.current)
        if (error.chooseAgain) {
          refetch()
        }
      }
    )
  }

  const statusText = (chosen: () => string | null): string | null => {
    if (selection.status === "pending") {
      return labels.saving
    }
    if (selection.status === "error" && selection.error) {
      return selection.error.chooseAgain ? labels.chooseAgain : selection.error.message
    }
    return selection.status === "success" || !addToCart ? chosen() : null
  }

  return { store, statusText, failed: selection.status === "error" }
}

/** Internal: the listing's loading line (spinner and `text`). */
export function LoadingStatus({ className, text }: { className: string; text: string }) {
  return (
    <div className={className} role="status">
      <span className="spk-spinner" aria-hidden="true" />
      {text}
    </div>
  )
}

/** Internal: the listing's error (`message`) with a retry button. */
export function ListError(props: { className: string; buttonClassName: string; message: string; retry: string; onRetry: () => void }) {
  return (
    <div className={props.className} role="alert">
      <span>{props.message}</span>
      <button type="button" className={props.buttonClassName} onClick={props.onRetry}>
        {props.retry}
      </button>
    </div>
  )
}

/** Internal: the polite status line under a picker (the choice being saved, stored or refused). */
export function ChoiceStatus({ className, failed, text }: { className: string; failed: boolean; text: string | null }) {
  return (
    <p className={cx(className, failed && "spk-status-error")} role="status" aria-live="polite">
      {text}
    </p>
  )
}
