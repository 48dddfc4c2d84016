/** The shapes of the exactly-once benches' stack (bench/lib/stack.ts): options, processes, checkouts, counts. */
import type { ChildProcess } from "child_process"
import type { RunningSandbox } from "../../sandbox/server"
import type { DemoSeed } from "../../scripts/seed-demo"
import type { Lifecycle } from "./lifecycle"
import type { FlexSeed } from "./seed-flex"

/** What {@link startStack} builds. */
export interface StackOptions {
  /** `shared`: one Medusa process; `split`: `servers` (HTTP) and a `worker` (subscribers, jobs). */
  topology: "shared" | "split"
  /** Server processes of the split topology (default 2): checkouts and admin calls take turns between them. */
  servers?: number
  /** With `redisUrl`: Medusa's Redis locking too (default false: each process keeps the in-memory locking). */
  redisLocking?: boolean
  /**
   * PostgreSQL server to create the bench's database on, e.g. `postgres://postgres@127.0.0.1:5432/postgres` (the
   * database part is ignored). Absent: embedded PostgreSQL in a temp dir.
   */
  databaseUrl?: string
  /** Redis for Medusa's event bus, workflow engine, cache and locking, e.g. `redis://127.0.0.1:6379`. Absent: in-memory modules. */
  redisUrl?: string
  /** Run the plugin's scheduled jobs (reconcile every 5 min, tracking); default false (`SORTED_PRO_JOBS=off`). */
  jobs?: boolean
  /** Progress lines (default: console.log with elapsed seconds). */
  log?: (message: string) => void
}

/** One Medusa child process. */
export interface MedusaProcess {
  /** `shared`, `server` or `worker` (also its `MEDUSA_WORKER_MODE`). */
  readonly role: "shared" | "server" | "worker"
  /** `http://127.0.0.1:<port>`; the worker answers only `/health` there. */
  readonly url: string
  /** Its log file (stdout and stderr, all starts appended). */
  readonly logFile: string
  /** The running child, or null once it exited. */
  readonly child: ChildProcess | null
  /** How many times it was started. */
  readonly starts: number
}

/** The outcome of one shopper's checkout, see {@link Stack.placeOrder}. */
export interface CheckoutResult {
  kind: OrderKind
  cart_id: string
  /** The Medusa order id when the cart became an order. */
  order_id?: string
  /** The shipping method's `flow` as the order holds it (`consumer_options`, `consumer_options_pickup`, `order_flex`). */
  flow?: string
  /** True when PRO could not answer at checkout and the shopper got the fallback (fallback price or the flat option). */
  fallback: boolean
  /** Why the checkout failed (after the shopper's usual recoveries); absent when an order was placed. */
  error?: string
  /** Recoveries a real storefront makes, counted: "choose again", another pickup point, a repeated completion. */
  recoveries: number
  /** Wall time of the whole checkout in ms. */
  ms: number
}

/**
 * Which seeded shipping option a bench order uses: delivery day (Consumer Options), pickup point, the flat one (Order
 * Flex), or a delivery day for a cart stocked in two warehouses (Consumer Options Flex, bench/lib/seed-flex.ts).
 */
export type OrderKind = "delivery" | "pickup" | "standard" | "flex"

/** Per our reference (cart id for Select Option, order id for PRO orders): how many PRO objects hold it. */
export interface Tally {
  /** Medusa orders with a SortedPRO shipping method (all, whatever placed them). */
  orders: number
  /** Those orders by shipping-method flow. */
  by_flow: Record<string, number>
  /** Orders whose checkout fell back (PRO did not answer): they go Order Flex. */
  fallback_orders: number
  /** All consignments in PRO (the sandbox). */
  pro_consignments: number
  /** All orders (EO-) in PRO. */
  pro_orders: number
  /** Extra consignments beyond one per Select-Option reference (cart id), and the references concerned. */
  duplicate_consignments: number
  duplicate_consignment_refs: string[]
  /** Extra PRO orders beyond one per Medusa order id (OrderReferenceProvidedByCustomer), and the order ids. */
  duplicate_orders: number
  duplicate_order_refs: string[]
  /** Of the extra PRO orders: those that are unpacked and not the one our record holds (they ship nothing). */
  unpacked_duplicate_orders: number
  /** Orders with nothing in PRO under our reference, and their ids. */
  missing: number
  missing_ids: string[]
  /** Orders whose record (ours) is not `synced`, or whose synced reference is not one PRO holds under our reference. */
  records_not_synced: number
  records_mismatched: number
  /** Delivery-day/pickup orders whose choice PRO refused for good, shipped as Order Flex (counted by their PRO order). */
  replaced_by_order_flex: number
  /** Cancelled orders (not counted as missing, nor their records as open). */
  cancelled: number
}

