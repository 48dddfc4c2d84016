import { CONSIGNMENT_STATES as SANDBOX_STATES } from "../../../../sandbox/routes/consignments"
import { CONSIGNMENT_STATES } from "../states"

/**
 * The sandbox keeps its own copy of the §5 ConsignmentState names (it is compiled on its own and cannot import src/):
 * the copy must stay the same list as src/lib/pro/states.ts, both mirroring docs/pro-api.md §5.
 */
it("the sandbox's ConsignmentState names are the plugin's, in the same order", () => {
  expect(SANDBOX_STATES).toEqual([...CONSIGNMENT_STATES])
})
