import type { Address, Hex } from "../projection/address.js";
import type { EventKey } from "../projection/events.js";
import type { LaneId } from "../projection/getLane.js";
import type { InFlightMessage } from "../projection/inFlightMessage.js";

/**
 * Invariant 1 (lane conservation) fails on chain: `vault.locked(B, asset)` (expected) differs
 * from `ledger.credited(A, asset)` + LOCKs in flight + RELEASEs in flight (actual).
 */
export interface LaneConservationDiscrepancy {
  kind: "laneConservation";
  invariant: 1;
  lane: LaneId;
  asset: Address;
  /** vault.locked(ledgerEid, asset). */
  expected: bigint;
  /** ledger.credited(vaultEid, asset) + inFlightLock + inFlightRelease. */
  actual: bigint;
  inFlightLock: bigint;
  inFlightRelease: bigint;
  /** The messages in flight on the lane. */
  inFlight: readonly InFlightMessage[];
  /** Guids applied on the lane whose send the projection has not seen. */
  unmatchedDeliveries: readonly Hex[];
}

/** Invariant 2 (vault solvency) fails: `balanceOf(vault) < totalLocked + totalClaimable`. */
export interface VaultSolvencyDiscrepancy {
  kind: "vaultSolvency";
  invariant: 2;
  vaultEid: number;
  asset: Address;
  /** totalLocked + totalClaimable: the least the vault must hold. */
  expected: bigint;
  /** balanceOf(vault). */
  actual: bigint;
  /** expected - actual. */
  shortfall: bigint;
}

/** Invariant 4 (exactly once) fails: a guid was credited or released more than once (or sent twice). */
export interface DuplicateDeliveryDiscrepancy {
  kind: "duplicateDelivery";
  invariant: 4;
  guid: Hex;
  messageKind: "lock" | "release";
  lane: LaneId;
  asset: Address;
  /** The amount sent (the first send's), 0 when the send was not seen. */
  expected: bigint;
  /** The sum applied over every delivery. */
  actual: bigint;
  sends: readonly EventKey[];
  deliveries: readonly EventKey[];
}

/** Invariant 4: a message in flight for longer than the threshold. */
export interface StuckMessageDiscrepancy {
  kind: "stuckMessage";
  invariant: 4;
  lane: LaneId;
  asset: Address;
  message: InFlightMessage;
  /** Seconds since it was sent. */
  age: bigint;
  /** The threshold it passed. */
  stuckAfterSeconds: bigint;
}

/**
 * Invariant 4: a delivery (Credited, Released, ReleaseClaimable) whose send the projection has not
 * seen for longer than the threshold: the sending chain is not indexed that far, or the message
 * did not come from a known send.
 */
export interface UnmatchedDeliveryDiscrepancy {
  kind: "unmatchedDelivery";
  invariant: 4;
  guid: Hex;
  messageKind: "lock" | "release";
  lane: LaneId;
  asset: Address;
  amount: bigint;
  deliveredIn: EventKey;
  /** Seconds since the delivery, when its timestamp is known. */
  age?: bigint;
}

/** One end of a message as an event describes it. */
export interface MessageEndView {
  lane: LaneId;
  account: Address;
  recipient?: Address;
  amount: bigint;
  in: EventKey;
}

/** Invariant 4 (and 1): the send and the delivery of a guid disagree (lane, asset, account, recipient, amount or kind). */
export interface MessageMismatchDiscrepancy {
  kind: "messageMismatch";
  invariant: 4;
  guid: Hex;
  messageKind: "lock" | "release";
  lane: LaneId;
  asset: Address;
  /** The amount sent. */
  expected: bigint;
  /** The amount delivered. */
  actual: bigint;
  sent: MessageEndView;
  delivered: MessageEndView;
}

/** Invariant 5 (conservation of quote) fails: `quote.balanceOf(ledger) != totalCash + insuranceFund`. */
export interface QuoteConservationDiscrepancy {
  kind: "quoteConservation";
  invariant: 5;
  ledgerEid: number;
  /** totalCash + insuranceFund (cash includes the markets' LP pools). */
  expected: bigint;
  /** quote.balanceOf(ledger). */
  actual: bigint;
}

/** What the projection tracks and the chain disagrees on: the projection misses events, or has extra ones. */
export type ProjectionField =
  | "vaultLocked"
  | "ledgerCredited"
  | "totalLocked"
  | "totalClaimable"
  | "totalCash"
  | "insuranceFund";

/** The projection (expected) and the chain (actual) differ on a total. */
export interface ProjectionMismatchDiscrepancy {
  kind: "projectionMismatch";
  field: ProjectionField;
  /** The chain the total is read on. */
  eid: number;
  lane?: LaneId;
  asset?: Address;
  /** The projection's figure. */
  expected: bigint;
  /** The chain's figure. */
  actual: bigint;
}

/** Everything `checkInvariants` reports, told apart by `kind`. */
export type Discrepancy =
  | LaneConservationDiscrepancy
  | VaultSolvencyDiscrepancy
  | DuplicateDeliveryDiscrepancy
  | StuckMessageDiscrepancy
  | UnmatchedDeliveryDiscrepancy
  | MessageMismatchDiscrepancy
  | QuoteConservationDiscrepancy
  | ProjectionMismatchDiscrepancy;
