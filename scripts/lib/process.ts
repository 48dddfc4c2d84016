/**
 * Child processes in their own process group: spawning, signalling and stopping the whole group (a `medusa`
 * command, `npx` or a shell starts grandchildren that a signal to the leader alone would miss), and running a
 * command to completion. Shared by scripts/demo.ts, the benches and the packaging check.
 */
import { ChildProcess, spawn, SpawnOptions } from "child_process"
import fs from "fs"
import { sleep } from "./wait"

/** Whether `child` is still running (neither an exit code nor a signal recorded). */
export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null
}

/**
 * Spawns `command args` as the leader of a new process group (`detached: true`), so that {@link signalGroup} and
 * {@link stopGroup} reach every process it starts. Same options as `child_process.spawn`.
 */
export function spawnGroup(command: string, args: string[], options: SpawnOptions): ChildProcess {
  return spawn(command, args, { ...options, detached: true })
}

/**
 * Sends `signal` to the process group led by `pid` (`kill(-pid)`). Never throws.
 * @returns false when the group no longer exists (or may not be signalled).
 */
export function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal)
    return true
  } catch {
    return false
  }
}

/** Whether the process group led by `pid` still has a member (signal 0 to the group). */
export function groupAlive(pid: number): boolean {
  return signalGroup(pid, 0)
}

/**
 * Sends `signal` to the group of `child` if `child` is still running; when the group cannot be signalled, to
 * `child` alone. Does nothing for a child that exited. Never throws.
 */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid || !isRunning(child)) {
    return
  }
  if (!signalGroup(child.pid, signal)) {
    try {
      child.kill(signal)
    } catch {
      // gone
    }
  }
}

/** How {@link stopGroup} stops a process. */
export interface StopOptions {
  /** First signal (default SIGTERM); SIGKILL makes it an immediate kill. */
  signal?: NodeJS.Signals
  /** Send the first signal to the leader only (it stops its own children), not to the group; default false. */
  leaderOnly?: boolean
  /** Milliseconds to wait for the exit before SIGKILL to the group (default 10 000). */
  graceMs?: number
  /** After the exit, wait this many ms and SIGKILL the group again for stragglers (a grandchild that outlived the leader). Absent: no second kill. */
  reapAfterMs?: number
}

/**
 * Stops `child` and its process group: the first signal, SIGKILL to the group after `graceMs`, then (with
 * `reapAfterMs`) SIGKILL once more for stragglers. Resolves once the leader exited (at most 5 s after the SIGKILL);
 * resolves at once for a child that already exited. Never rejects.
 */
export async function stopGroup(child: ChildProcess, options: StopOptions = {}): Promise<void> {
  const pid = child.pid
  if (!pid || !isRunning(child)) {
    return
  }
  const exited = new Promise((resolve) => child.once("exit", resolve))
  const signal = options.signal ?? "SIGTERM"
  if (options.leaderOnly) {
    child.kill(signal)
  } else {
    killGroup(child, signal)
  }
  if (signal !== "SIGKILL") {
    const timeout = new Promise((resolve) => setTimeout(resolve, options.graceMs ?? 10_000, "timeout"))
    if ((await Promise.race([exited, timeout])) === "timeout") {
      killGroup(child, "SIGKILL")
    }
  }
  await Promise.race([exited, sleep(signal === "SIGKILL" ? 60_000 : 5_000)])
  if (options.reapAfterMs !== undefined) {
    await sleep(options.reapAfterMs)
    signalGroup(pid, "SIGKILL")
  }
}

/** How {@link runCommand} runs a command. */
export interface RunOptions {
  cwd: string
  env: NodeJS.ProcessEnv
  /**
   * Append the command line and its output to this file. Then only standard output is captured (standard error
   * goes to the file alone) and a failure names the file instead of quoting the output.
   */
  logFile?: string
  /** The child writes to this process's terminal; nothing is captured (the promise resolves with ""). */
  inherit?: boolean
  /** Resolve with the output even on a non-zero exit. */
  allowFailure?: boolean
  /** Kill the process group (SIGKILL) and reject after this many ms. Absent: no limit. */
  timeoutMs?: number
  /** Run as its own process group (default false). */
  group?: boolean
  /** Characters of output quoted in the error of a failed command without `logFile` (default 4000). */
  tailChars?: number
  /** The running child is in this set until it exits (so a cleanup can kill what is still running). */
  children?: Set<ChildProcess>
}

/**
 * Runs `command args` to completion.
 * @returns its standard output and standard error interleaved (standard output alone with `logFile`; "" with `inherit`).
 * @throws Error on a non-zero exit (unless `allowFailure`), a failure to spawn, or after `timeoutMs`.
 */
export function runCommand(command: string, args: string[], options: RunOptions): Promise<string> {
  const commandLine = `${command} ${args.join(" ")}`
  return new Promise((resolve, reject) => {
    let out: number | "ignore" = "ignore"
    if (options.logFile) {
      fs.appendFileSync(options.logFile, `\n$ ${commandLine}   (in ${options.cwd})\n`)
      out = fs.openSync(options.logFile, "a")
    }
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: options.inherit ? "inherit" : ["ignore", "pipe", options.logFile ? out : "pipe"],
      detached: options.group ?? false,
    })
    if (typeof out === "number") {
      fs.closeSync(out)
    }
    let output = ""
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8")
      if (options.logFile) {
        fs.appendFileSync(options.logFile, chunk)
      }
    })
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")))
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            killGroup(child, "SIGKILL")
            reject(new Error(`\`${commandLine}\` timed out after ${(options.timeoutMs! / 1000).toFixed(1)}s`))
          }, options.timeoutMs)
    options.children?.add(child)
    const settle = () => {
      clearTimeout(timer)
      options.children?.delete(child)
    }
    child.on("error", (error) => {
      settle()
      reject(error)
    })
    child.on("exit", (code, signal) => {
      settle()
      if (code === 0 || options.allowFailure) {
        resolve(output)
      } else if (options.logFile) {
        reject(new Error(`\`${commandLine}\` exited with ${code ?? signal} (log: ${options.logFile})`))
      } else {
        reject(new Error(`${commandLine} exited with ${code ?? signal}\n${output.slice(-(options.tailChars ?? 4000))}`))
      }
    })
  })
}

/** The last `chars` characters of a text file (a log), or "(no log)" when it cannot be read. */
export function tailFile(file: string, chars = 4000): string {
  try {
    return fs.readFileSync(file, "utf8").slice(-chars)
  } catch {
    return "(no log)"
  }
}
