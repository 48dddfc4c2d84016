/**
 * CLI of the PRO sandbox (`npm run sandbox`, `npx sorted-pro-sandbox`):
 *
 *   sorted-pro-sandbox [--port <n>] [--host <address>] [--now <ISO-8601>]
 *
 * Listens on `--port`, else `$SORTED_PRO_SANDBOX_PORT`, else 4010 (0 = a random free port), on `--host` (default
 * 127.0.0.1), prints `SortedPRO sandbox listening on <url> …` and closes cleanly on SIGINT/SIGTERM. `--now` (else
 * `$SORTED_PRO_SANDBOX_NOW`) fixes the initial sandbox time. Exits 1 with a message on a bad option or a busy port,
 * 0 after `--help`.
 */
import { parseArgs } from "node:util"
import { startSandbox } from "./server"

const USAGE = `Usage: sorted-pro-sandbox [--port <n>] [--host <address>] [--now <ISO-8601>]

Offline emulator of the SortedPRO (ex-Electio) Consignments API.
  --port   port to listen on (default $SORTED_PRO_SANDBOX_PORT, else 4010; 0 = random)
  --host   interface to bind (default 127.0.0.1)
  --now    initial sandbox time, e.g. 2025-06-16T10:00:00+01:00 (default $SORTED_PRO_SANDBOX_NOW, else the real time)`

/** Listening options from the command line and environment. Throws `Error` with a usage hint on a bad value. */
export function cliOptions(argv: string[], env: NodeJS.ProcessEnv): { port: number; host: string; now?: string; help: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string", short: "p" },
      host: { type: "string" },
      now: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  })
  const rawPort = values.port ?? env.SORTED_PRO_SANDBOX_PORT ?? "4010"
  const port = Number(rawPort)
  if (!/^\d+$/.test(rawPort.trim()) || port > 65535) {
    throw new Error(`${values.port !== undefined ? "--port" : "SORTED_PRO_SANDBOX_PORT"} must be a port number (0-65535), got ${rawPort}`)
  }
  return { port, host: values.host ?? "127.0.0.1", now: values.now ?? (env.SORTED_PRO_SANDBOX_NOW || undefined), help: !!values.help }
}

/**
 * Runs the CLI: parses `argv` (default: this process's arguments), starts the sandbox and keeps it running until
 * SIGINT/SIGTERM. On a bad option or a failed start prints the error and exits 1.
 */
export function runCli(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): void {
  main(argv, env).catch((err) => {
    console.error(err instanceof Error ? err.message : err)
    if (err instanceof Error && /must be a port|Unknown option|argument/i.test(err.message)) {
      console.error(`\n${USAGE}`)
    }
    process.exit(1)
  })
}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const options = cliOptions(argv, env)
  if (options.help) {
    console.log(USAGE)
    return
  }
  const running = await startSandbox({ port: options.port, host: options.host, now: options.now })
  console.log(`SortedPRO sandbox listening on ${running.url} (send any non-empty ocp-apim-subscription-key; control API at ${running.url}/_sandbox)`)
  let closing = false
  const stop = (signal: string) => {
    if (closing) {
      return
    }
    closing = true
    console.log(`Received ${signal}, closing SortedPRO sandbox`)
    running.close().then(
      () => process.exit(0),
      (err) => {
        console.error(err)
        process.exit(1)
      }
    )
  }
  process.on("SIGINT", () => stop("SIGINT"))
  process.on("SIGTERM", () => stop("SIGTERM"))
}

if (require.main === module) {
  runCli()
}
