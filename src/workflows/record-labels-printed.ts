import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { SORTED_PRO_MODULE } from "../modules/sorted-pro"
import type SortedProModuleService from "../modules/sorted-pro/service"

/** Input: PRO consignment references (`EC-…`) whose labels staff just printed or downloaded. */
export interface RecordLabelsPrintedInput {
  references: string[]
}

/**
 * Sets `labels_printed_at` (now) on our records of `references` that have none yet; references this store does not
 * hold are ignored. Answers the number of records marked.
 */
export const recordLabelsPrintedStep = createStep("sorted-pro-record-labels-printed", async (input: RecordLabelsPrintedInput, { container }) => {
  const service = container.resolve<SortedProModuleService>(SORTED_PRO_MODULE)
  // one selector update: the module lists the matching records once and writes them in one flush
  const records = input.references.length
    ? await service.updateSortedProConsignments({
        selector: { reference: input.references, labels_printed_at: null },
        data: { labels_printed_at: new Date() },
      })
    : []
  return new StepResponse(records.length)
})

/** Records that staff printed the labels of some consignments (the label and bulk label routes). */
export const recordLabelsPrintedWorkflow = createWorkflow("sorted-pro-record-labels-printed", (input: RecordLabelsPrintedInput) => {
  return new WorkflowResponse(recordLabelsPrintedStep(input))
})
