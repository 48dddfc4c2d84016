/**
 * The PRO sandbox: an offline HTTP emulator of the SortedPRO (ex-Electio) Consignments API
 * (docs/pro-api.md), in the spirit of stripe-mock. Importing this module has no side effects; call
 * {@link createSandbox} for an Express app or {@link startSandbox} for a listening server.
 */
import express, { NextFunction, Request, Response } from "express"
import { randomUUID } from "node:crypto"
import type { AddressInfo } from "node:net"
import { SandboxClock } from "./clock"
import { ErrorBody, ProError } from "./errors"
import { FaultInjector } from "./faults"
import { consignmentRoutes } from "./routes/consignments"
import { seedRoutes } from "./routes/seed"
import { controlRoutes, RequestLog } from "./routes/control"
import { documentRoutes } from "./routes/documents"
import { allocationRoutes } from "./routes/allocation"
import { catalogueRoutes } from "./routes/catalogue"
import { orderRoutes } from "./routes/orders"
import { trackingRoutes } from "./routes/tracking"
import { optionRoutes } from "./routes/options"
import { RefGenerator } from "./refs"
import { OwnRules, Store } from "./state"

/** Options of {@link createSandbox}. */
export interface SandboxOptions {
  /** Initial sandbox time (and the time `reset()` returns to); default: the real current time. */
  now?: Date | string
  /** Seed for generated GUIDs, manifest references and the fault PRNG; default `"sorted-pro-sandbox"`. */
  seed?: string
  /**
   * First value of every reference counter, minus one (default 0: `EC-000-000-001`). A sandbox that is
   * restarted beside a store that keeps its data (`npm run demo`) passes a fresh offset, so new references
   * never repeat ones the store already holds.
   */
  referenceOffset?: number
  /** The sandbox's own rules (sandbox/README.md "Decisions"), each on by default; `false` switches one off. */
  ownRules?: Partial<OwnRules>
}

/** A sandbox instance: Express app plus its state, clock, faults and request log. */
export interface Sandbox {
  /** Express application serving the PRO API and `/_sandbox` control API. */
  app: express.Express
  /** Sandbox time: `now()`, `set(instant)`, `advanceMinutes(n)`, `advanceDays(n)`. */
  clock: SandboxClock
  /** All consignments, options, orders, quotes and manifests. */
  store: Store
  /** Injected faults. */
  faults: FaultInjector
  /** Log of PRO requests with per-endpoint counts. */
  requests: RequestLog
  /** Clears state, faults and the request log, restarts reference counters and resets the clock (to `now`, else the initial time, else real time). Throws `RangeError` for an invalid `now`. */
  reset(now?: Date | string): void
}

/** Header carrying the API key (§1); the query parameter alternative is `subscription-key`. */
export const API_KEY_HEADER = "ocp-apim-subscription-key"

/**
 * Creates a sandbox (no network I/O). Same inputs + same clock → same responses, except
 * correlation ids. Source: brief; PRO behaviour per docs/pro-api.md.
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const seed = options.seed ?? "sorted-pro-sandbox"
  const initial = options.now
  const clock = new SandboxClock(initial)
  const store = new Store(new RefGenerator(seed, options.referenceOffset ?? 0))
  Object.assign(store.rules, options.ownRules)
  const faults = new FaultInjector(seed)
  const requests = new RequestLog()
  const app = express()
  const sandbox: Sandbox = {
    app,
    clock,
    store,
    faults,
    requests,
    reset(now?: Date | string) {
      const target = now ?? initial
      if (target !== undefined) {
        clock.set(target)
      } else {
        clock.set(new Date())
      }
      store.reset()
      faults.clear()
      requests.clear()
    },
  }
  const ctx = { store, clock }

  app.disable("x-powered-by")
  app.set("etag", false)
  app.use(correlation(requests, clock))
  app.use((req, res, next) => (isControl(req) ? next() : faults.middleware(errorBody)(req, res, next)))
  app.use(jsonBody)
  app.use(controlRoutes({ ...ctx, faults, requests, reset: (now?: string) => sandbox.reset(now) }))
  app.use(seedRoutes(ctx))
  app.use(requireApiKey)
  for (const routes of [optionRoutes, consignmentRoutes, documentRoutes, allocationRoutes, orderRoutes, trackingRoutes, catalogueRoutes]) {
    app.use(routes(ctx))
  }
  app.use((req: Request, _res: Response, next: NextFunction) => next(new ProError(404, "NotFound", `No endpoint matches ${req.method} ${req.path}`)))
  app.use(errorHandler)
  return sandbox
}

function isControl(req: Request): boolean {
  return req.path.toLowerCase().startsWith("/_sandbox")
}

/** Assigns a correlation id (header `x-correlation-id`) and logs PRO requests when they finish. */
function correlation(log: RequestLog, clock: SandboxClock) {
  return (req: Request, res: Response, next: NextFunction) => {
    const id = randomUUID()
    const started = process.hrtime.bigint()
    res.locals.correlationId = id
    res.setHeader("x-correlation-id", id)
    if (!isControl(req)) {
      const record = () =>
        log.add({
          at: clock.now().toISOString(),
          method: req.method,
          path: req.path,
          endpoint: `${req.method} ${req.route ? `${req.baseUrl}${req.route.path}` : req.path}`,
          status: res.headersSent ? res.statusCode : 0,
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
          correlationId: id,
          fault: res.locals.fault ?? null,
          handledStatus: req.route ? ((res.locals.handledStatus as number | undefined) ?? (res.headersSent ? res.statusCode : 0)) : null,
        })
      res.once("finish", record)
      res.once("close", () => res.writableFinished || record())
    }
    next()
  }
}

