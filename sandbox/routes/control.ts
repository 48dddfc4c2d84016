/**
 * Control API under `/_sandbox/` (not authenticated, not part of PRO): reset, clock, request log,
 * state dump, faults and health. Source: the brief; documented in sandbox/README.md.
 */
import { Router } from "express"
import { isoLondon } from "../clock"
import { badRequest } from "../errors"
import { FaultInjector } from "../faults"
import { handle, ok, Reply, SandboxContext } from "../http"
import { isObject } from "../model"
import { consignmentJson } from "../state"

/** One logged PRO request. */
export interface LoggedRequest {
  at: string
  method: string
  path: string
  endpoint: string
  status: number
  durationMs: number
  correlationId: string
  fault: number | null
  /**
   * The status PRO's processing gave, before an "after" fault replaced the answer; null when no route processed the
   * request (a "before" fault answered instead, or no endpoint matched).
   */
  handledStatus: number | null
}

/** Per write endpoint: requests PRO processed (done: 2xx, refused: other), and of the done ones those whose answer a fault lost. */
export interface WriteCount {
  done: number
  refused: number
  answer_lost: number
}

/** Request log with per-endpoint counts; keeps the latest {@link RequestLog.MAX} entries. */
export class RequestLog {
  static readonly MAX = 5000
  entries: LoggedRequest[] = []
  counts: Record<string, number> = {}
  /** Writes (non-GET requests) that reached PRO's processing, by endpoint pattern: see {@link WriteCount}. */
  writes: Record<string, WriteCount> = {}
  total = 0

  /** Records one request; `endpoint` is `METHOD /route/pattern`. */
  add(entry: LoggedRequest): void {
    this.entries.push(entry)
    if (this.entries.length > RequestLog.MAX) {
      this.entries.splice(0, this.entries.length - RequestLog.MAX)
    }
    this.counts[entry.endpoint] = (this.counts[entry.endpoint] ?? 0) + 1
    this.total++
    if (entry.method !== "GET" && entry.handledStatus !== null) {
      const count = (this.writes[entry.endpoint] ??= { done: 0, refused: 0, answer_lost: 0 })
      const done = entry.handledStatus >= 200 && entry.handledStatus < 300
      count[done ? "done" : "refused"]++
      if (done && entry.status !== entry.handledStatus) {
        count.answer_lost++
      }
    }
  }

  /** Forgets everything. */
  clear(): void {
    this.entries = []
    this.counts = {}
    this.writes = {}
    this.total = 0
  }
}

/** What the control routes need beyond the shared context. */
export interface ControlContext extends SandboxContext {
  faults: FaultInjector
  requests: RequestLog
  reset(now?: string): void
}

/** Routes under `/_sandbox`. */
export function controlRoutes(ctx: ControlContext): Router {
  const r = Router({ caseSensitive: false, strict: false })
  const clockView = (): Reply => {
    const now = ctx.clock.now()
    return ok({ now: now.toISOString(), london: isoLondon(now) })
  }

  r.get(
    "/_sandbox/health",
    handle(() => ok({ status: "ok", now: ctx.clock.now().toISOString(), consignments: ctx.store.consignments.size }))
  )

  r.post(
    "/_sandbox/reset",
    handle((req) => {
      const now = isObject(req.body) && typeof req.body.now === "string" ? req.body.now : undefined
      try {
        ctx.reset(now)
      } catch {
        throw badRequest("InvalidValue", `now "${now}" is not an ISO-8601 date`, "now")
      }
      return ok({ reset: true, now: ctx.clock.now().toISOString() })
    })
  )

  r.get("/_sandbox/clock", handle(clockView))
  r.post(
    "/_sandbox/clock",
    handle((req) => {
      const body = isObject(req.body) ? req.body : {}
      if (body.now !== undefined) {
        try {
          ctx.clock.set(String(body.now))
        } catch {
          throw badRequest("InvalidValue", `now "${body.now}" is not an ISO-8601 date`, "now")
        }
      }
      for (const [key, minutes] of [
        ["advanceMinutes", 1],
        ["advanceDays", 1440],
      ] as const) {
        if (body[key] === undefined) {
          continue
        }
        if (typeof body[key] !== "number" || !Number.isFinite(body[key])) {
          throw badRequest("InvalidValue", `${key} must be a number`, key)
        }
        ctx.clock.advanceMinutes(body[key] * minutes)
      }
      return clockView()
    })
  )

  r.get(
    "/_sandbox/requests",
    handle(() => ok({ total: ctx.requests.total, counts: ctx.requests.counts, writes: ctx.requests.writes, requests: ctx.requests.entries }))
  )
  r.delete(
    "/_sandbox/requests",
    handle(() => {
      ctx.requests.clear()
      return ok({ cleared: true })
    })
  )

  r.get(
    "/_sandbox/consignments",
    handle(() => {
      const now = ctx.clock.now()
      return ok({
        consignments: ctx.store.all().map((consignment) => consignmentJson(ctx.store, consignment, now)),
        orders: [...ctx.store.orders.keys()],
        options: ctx.store.options.size,
        quotes: ctx.store.quotes.size,
        manifests: [...ctx.store.manifests.values()],
      })
    })
  )

  r.get(
    "/_sandbox/faults",
    handle(() => ok(ctx.faults.list()))
  )
  r.post(
    "/_sandbox/faults",
    handle((req) => {
      const { matcher: _m, ...fault } = ctx.faults.add(req.body)
      return { status: 201, body: fault }
    })
  )
  r.delete(
    "/_sandbox/faults",
    handle(() => {
      ctx.faults.clear()
      return ok([])
    })
  )

  return r
}
