/**
 * Fault injection for the PRO endpoints (brief: control API `/_sandbox/faults`; not part of PRO).
 *
 * A fault matches by path pattern (glob, or a regular expression when the pattern starts with `^`
 * or ends with `$`; both case-insensitive) and optional method, fires with probability `rate` using
 * a seeded PRNG (reproducible runs), and can delay, hang, reset the socket, answer 429 with
 * `Retry-After`, or answer any status/body. `times` removes it after that many firings.
 *
 * `phase` says when it strikes: `"before"` (default) instead of processing the request, so PRO has done
 * nothing; `"after"` once the request has been processed normally, replacing its response, so PRO has
 * committed the write but the client never learns it (an ambiguous failure: lost answer, timeout, reset).
 */
import type { NextFunction, Request, Response } from "express"
import { createHash } from "node:crypto"
import { Validation } from "./errors"
import { isObject } from "./model"

/** A fault definition as accepted by `POST /_sandbox/faults`. */
export interface FaultSpec {
  pathPattern: string
  method?: string
  rate?: number
  status?: number
  body?: unknown
  latencyMs?: number
  hang?: boolean
  reset?: boolean
  retryAfterSeconds?: number
  times?: number
  /** `"before"` (default): the fault replaces processing; `"after"`: the request is processed, then its response is replaced. */
  phase?: FaultPhase
}

/** When a fault strikes relative to processing the request (see {@link FaultSpec.phase}). */
export type FaultPhase = "before" | "after"

/** A stored fault with its id and remaining firings. */
export interface Fault extends FaultSpec {
  id: number
  fired: number
  matcher: RegExp
}

/** Seeded PRNG (mulberry32) returning floats in [0, 1). */
export function seededRandom(seed: string): () => number {
  let state = createHash("sha256").update(seed).digest().readUInt32LE(0)
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state)
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
  }
}

/** Compiles a glob (`*` = within a segment, `**` = anything) or a `^…`/`…$` regex, case-insensitive. */
export function compilePattern(pattern: string): RegExp {
  if (pattern.startsWith("^") || pattern.endsWith("$")) {
    return new RegExp(pattern, "i")
  }
  const body = pattern
    .split("**")
    .map((part) =>
      part
        .split("*")
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join("[^/]*")
    )
    .join(".*")
  return new RegExp(`^${body}/?$`, "i")
}

/** The faults of one sandbox. */
export class FaultInjector {
  private faults: Fault[] = []
  private nextId = 1
  private random: () => number

  constructor(private readonly seed: string) {
    this.random = seededRandom(seed)
  }

  /** Validates and adds a fault (400 `ValidationFailed` naming the field). Returns the stored fault. */
  add(raw: unknown): Fault {
    const validation = new Validation()
    const given = isObject(raw) ? raw : {}
    validation.check(
      typeof given.pathPattern === "string" && given.pathPattern.length > 0,
      "pathPattern",
      "pathPattern must be a non-empty glob or regex string"
    )
    const checkNumber = (key: keyof FaultSpec, min: number, max: number) => {
      const value = given[key]
      return (
        value === undefined ||
        validation.check(typeof value === "number" && value >= min && value <= max, key, `${key} must be a number from ${min} to ${max}`)
      )
    }
    checkNumber("rate", 0, 1)
    checkNumber("status", 100, 599)
    checkNumber("latencyMs", 0, 600_000)
    checkNumber("retryAfterSeconds", 0, 86_400)
    checkNumber("times", 1, 1_000_000)
    validation.check(given.phase === undefined || given.phase === "before" || given.phase === "after", "phase", 'phase must be "before" or "after"')
    let matcher = /$^/
    try {
      if (typeof given.pathPattern === "string") {
        matcher = compilePattern(given.pathPattern)
      }
    } catch {
      validation.check(false, "pathPattern", "pathPattern is not a valid regular expression")
    }
    validation.throwIfAny()
    // every field read below was checked above
    const spec = given as unknown as FaultSpec
    const fault: Fault = {
      id: this.nextId++,
      pathPattern: spec.pathPattern,
      method: spec.method ? String(spec.method).toUpperCase() : undefined,
      rate: spec.rate ?? 1,
      status: spec.status,
      body: spec.body,
      latencyMs: spec.latencyMs,
      hang: spec.hang === true,
      reset: spec.reset === true,
      retryAfterSeconds: spec.retryAfterSeconds,
      times: spec.times,
      phase: spec.phase ?? "before",
      fired: 0,
      matcher,
    }
    this.faults.push(fault)
    return fault
  }