/** A running stack; see {@link startStack}. */
export interface Stack {
  readonly options: StackOptions
  /** The in-process PRO sandbox: `sandbox.sandbox.store`, `.faults`, `.requests`. */
  readonly sandbox: RunningSandbox
  /** The demo seed's ids (region, shipping options, variants, publishable key). */
  readonly seed: DemoSeed
  /** The second warehouse and its products (bench/lib/seed-flex.ts). */
  readonly flex: FlexSeed
  /** Staff's actions on orders through the admin API (fulfil, return, cancel), spread over the servers. */
  readonly lifecycle: Lifecycle
  /** Medusa's HTTP base URL (the shared process or the first server). */
  readonly backendUrl: string
  /** The database Medusa uses (`postgres://…/<bench database>`). */
  readonly databaseUrl: string
  /** The Redis URL Medusa uses (with its database number), if any. */
  readonly redisUrl?: string
  /** The Medusa processes: `[shared]` or `[server, server, worker]`. */
  readonly processes: MedusaProcess[]
  /** The folder holding the Medusa logs (removed at teardown unless `keepLogs`). */
  readonly runDir: string
  /** Set to keep `runDir` (logs) after teardown, e.g. when the bench failed. */
  keepLogs: boolean
  /**
   * One shopper's checkout through the store API (cart → options → shipping method → payment → complete), with a real
   * storefront's recoveries: on `fallback: true` the delivery option is added without a choice (fallback price, Order
   * Flex) and a pickup search that falls back takes the flat option; a refused choice (400 "choose again", a pickup
   * point that cannot be reserved) is chosen again up to 3 times; a completion answering 5xx or 409 (a lock held) or
   * failing on the network is repeated up to 8 times over about a minute (Medusa's cart completion is idempotent). `seq` makes the address and item vary. Never throws: failures are in `error`.
   */
  placeOrder(kind: OrderKind, seq: number): Promise<CheckoutResult>
  /** A bearer token for the admin API (`POST /auth/user/emailpass`), cached. @throws Error when login fails. */
  adminToken(): Promise<string>
  /**
   * One reconcile pass through `POST /admin/sorted-pro/reconcile` (`{days}`), as staff would run it.
   * @returns `{orders_retried, fulfillments_retried, still_open, skipped?}`. @throws Error on a non-200 answer.
   */
  reconcile(days?: number): Promise<ReconcileAnswer>
  /** Counts Medusa orders, our records and PRO's objects by our references (see {@link Tally}). @throws Error when Medusa or the database does not answer. */
  tally(): Promise<Tally>
  /** Medusa orders (id, created_at, shipping-method data) through the admin API, all pages. @throws Error on a failed page. */
  listOrders(): Promise<MedusaOrder[]>
  /** Runs SQL on the bench database (our module's tables, read-only use). @returns the rows. */
  sql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>
  /** `kill -9` of a Medusa process's whole process group; resolves when the child has exited. */
  kill(process: MedusaProcess): Promise<void>
  /** Starts a stopped (killed) Medusa process again and waits for `/health`. @throws Error when it does not come up in 5 min. */
  restart(process: MedusaProcess): Promise<void>
  /**
   * Stops the Medusa process groups (SIGTERM, SIGKILL after 10 s), closes the sandbox, empties the Redis database it
   * claimed, drops the database (or stops embedded PostgreSQL and removes its data) and removes `runDir` unless
   * `keepLogs`. Idempotent; a failing step is logged and the others still run.
   */
  teardown(): Promise<void>
}

/** Answer of `POST /admin/sorted-pro/reconcile` (src/api/admin/sorted-pro/reconcile/route.ts). */
export interface ReconcileAnswer {
  orders_retried: number
  fulfillments_retried: number
  still_open: number
  /** Records left alone because a write for them holds their lease (src/workflows/reconcile.ts). */
  in_flight?: number
  skipped?: string
}

/** What {@link Stack.listOrders} returns per order. */
export interface MedusaOrder {
  id: string
  status: string
  created_at: string
  shipping_methods: Array<{ shipping_option_id?: string; data?: Record<string, any> | null }>
}
