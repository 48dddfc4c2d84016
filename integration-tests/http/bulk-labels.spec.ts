import { PDFDocument } from "pdf-lib"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { IFileModuleService } from "@medusajs/framework/types"
import { SORTED_PRO_MODULE } from "../../src/modules/sorted-pro"
import type SortedProModuleService from "../../src/modules/sorted-pro/service"
import { expireBulkLabelJobsWorkflow } from "../../src/workflows/bulk-labels"
import { callApi, placeDeliveryOrder } from "./helpers/admin-routes"
import { waitFor } from "./helpers/fixtures"
import { sortedProSuite } from "./helpers/suite"

/**
 * Bulk label jobs across instances (issue 15): a job's progress lives in our module's `sorted_pro_label_job` table and
 * its merged PDF in Medusa's File Module (the local file provider here), so any server instance answers the status
 * and file routes. A job written by "another instance" (a row and a file made directly, nothing in this process's
 * memory) is served; an expired job answers 404 and the expiry workflow deletes its file and row.
 */
sortedProSuite({}, ({ api, getContainer, seed, admin, store }) => {
  const call = (method: string, url: string, body?: unknown) => callApi(api, method, url, body, admin)
  const service = () => getContainer().resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  const files = () => getContainer().resolve<IFileModuleService>(Modules.FILE)
  const db = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)

  /** A one-page PDF stored through the File Module, as another instance's finished job would have left it. */
  async function storedPdf(): Promise<string> {
    const doc = await PDFDocument.create()
    doc.addPage([288, 432])
    const file = await files().createFiles({
      filename: "other-instance.pdf",
      mimeType: "application/pdf",
      content: Buffer.from(await doc.save()).toString("base64"),
      access: "private",
    })
    return file.id
  }

  it("keeps a job's progress in the database and its merged PDF in the File Module", async () => {
    const orderId = await placeDeliveryOrder(api, seed, store)
    const record = await waitFor("the consignment record", async () => {
      const [found] = await service().listSortedProConsignments({ order_id: orderId })
      return found?.sync_status === "synced" ? found : undefined
    })
    const started = await call("POST", "/admin/sorted-pro/labels/bulk", { references: [record.reference, "EC-ZZZ-ZZZ-ZZZ"] })
    expect(started.status).toBe(202)
    expect(started.data.job).toMatchObject({ status: "running", total: 2, fetched: 0, failed: [] })
    const job = await waitFor("the bulk label job", async () => {
      const { data } = await call("GET", `/admin/sorted-pro/labels/bulk/${started.data.job.id}`)
      return data.job.status !== "running" ? data.job : undefined
    })
    expect(job).toMatchObject({ status: "done", total: 2, fetched: 1, merged: 1, pages: 1 })
    expect(job.failed).toEqual([expect.objectContaining({ reference: "EC-ZZZ-ZZZ-ZZZ", status: 404, correlation_id: expect.any(String) })])

    // the row and the file are what any instance reads
    const [row] = await service().listSortedProLabelJobs({ id: job.id })
    expect(row).toMatchObject({ status: "done", fetched: 1, pages: 1, file_id: expect.any(String) })
    const stored = await files().getAsBuffer(row.file_id!)
    expect((await PDFDocument.load(stored)).getPageCount()).toBe(1)
    const served = await api.get(`/admin/sorted-pro/labels/bulk/${job.id}/file`, { ...admin, responseType: "arraybuffer" })
    expect(Buffer.from(served.data).equals(stored)).toBe(true)
  })

  it("serves a job another instance ran: status and file from the database and the File Module", async () => {
    const fileId = await storedPdf()
    const expires = new Date(Date.now() + 60_000)
    const job = await service().createSortedProLabelJobs({
      status: "done",
      references: ["EC-AAA-AAA-AAA"],
      total: 1,
      fetched: 1,
      merged: 1,
      pages: 1,
      bytes: 100,
      file_id: fileId,
      finished_at: new Date(),
      expires_at: expires,
    })
    const { data } = await call("GET", `/admin/sorted-pro/labels/bulk/${job.id}`)
    expect(data.job).toMatchObject({ id: job.id, status: "done", total: 1, fetched: 1, merged: 1, pages: 1, failed: [], error: null })
    const file = await api.get(`/admin/sorted-pro/labels/bulk/${job.id}/file`, { ...admin, responseType: "arraybuffer" })
    expect(file.headers["content-type"]).toContain("application/pdf")
    expect((await PDFDocument.load(Buffer.from(file.data))).getPageCount()).toBe(1)

    // a running job another instance left behind (it stopped writing progress) is reported failed, not running forever
    const stale = await service().createSortedProLabelJobs({ status: "running", references: ["EC-AAA-AAA-AAA"], total: 1, expires_at: expires })
    await db().raw(`update sorted_pro_label_job set updated_at = now() - interval '10 minutes' where id = ?`, [stale.id])
    const { data: staleView } = await call("GET", `/admin/sorted-pro/labels/bulk/${stale.id}`)
    expect(staleView.job).toMatchObject({ status: "failed", error: expect.stringMatching(/interrupted/) })
    const staleFile = await call("GET", `/admin/sorted-pro/labels/bulk/${stale.id}/file`)
    expect(staleFile.status).toBe(409)
  })

  it("expires a job: 404 after its time, then its file and row are deleted", async () => {
    const fileId = await storedPdf()
    const job = await service().createSortedProLabelJobs({
      status: "done",
      references: ["EC-AAA-AAA-AAA"],
      total: 1,
      fetched: 1,
      merged: 1,
      pages: 1,
      file_id: fileId,
      finished_at: new Date(),
      expires_at: new Date(Date.now() - 1000),
    })
    const kept = await service().createSortedProLabelJobs({ status: "done", references: [], total: 0, expires_at: new Date(Date.now() + 60_000) })
    expect((await call("GET", `/admin/sorted-pro/labels/bulk/${job.id}`)).status).toBe(404)
    expect((await call("GET", `/admin/sorted-pro/labels/bulk/${job.id}/file`)).status).toBe(404)

    const { result } = await expireBulkLabelJobsWorkflow(getContainer()).run({ input: {} })
    expect(result).toEqual({ deleted: 1 })
    expect(await service().listSortedProLabelJobs({ id: [job.id, kept.id] })).toEqual([expect.objectContaining({ id: kept.id })])
    await expect(files().getAsBuffer(fileId)).rejects.toThrow()
  })
})
