/** A Medusa process of the bench stack: `medusa start` in its own process group, killed and restarted at will. */
import { ChildProcess } from "child_process"
import fs from "fs"
import { spawnMedusa } from "../../scripts/lib/medusa"
import { stopGroup, tailFile } from "../../scripts/lib/process"
import { waitForHttp } from "../../scripts/lib/wait"
import type { MedusaProcess } from "./types"

/** One Medusa child process (`medusa start` in its own process group) that can be killed and started again. */
export class ProcessHandle implements MedusaProcess {
  child: ChildProcess | null = null
  starts = 0
  readonly url: string

  constructor(
    readonly role: MedusaProcess["role"],
    readonly port: number,
    readonly logFile: string,
    private readonly env: NodeJS.ProcessEnv
  ) {
    this.url = `http://127.0.0.1:${port}`
  }

  /** Spawns `medusa start` in its own process group and waits for `/health` (5 min). */
  async start(): Promise<void> {
    const out = fs.openSync(this.logFile, "a")
    fs.writeSync(out, `\n===== start ${this.starts + 1} at ${new Date().toISOString()} =====\n`)
    const child = spawnMedusa(["start", "--port", String(this.port)], {
      env: { ...this.env, PORT: String(this.port), MEDUSA_WORKER_MODE: this.role },
      stdio: ["ignore", out, out],
    })
    fs.closeSync(out)
    this.child = child
    this.starts += 1
    child.once("exit", () => {
      if (this.child === child) {
        this.child = null
      }
    })
    const outcome = await waitForHttp(`${this.url}/health`, { timeoutMs: 300_000, alive: () => this.child === child })
    if (outcome === "exited") {
      throw new Error(`medusa start (${this.role}) exited with ${child.exitCode ?? child.signalCode}:\n${tailFile(this.logFile)}`)
    }
    if (outcome === "timeout") {
      throw new Error(`Medusa (${this.role}) did not become healthy at ${this.url} in 5 min:\n${tailFile(this.logFile)}`)
    }
  }

  /** SIGKILL to the whole process group; resolves once the child exited. */
  async kill(): Promise<void> {
    if (this.child) {
      await stopGroup(this.child, { signal: "SIGKILL" })
    }
  }

  /** SIGTERM to the group, SIGKILL after 10 s; then SIGKILL again for stragglers of the group. */
  async stop(): Promise<void> {
    if (this.child) {
      await stopGroup(this.child, { graceMs: 10_000, reapAfterMs: 0 })
    }
  }
}
