/**
 * Step 2b of the packaging check: the installed `sorted-pro-sandbox` executable runs the compiled sandbox (no tsx):
 * `--help`, `npx sorted-pro-sandbox --port <free>` answering health and delivery options and stopping on SIGTERM to
 * its process group, and the executable run directly exiting 0 on SIGTERM.
 */
import { ChildProcess } from "child_process"
import fs from "fs"
import path from "path"
import { freePort, portOpen } from "../../scripts/lib/ports"
import { groupAlive, killGroup, spawnGroup } from "../../scripts/lib/process"
import { cleanEnv, DELIVERY_OPTIONS_REQUEST, pluginName, run, SANDBOX_BIN, SANDBOX_NOW } from "./context"
import { check, onCleanup, running, seconds } from "./harness"

/** A started `sorted-pro-sandbox`: the child (leader of its own process group), its URL and its output so far. */
interface RunningSandbox {
  child: ChildProcess
  url: string
  output: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/**
 * Starts `command args` in `cwd` as its own process group (stdout and stderr appended to `log`) and resolves once it
 * prints the sandbox's `SortedPRO sandbox listening on <url>` line (sandbox/main.ts); rejects if it exits first or
 * prints nothing within `timeoutMs`. The group is SIGKILLed at cleanup if still alive.
 */
function startSandboxExecutable(command: string, args: string[], opts: { cwd: string; log: string; timeoutMs: number }): Promise<RunningSandbox> {
  fs.appendFileSync(opts.log, `\n$ ${command} ${args.join(" ")}   (in ${opts.cwd})\n`)
  const child = spawnGroup(command, args, { cwd: opts.cwd, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] })
  running.add(child)
  let output = ""
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8")
    fs.appendFileSync(opts.log, chunk)
  }
  child.stdout!.on("data", collect)
  child.stderr!.on("data", collect)
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      running.delete(child)
      resolve({ code, signal })
    })
  )
  onCleanup(`stop ${command} ${args.join(" ")}`, () => killGroup(child, "SIGKILL"))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "listening on" line within ${seconds(opts.timeoutMs)}: ${output.slice(-500)}`)),
      opts.timeoutMs
    )
    child.stdout!.on("data", () => {
      const url = output.match(/SortedPRO sandbox listening on (http:\/\/[^\s]+)/)?.[1]
      if (url) {
        clearTimeout(timer)
        resolve({ child, url, output: () => output, exited })
      }
    })
    child.once("error", (error) => {
      clearTimeout(timer)
      reject(error)
    })
    exited.then(({ code, signal }) => {
      clearTimeout(timer)
      reject(new Error(`exited with ${code ?? signal} before listening: ${output.slice(-500)}`))
    })
  })
}

/** Checks the sandbox executable of the host app in `hostDir` (logs in `logs`). @throws CheckFailure (reported) when a check fails. */
export async function checkSandboxExecutable(hostDir: string, logs: string): Promise<void> {
  const sandboxLog = path.join(logs, "sandbox.log")
  const binLink = path.join(hostDir, "node_modules", ".bin", SANDBOX_BIN)
  await check(
    `host app: node_modules/.bin/${SANDBOX_BIN} runs the compiled sandbox (no tsx)`,
    async () => {
      const installedBin = fs.realpathSync(path.join(hostDir, "node_modules", pluginName, "sandbox", "bin.js"))
      if (!fs.existsSync(binLink) || fs.realpathSync(binLink) !== installedBin) {
        throw new Error(`${binLink} does not link to ${installedBin}`)
      }
      const chosen = JSON.parse(
        await run(
          process.execPath,
          ["-e", "const b = process.argv[1]; console.log(JSON.stringify(require(b).entryPoint(require('path').dirname(b))))", installedBin],
          {
            cwd: hostDir,
            log: sandboxLog,
            timeoutMs: 60_000,
          }
        )
      )
      const compiled = path.join(path.dirname(path.dirname(installedBin)), ".medusa", "sandbox", "main.js")
      if (chosen.kind !== "compiled" || chosen.file !== compiled) {
        throw new Error(`bin.js would run ${JSON.stringify(chosen)}, not ${compiled}`)
      }
      const usage = await run(binLink, ["--help"], { cwd: hostDir, log: sandboxLog, timeoutMs: 60_000 })
      if (!usage.startsWith(`Usage: ${SANDBOX_BIN} `)) {
        throw new Error(`--help printed ${JSON.stringify(usage.slice(0, 200))}`)
      }
      return `→ ${path.relative(hostDir, compiled)}; --help exits 0`
    },
    sandboxLog
  )

  const sandboxPort = await freePort()
  await check(
    `host app: npx ${SANDBOX_BIN} --port ${sandboxPort} → /_sandbox/health, POST /deliveryoptions 201, SIGTERM stops it`,
    async () => {
      const sandbox = await startSandboxExecutable("npx", ["--no", "--", SANDBOX_BIN, "--port", String(sandboxPort), "--now", SANDBOX_NOW], {
        cwd: hostDir,
        log: sandboxLog,
        timeoutMs: 60_000,
      })
      if (sandbox.url !== `http://127.0.0.1:${sandboxPort}`) {
        throw new Error(`listening on ${sandbox.url}, not on port ${sandboxPort}`)
      }
      const health = await fetch(`${sandbox.url}/_sandbox/health`, { signal: AbortSignal.timeout(10_000) })
      const healthBody = await health.json()
      if (health.status !== 200 || healthBody.status !== "ok" || healthBody.now !== new Date(SANDBOX_NOW).toISOString()) {
        throw new Error(`GET /_sandbox/health: HTTP ${health.status} ${JSON.stringify(healthBody)}`)
      }
      const options = await fetch(`${sandbox.url}/deliveryoptions`, {
        method: "POST",
        headers: { "content-type": "application/json", "ocp-apim-subscription-key": "packaging-check" },
        body: JSON.stringify(DELIVERY_OPTIONS_REQUEST),
        signal: AbortSignal.timeout(10_000),
      })
      const text = await options.text()
      const list: Array<{ Reference?: string; CarrierServiceReference?: string }> | undefined = (() => {
        try {
          return JSON.parse(text).DeliveryOptions
        } catch {
          return undefined
        }
      })()
      if (
        options.status !== 201 ||
        !Array.isArray(list) ||
        !list.length ||
        !list.every((option) => /^EDO-/.test(option.Reference ?? "") && option.CarrierServiceReference)
      ) {
        throw new Error(`POST /deliveryoptions: HTTP ${options.status}: ${text.slice(0, 300)}`)
      }
      // npm runs the executable through a shell, which does not pass a signal on: SIGTERM goes to the process group,
      // as a terminal's Ctrl-C or a process manager's group stop does
      killGroup(sandbox.child, "SIGTERM")
      const deadline = Date.now() + 15_000
      while (groupAlive(sandbox.child.pid!) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      if (groupAlive(sandbox.child.pid!)) {
        throw new Error("still running 15 s after SIGTERM")
      }
      if (!sandbox.output().includes("Received SIGTERM, closing SortedPRO sandbox")) {
        throw new Error(`did not close on SIGTERM: ${sandbox.output().slice(-300)}`)
      }
      if (await portOpen(sandboxPort)) {
        throw new Error(`port ${sandboxPort} still accepts connections after SIGTERM`)
      }
      return `${list.length} delivery options`
    },
    sandboxLog
  )

  await check(
    `host app: node_modules/.bin/${SANDBOX_BIN} --port 0 exits 0 on SIGTERM`,
    async () => {
      const sandbox = await startSandboxExecutable(binLink, ["--port", "0", "--now", SANDBOX_NOW], {
        cwd: hostDir,
        log: sandboxLog,
        timeoutMs: 60_000,
      })
      const health = await fetch(`${sandbox.url}/_sandbox/health`, { signal: AbortSignal.timeout(10_000) })
      if (health.status !== 200) {
        throw new Error(`GET /_sandbox/health: HTTP ${health.status}`)
      }
      sandbox.child.kill("SIGTERM")
      const result = await Promise.race([sandbox.exited, new Promise<"timeout">((resolve) => setTimeout(resolve, 15_000, "timeout"))])
      if (result === "timeout" || result.code !== 0) {
        throw new Error(`after SIGTERM: ${result === "timeout" ? "still running after 15 s" : `exited with ${result.code ?? result.signal}`}`)
      }
      return sandbox.url
    },
    sandboxLog
  )
}
