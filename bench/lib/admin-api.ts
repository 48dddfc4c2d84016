/** The bench's admin API calls: login, reconcile, order listing, and the admin's order actions (bench/lib/lifecycle.ts). */
import type { AxiosInstance } from "axios"
import { brief } from "./report"
import type { MedusaOrder, ReconcileAnswer } from "./types"

/** The admin user the stack creates (`medusa user`). */
export const ADMIN_EMAIL = "bench@sorted-pro.test"
export const ADMIN_PASSWORD = "sorted-pro-bench"

/** An admin API answer: the HTTP status (0 when Medusa did not answer: killed, restarting) and the body. */
export interface AdminAnswer {
  status: number
  data: any
}

/** A non-200 admin answer; `status` 0 when Medusa did not answer. */
export class AdminError extends Error {
  constructor(
    message: string,
    readonly status: number
  ) {
    super(message)
  }
}

/** Admin API calls with `http` (a Medusa base URL, any status accepted) as the bench's admin user. */
export class AdminApi {
  private token: string | null = null

  constructor(private readonly http: AxiosInstance) {}

  /** A bearer token (`POST /auth/user/emailpass`), cached. @throws Error when login fails. */
  async adminToken(): Promise<string> {
    if (this.token) {
      return this.token
    }
    const response = await this.http.post("/auth/user/emailpass", { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
    if (response.status !== 200 || !response.data?.token) {
      throw new Error(`admin login → ${response.status} ${brief(response.data)}`)
    }
    this.token = response.data.token as string
    return this.token
  }

  /** One admin request; never throws on an HTTP status or a network error (status 0), only when login fails. */
  async call(method: "GET" | "POST", url: string, data?: unknown): Promise<AdminAnswer> {
    const token = await this.adminToken()
    return this.http.request({ method, url, data, timeout: 900_000, headers: { authorization: `Bearer ${token}` } }).catch((error: Error) => ({
      status: 0,
      data: { message: error.message },
    }))
  }

  private async admin(method: "GET" | "POST", url: string, data?: unknown) {
    const response = await this.call(method, url, data)
    if (response.status !== 200) {
      throw new AdminError(`${method} ${url} → ${response.status} ${brief(response.data)}`, response.status)
    }
    return response.data
  }

  async reconcile(days?: number): Promise<ReconcileAnswer> {
    return (await this.admin("POST", "/admin/sorted-pro/reconcile", days === undefined ? {} : { days })).result
  }

  async listOrders(): Promise<MedusaOrder[]> {
    const out: MedusaOrder[] = []
    for (let offset = 0; ; offset += 100) {
      const page = await this.admin("GET", `/admin/orders?fields=id,status,created_at,*shipping_methods&limit=100&offset=${offset}&order=created_at`)
      out.push(...page.orders)
      if (page.orders.length < 100) {
        return out
      }
    }
  }
}
