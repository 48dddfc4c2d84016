/**
 * Express plumbing shared by the route modules: the per-sandbox context, the handler wrapper that
 * turns return values and {@link ProError}s into PRO responses, and small request helpers.
 */
import type { NextFunction, Request, RequestHandler, Response, Router } from "express"
import { SandboxClock } from "./clock"
import { ProError } from "./errors"
import { Store } from "./state"

/** What every route module needs from its sandbox. */
export interface SandboxContext {
  store: Store
  clock: SandboxClock
}

/** A handler result: HTTP status and JSON body (`undefined` body → empty response). */
export interface Reply {
  status: number
  body?: unknown
  /** Body already serialised as JSON (sent as `application/json` instead of `body`), for hot paths. */
  rawJson?: string
  headers?: Record<string, string>
}

/** Handler signature used by route modules: return a {@link Reply} or throw a {@link ProError}. */
export type ProHandler = (req: Request, res: Response) => Reply | Promise<Reply>

/**
 * Wraps a {@link ProHandler} for Express: sends the reply as JSON, forwards errors (ProError or
 * unexpected) to the error handler installed by server.ts.
 */
export function handle(fn: ProHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    Promise.resolve()
      .then(() => fn(req, res))
      .then((reply) => {
        for (const [k, v] of Object.entries(reply.headers ?? {})) {
          res.setHeader(k, v)
        }
        if (reply.rawJson !== undefined) {
          res.status(reply.status).type("json").send(reply.rawJson)
        } else if (reply.body === undefined) {
          res.status(reply.status).end()
        } else {
          res.status(reply.status).json(reply.body)
        }
      })
      .catch(next)
  }
}

/** Registers a handler for several HTTP methods on one path. */
export function on(router: Router, methods: ("get" | "post" | "put" | "delete")[], path: string, fn: ProHandler): void {
  for (const method of methods) {
    router[method](path, handle(fn))
  }
}

/** The sandbox's own base URL as the client reached it (used for `ApiLinks` Hrefs), e.g. `http://127.0.0.1:4010`. */
export function baseUrl(req: Request): string {
  return `${req.protocol}://${req.get("host") ?? "localhost"}`
}

/** Express route parameter as a string ("" when absent). */
export function param(req: Request, name: string): string {
  const value = req.params[name]
  return typeof value === "string" ? value : ""
}

/** All values of a query parameter, case-insensitive on the name, split on commas. */
export function queryList(req: Request, name: string): string[] {
  const out: string[] = []
  for (const [k, v] of Object.entries(req.query)) {
    if (k.toLowerCase() !== name.toLowerCase()) {
      continue
    }
    for (const item of Array.isArray(v) ? v : [v]) {
      if (typeof item === "string") {
        out.push(
          ...item
            .split(",")
            .map((part) => part.trim())
            .filter(Boolean)
        )
      }
    }
  }
  return out
}

/** First value of a query parameter (case-insensitive name), or undefined. */
export function queryValue(req: Request, name: string): string | undefined {
  return queryList(req, name)[0]
}

/** 200 reply. */
export function ok(body?: unknown): Reply {
  return { status: 200, body }
}

/** 201 reply. */
export function created(body?: unknown): Reply {
  return { status: 201, body }
}

/** Re-exported so route modules import errors from one place. */
export { ProError }
