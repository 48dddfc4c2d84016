/** The `medusa` CLI: one-off commands (`db:migrate`, `exec`, `user`) and long-running servers (`develop`, `start`). */
import { ChildProcess, StdioOptions } from "child_process"
import path from "path"
import { RunOptions, runCommand, spawnGroup } from "./process"

/** The repository's root folder. */
export const repoRoot = path.resolve(__dirname, "../..")

/** The repository's `medusa` executable (node_modules/.bin/medusa). */
export const repoMedusaBin = path.join(repoRoot, "node_modules", ".bin", "medusa")

/** Which `medusa` to run, and where. */
export interface MedusaCli {
  /** Working folder (the Medusa app); default: the repository root. */
  cwd?: string
  /** A `@medusajs/cli/cli.js` to run with this Node (e.g. a host app's); default: {@link repoMedusaBin}. */
  cliJs?: string
}

function commandOf(cli: MedusaCli, args: string[]): [string, string[]] {
  return cli.cliJs ? [process.execPath, [cli.cliJs, ...args]] : [repoMedusaBin, args]
}

/**
 * Runs a `medusa` command to completion, e.g. `runMedusa(["db:migrate"], { env })`.
 * @returns its output (see {@link runCommand}: stdout and stderr, stdout alone with `logFile`, "" with `inherit`).
 * @throws Error naming the command and quoting the end of its output (or naming `logFile`) on a non-zero exit,
 * unless `allowFailure`; on `timeoutMs`.
 */
export function runMedusa(args: string[], options: MedusaCli & Omit<RunOptions, "cwd"> & { cwd?: string }): Promise<string> {
  const [command, argv] = commandOf(options, args)
  return runCommand(command, argv, { ...options, cwd: options.cwd ?? repoRoot })
}

/**
 * Starts a long-running `medusa` command (`develop`, `start --port N`) as its own process group; stop it with
 * `stopGroup` (scripts/lib/process.ts), which reaches the server that `medusa` runs in a grandchild.
 */
export function spawnMedusa(args: string[], options: MedusaCli & { env: NodeJS.ProcessEnv; stdio: StdioOptions }): ChildProcess {
  const [command, argv] = commandOf(options, args)
  return spawnGroup(command, argv, { cwd: options.cwd ?? repoRoot, env: options.env, stdio: options.stdio })
}

/**
 * Finds the `SORTED_PRO_DEMO_SEED {json}` line that scripts/seed-demo.ts prints in `output` and parses its JSON.
 * @throws Error quoting the end of `output` when the line is missing.
 */
export function parseSeedOutput<T>(output: string, tailChars = 4000): T {
  const line = output.split("\n").find((candidate) => candidate.includes("SORTED_PRO_DEMO_SEED "))
  if (!line) {
    throw new Error(`the seed printed no result:\n${output.slice(-tailChars)}`)
  }
  return JSON.parse(line.slice(line.indexOf("{")))
}