const parseJson = express.json({ limit: "10mb", type: () => true })

/** Parses JSON bodies whatever the content type, except XML, which the sandbox does not speak (415). */
function jsonBody(req: Request, res: Response, next: NextFunction): void {
  if (/xml/i.test(req.get("content-type") ?? "")) {
    return next(new ProError(415, "UnsupportedMediaType", "The sandbox only accepts application/json bodies"))
  }
  parseJson(req, res, next)
}

/** 401 `Unauthorized` unless `ocp-apim-subscription-key` (or `?subscription-key=`) is non-empty (§1). */
function requireApiKey(req: Request, _res: Response, next: NextFunction): void {
  const header = req.get(API_KEY_HEADER)
  const query = req.query["subscription-key"]
  if ((header && header.trim()) || (typeof query === "string" && query.trim())) {
    return next()
  }
  next(
    new ProError(
      401,
      "Unauthorized",
      "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API."
    )
  )
}

function errorBody(res: Response, code: string, message: string): ErrorBody {
  return { Code: code, Message: message, CorrelationId: res.locals.correlationId }
}

/** The `type` body-parser sets on the errors it throws, if any. */
function bodyParserErrorType(err: unknown): unknown {
  return typeof err === "object" && err !== null && "type" in err ? err.type : undefined
}

function errorHandler(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  let proError: ProError
  if (err instanceof ProError) {
    proError = err
  } else if (bodyParserErrorType(err) === "entity.parse.failed") {
    proError = new ProError(400, "InvalidJson", `The request body is not valid JSON: ${(err as Error).message}`)
  } else if (bodyParserErrorType(err) === "entity.too.large") {
    proError = new ProError(413, "PayloadTooLarge", "The request body is too large")
  } else {
    console.error("[sorted-pro-sandbox] unexpected error", err)
    proError = new ProError(500, "InternalServerError", "An unexpected error occurred in the sandbox")
  }
  for (const [k, v] of Object.entries(proError.headers ?? {})) {
    res.setHeader(k, v)
  }
  res.status(proError.status).json(proError.toBody(res.locals.correlationId))
}

/** Options of {@link startSandbox}. */
export interface StartOptions extends SandboxOptions {
  /** Port to listen on; 0 (default) picks a free port. */
  port?: number
  /** Interface to bind; default `127.0.0.1`. */
  host?: string
}

/** A listening sandbox. `close()` stops listening and destroys open (including hung) connections. */
export interface RunningSandbox {
  url: string
  port: number
  sandbox: Sandbox
  close(): Promise<void>
}

/** Creates a sandbox and listens on `host:port`. Rejects if the port cannot be bound. */
export function startSandbox(options: StartOptions = {}): Promise<RunningSandbox> {
  const sandbox = createSandbox(options)
  const host = options.host ?? "127.0.0.1"
  return new Promise((resolve, reject) => {
    const server = sandbox.app.listen(options.port ?? 0, host)
    server.once("error", reject)
    server.once("listening", () => {
      const port = (server.address() as AddressInfo).port
      const urlHost = host.includes(":") ? `[${host}]` : host
      resolve({
        url: `http://${urlHost}:${port}`,
        port,
        sandbox,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()))
            server.closeAllConnections()
          }),
      })
    })
  })
}
