import { useRef, type KeyboardEvent } from "react"

/**
 * Internal: WAI-ARIA APG radio-group keyboard model for a list of `role="radio"` buttons. One tab stop (the
 * checked item, else the first); Arrow Right/Down and Left/Up move focus to the next/previous item (wrapping)
 * and check it; Home/End go to the first/last; Space/Enter check the focused item (native button click).
 */
export function useRadioGroup(count: number, checkedIndex: number, check: (index: number) => void) {
  const items = useRef<Array<HTMLButtonElement | null>>([])
  const tabStop = checkedIndex >= 0 && checkedIndex < count ? checkedIndex : 0

  const move = (from: number, event: KeyboardEvent<HTMLButtonElement>) => {
    let to: number
    switch (event.key) {
      case "ArrowRight":
      case "ArrowDown":
        to = (from + 1) % count
        break
      case "ArrowLeft":
      case "ArrowUp":
        to = (from - 1 + count) % count
        break
      case "Home":
        to = 0
        break
      case "End":
        to = count - 1
        break
      default:
        return
    }
    event.preventDefault()
    items.current[to]?.focus()
    check(to)
  }

  return (index: number) => ({
    ref: (element: HTMLButtonElement | null) => {
      items.current[index] = element
    },
    type: "button" as const,
    role: "radio" as const,
    "aria-checked": index === checkedIndex,
    tabIndex: index === tabStop ? 0 : -1,
    onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => move(index, event),
    onClick: () => check(index),
  })
}

/** Joins class names, skipping empty ones. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(" ")
}
