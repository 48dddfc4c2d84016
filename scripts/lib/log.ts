/** Progress lines with the seconds elapsed since the logger was made, e.g. `[demo 12.3s] seeding the demo store`. */

/** A logger printing `[<label> <seconds since now>s] <message>` to standard output. */
export function elapsedLogger(label: string): (message: string) => void {
  const started = Date.now()
  return (message) => console.log(`[${label} ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`)
}
