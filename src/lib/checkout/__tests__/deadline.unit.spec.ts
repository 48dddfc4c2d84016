import { ChildProcess, spawn } from "child_process"
import http from "http"
import net from "net"
import { useSandbox } from "../../__tests__/sandbox"
import { ProClient } from "../../pro"
import { resolveOptions } from "../../options"
import type { CartForDelivery } from "../../mapping"
import { MANCHESTER_ADDRESS } from "../../mapping/__tests__/addresses"
import { CacheLike, DeliveryOptionsService } from "../delivery-options"

/**
 * The checkout budget is a deadline over the whole step: connect, the response, cache reads and writes and the
 * look-ups before the call. Each misbehaving PRO is a loopback server; the budget is 1 500 ms, so a PRO trickling
 * one byte a second never trips an idle-socket timeout.
 */
const BUDGET_MS = 1_500
const SLACK_MS = 150
const sandbox = useSandbox()

const cart: CartForDelivery = {
  id: "cart_deadline",
  currency_code: "gbp",
  items: [{ id: "li_1", title: "Mug", quantity: 1, unit_price: 9.5, variant: { sku: "MUG", weight: 600, length: 12, width: 12, height: 10 } }],
  shipping_address: MANCHESTER_ADDRESS,
}

const serviceAt = (baseUrl: string) =>
  new DeliveryOptionsService(
    new ProClient({ baseUrl, apiKey: "deadline-test", retryBaseDelayMs: 5 }),
    resolveOptions({ defaultShippingLocation: "SL-MANCHESTER", checkoutTimeoutMs: BUDGET_MS })
  )

/** Runs `work`, resolving with its result and the milliseconds it took. */
async function timed<T>(work: () => Promise<T>): Promise<{ result: T; elapsed: number }> {
  const started = Date.now()
  const result = await work()
  return { result, elapsed: Date.now() - started }
}

const closers: Array<() => void> = []
afterEach(() => closers.splice(0).forEach((close) => close()))

/** A loopback HTTP-ish server answering each connection with `onSocket`; resolves with its base URL. */
async function loopback(onSocket: (socket: net.Socket) => void): Promise<string> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on("error", () => undefined)
    onSocket(socket)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  closers.push(() => {
    sockets.forEach((socket) => socket.destroy())
    server.close()
  })
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`
}

describe("the checkout deadline", () => {
  it("gives up on a PRO that accepts the connection and never answers", async () => {
    const url = await loopback(() => undefined)
    const { result, elapsed } = await timed(() => serviceAt(url).forCart(cart))
    expect(result).toMatchObject({ ok: false, reason: "pro" })
    expect(elapsed).toBeLessThanOrEqual(BUDGET_MS + SLACK_MS)
  })

  it("gives up on a PRO that sends one byte a second", async () => {
    const server = http.createServer((req, res) => {
      res.writeHead(201, { "content-type": "application/json" })
      res.write("{")
      const timer = setInterval(() => res.write(" "), 1_000)
      res.on("close", () => clearInterval(timer))
      closers.push(() => clearInterval(timer))
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    closers.push(() => server.close())
    closers.push(() => server.closeAllConnections())
    const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`
    const { result, elapsed } = await timed(() => serviceAt(url).forCart(cart))
    expect(result).toMatchObject({ ok: false, reason: "pro" })
    expect(elapsed).toBeLessThanOrEqual(BUDGET_MS + SLACK_MS)
  })

  it("gives up on a connect that stalls (a listening socket that never accepts, its backlog full)", async () => {
    // a child process listens with a backlog of 1, then blocks its event loop: the kernel queues the first
    // connections and then drops SYNs, so a further connect stalls in the TCP handshake
    const child: ChildProcess = spawn(
      process.execPath,
      [
        "-e",
        "const s=require('net').createServer().listen({port:0,host:'127.0.0.1',backlog:1},()=>{process.stdout.write(s.address().port+'\\n');const end=Date.now()+60000;while(Date.now()<end){}})",
      ],
      { stdio: ["ignore", "pipe", "ignore"] }
    )
    closers.push(() => child.kill("SIGKILL"))
    const port = await new Promise<number>((resolve) => child.stdout!.once("data", (chunk) => resolve(Number(String(chunk).trim()))))
    const fillers = Array.from({ length: 4 }, () => net.connect(port, "127.0.0.1").on("error", () => undefined))
    closers.push(() => fillers.forEach((socket) => socket.destroy()))
    await new Promise((resolve) => setTimeout(resolve, 200))
    const { result, elapsed } = await timed(() => serviceAt(`http://127.0.0.1:${port}`).forCart(cart))
    expect(result).toMatchObject({ ok: false, reason: "pro" })
    expect(elapsed).toBeLessThanOrEqual(BUDGET_MS + SLACK_MS)
  })

  it("does not wait on a cache that never answers, and still asks PRO", async () => {
    const stuck: CacheLike = { get: () => new Promise(() => undefined), set: () => new Promise(() => undefined) }
    const service = serviceAt(sandbox.url).useCache(stuck)
    const { result, elapsed } = await timed(() => service.forCart(cart))
    expect(result.ok && result.options.length).toBeGreaterThan(0)
    expect(elapsed).toBeLessThanOrEqual(BUDGET_MS + SLACK_MS)
  })

  it("counts the look-ups before the call", async () => {
    const service = serviceAt(sandbox.url).useLookups({
      resolveShippingLocation: () => new Promise((resolve) => setTimeout(() => resolve("SL-MANCHESTER"), 10_000).unref()),
      variantCustoms: async () => ({}),
    })
    const { result, elapsed } = await timed(() => service.forCart(cart))
    expect(result).toMatchObject({ ok: false, reason: "pro" })
    expect(elapsed).toBeLessThanOrEqual(BUDGET_MS + SLACK_MS)
  })

  it("a stuck call's single-flight entry dies with its deadline: the next caller asks PRO again", async () => {
    let calls = 0
    const url = await loopback(() => {
      calls++
    })
    const service = serviceAt(url)
    await service.forCart(cart)
    const { result, elapsed } = await timed(() => service.forCart(cart))
    expect(result).toMatchObject({ ok: false, reason: "pro" })
    expect(elapsed).toBeLessThanOrEqual(BUDGET_MS + SLACK_MS)
    // the loopback server counts a connection when its accept callback runs, which a loaded machine may delay
    for (let waited = 0; calls < 2 && waited < 2_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(calls).toBe(2)
  })

  it("never throws: a failing look-up is a failure, not an exception", async () => {
    const service = serviceAt(sandbox.url).useLookups({
      resolveShippingLocation: async () => {
        throw new Error("database is down")
      },
      variantCustoms: async () => ({}),
    })
    await expect(service.forCart(cart)).resolves.toMatchObject({ ok: false, reason: "pro" })
  })
})