  /** Current faults (JSON-safe). */
  list(): Omit<Fault, "matcher">[] {
    return this.faults.map(({ matcher: _m, ...f }) => f)
  }

  /** Removes all faults and reseeds the PRNG. */
  clear(): void {
    this.faults = []
    this.random = seededRandom(this.seed)
  }

  /** First fault that matches and fires for this request (consumes one of its `times`), if any. */
  pick(method: string, path: string): Fault | undefined {
    for (const fault of this.faults) {
      if (fault.method && fault.method !== method.toUpperCase()) {
        continue
      }
      if (!fault.matcher.test(path)) {
        continue
      }
      if ((fault.rate ?? 1) < 1 && this.random() >= (fault.rate ?? 1)) {
        continue
      }
      fault.fired++
      if (fault.times !== undefined && fault.fired >= fault.times) {
        this.faults = this.faults.filter((x) => x !== fault)
      }
      return fault
    }
    return undefined
  }

  /**
   * Express middleware applying faults. `errorBody` renders PRO error bodies. Hung requests are never
   * answered (the server's close() destroys their sockets). A `"before"` fault acts instead of the
   * request's processing; an `"after"` fault lets the request be processed (state changes included),
   * holds back its response and then acts on it: the held response is discarded (status/body, 429,
   * reset, hang) or, for a latency-only fault, sent late.
   */
  middleware(errorBody: (res: Response, code: string, message: string) => unknown) {
    return (req: Request, res: Response, next: NextFunction) => {
      const fault = this.pick(req.method, req.path)
      if (!fault) {
        return next()
      }
      res.locals.fault = fault.id
      /** Acts on the request; `proceed` is what a latency-only fault does afterwards. */
      const act = (proceed: () => void) => {
        if (fault.hang) {
          return
        }
        if (fault.reset) {
          return req.socket.destroy()
        }
        if (fault.retryAfterSeconds !== undefined) {
          res.setHeader("Retry-After", String(fault.retryAfterSeconds))
          return res
            .status(fault.status ?? 429)
            .json(fault.body ?? errorBody(res, "TooManyRequests", `Rate limit is exceeded. Try again in ${fault.retryAfterSeconds} seconds.`))
        }
        if (fault.status !== undefined || fault.body !== undefined) {
          return res
            .status(fault.status ?? 500)
            .json(fault.body ?? errorBody(res, "InjectedFault", `Sandbox fault ${fault.id} injected for ${req.method} ${req.path}`))
        }
        proceed()
      }
      const later = (fn: () => void) => (fault.latencyMs ? setTimeout(fn, fault.latencyMs) : fn())
      if (fault.phase !== "after") {
        return later(() => act(next))
      }
      holdResponse(res, (replay) => {
        // what PRO's processing answered, for the request log's write counts
        res.locals.handledStatus = res.statusCode
        later(() => {
          if (!fault.hang && !fault.reset && fault.retryAfterSeconds === undefined && fault.status === undefined && fault.body === undefined) {
            return replay()
          }
          // the processed response is discarded: only the correlation id survives
          for (const name of res.getHeaderNames()) {
            if (name !== "x-correlation-id") {
              res.removeHeader(name)
            }
          }
          act(replay)
        })
      })
      next()
    }
  }
}

/**
 * Holds back everything the route writes to `res` (`writeHead`, `write`, `end`) until it ends, then calls
 * `done(replay)` with the original methods restored; `replay()` sends the held response unchanged. Nothing
 * reaches the socket before that, so the caller may still replace the response.
 */
function holdResponse(res: Response, done: (replay: () => void) => void): void {
  const original = { writeHead: res.writeHead, write: res.write, end: res.end }
  type Writer = (this: Response, ...args: unknown[]) => unknown
  const held: Array<[Writer, unknown[]]> = []
  res.writeHead = ((...args: unknown[]) => (held.push([original.writeHead as Writer, args]), res)) as Response["writeHead"]
  res.write = ((...args: unknown[]) => (held.push([original.write as Writer, args]), true)) as Response["write"]
  res.end = ((...args: unknown[]) => {
    held.push([original.end as Writer, args])
    Object.assign(res, original)
    done(() => {
      for (const [fn, args] of held) {
        fn.apply(res, args)
      }
    })
    return res
  }) as Response["end"]
}
