/**
 * Deterministic PRO-style reference and identifier generation.
 *
 * docs/pro-api.md §1: consignments `EC-xxx-xxx-xxx`, packages `EP-…`, options `EDO-…`, orders `EO-…`
 * (x = uppercase alphanumeric), GUIDs for quote references, 32 hex characters for manifests.
 * Every identifier comes from a per-kind monotonically increasing counter, so a reset sandbox
 * produces the same sequence again.
 */
import { createHash } from "node:crypto"

/** Per-kind counters; create a new instance (or call {@link RefGenerator.reset}) to restart the sequence. */
export class RefGenerator {
  private counters = new Map<string, number>()

  /**
   * @param seed mixes into GUIDs and manifest references so two sandboxes with different seeds differ.
   * @param offset added to every counter, so sequences start at `offset + 1`.
   */
  constructor(
    private readonly seed: string,
    private readonly offset = 0
  ) {}

  /** Restarts every counter. */
  reset(): void {
    this.counters.clear()
  }

  /** Next value (1, 2, …) of a named counter. */
  next(kind: string): number {
    const count = (this.counters.get(kind) ?? this.offset) + 1
    this.counters.set(kind, count)
    return count
  }

  /**
   * Next reference with a prefix, e.g. `reference("EC")` → `EC-000-000-001`: the counter in base 36,
   * upper case, zero-padded to 9 characters and grouped by three.
   */
  reference(prefix: string): string {
    const digits = this.next(prefix).toString(36).toUpperCase().padStart(9, "0")
    return `${prefix}-${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)}`
  }

  /** Next GUID of a kind (deterministic, version-4 layout), e.g. for `QuoteReference`. */
  guid(kind: string): string {
    const hash = this.hash(kind)
    return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-4${hash.slice(13, 16)}-a${hash.slice(17, 20)}-${hash.slice(20, 32)}`
  }

  /** Next 32-hex-character identifier of a kind (manifest references, §1). */
  hex32(kind: string): string {
    return this.hash(kind)
  }

  /** A stable GUID for a fixed name (not counted), e.g. the account's `CustomerReference`. */
  fixedGuid(name: string): string {
    const digest = createHash("sha1").update(`${this.seed}:${name}`).digest("hex")
    return `${digest.slice(0, 8)}-${digest.slice(8, 12)}-4${digest.slice(13, 16)}-a${digest.slice(17, 20)}-${digest.slice(20, 32)}`
  }

  private hash(kind: string): string {
    return createHash("sha1")
      .update(`${this.seed}:${kind}:${this.next(kind)}`)
      .digest("hex")
      .slice(0, 32)
  }
}
