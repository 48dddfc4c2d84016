import { ProApiError, ProClient } from "../pro"

/**
 * The consignment references PRO holds under our `ConsignmentReferenceProvidedByCustomer`, read before any retry of
 * a write, telling "none" from "unknown":
 * - `GET /consignments/clientReference/{ref}` (docs/pro-api.md §7 "Look-up by our reference"): a list is the answer,
 *   and so is PRO's own "none" (a 404 whose body is PRO's error, with a `Code`: `findByCustomerReference`);
 * - a 404 without PRO's error body (a route or host that does not exist: a proxy, a moved path), or any other
 *   failure, is inconclusive: Search Consignments filtered by our reference (`GET /consignments/{take}/{skip}
 *   ?ConsignmentReferenceProvidedByCustomer=`, §3.11 table) answers instead, and its matches (exact, case-sensitive)
 *   are the answer;
 * - when that fails too, nothing is known.
 * @throws ProApiError 503 `LookupInconclusive` (ambiguous: the record stays pending and no write is sent) when
 * neither route answers.
 */
export async function consignmentsByCustomerReference(client: ProClient, customerReference: string): Promise<string[]> {
  const first = await client.consignments.findByCustomerReference(customerReference).catch((error: unknown) => {
    if (!(error instanceof ProApiError)) {
      throw error
    }
    return error
  })
  if (Array.isArray(first)) {
    return first
  }
  try {
    const found = await client.consignments.search(10, 0, { ConsignmentReferenceProvidedByCustomer: customerReference })
    if (!found || !Array.isArray(found.ConsignmentSummaries)) {
      throw ProApiError.unexpectedResponse("Search Consignments returned no ConsignmentSummaries", "GET", "/consignments/10/0")
    }
    return found.ConsignmentSummaries.filter((summary) => summary.ConsignmentReferenceProvidedByCustomer === customerReference).map(
      (summary) => summary.Reference
    )
  } catch (error) {
    const second = error instanceof ProApiError ? error : null
    throw new ProApiError({
      status: 503,
      code: "LookupInconclusive",
      message:
        `Could not tell whether SortedPRO holds a consignment for ${customerReference}: ${first.status} ${first.code} on the look-up, ` +
        `${second ? `${second.status} ${second.code}` : String(error)} on the search; nothing was written`,
      correlationId: second?.correlationId ?? first.correlationId,
      method: "GET",
      path: `/consignments/clientReference/${customerReference}`,
    })
  }
}
