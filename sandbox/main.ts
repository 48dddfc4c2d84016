/**
 * `npm run sandbox`: runs the PRO sandbox on 127.0.0.1:$SORTED_PRO_SANDBOX_PORT (default 4010),
 * prints its URL and closes cleanly on SIGINT/SIGTERM. Optional `SORTED_PRO_SANDBOX_NOW` fixes the
 * initial sandbox time (ISO-8601).
 */
import { startSandbox } from "./server"

async function main(): Promise<void> {
  const port = Number(process.env.SORTED_PRO_SANDBOX_PORT ?? 4010)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`SORTED_PRO_SANDBOX_PORT must be a port number, got ${process.env.SORTED_PRO_SANDBOX_PORT}`)
  const running = await startSandbox({ port, host: "127.0.0.1", now: process.env.SORTED_PRO_SANDBOX_NOW || undefined })
  console.log(`SortedPRO sandbox listening on ${running.url} (send any non-empty ocp-apim-subscription-key; control API at ${running.url}/_sandbox)`)
  let closing = false
  const stop = (signal: string) => {
    if (closing) return
    closing = true
    console.log(`Received ${signal}, closing SortedPRO sandbox`)
    running.close().then(
      () => process.exit(0),
      (err) => {
        console.error(err)
        process.exit(1)
      },
    )
  }
  process.on("SIGINT", () => stop("SIGINT"))
  process.on("SIGTERM", () => stop("SIGTERM"))
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
