import { type Address, type Hex, normalizeAddress } from "./address.js";
import { type ProjectionState, toInternal } from "./createProjection.js";
import { compareInFlight, type InFlightMessage, toInFlightMessage } from "./inFlightMessage.js";
import { tripleKey } from "./internKey.js";
import { openIndex } from "./openIndex.js";

/** A lane: collateral `asset` of the vault on `vaultEid` used on the ledger on `ledgerEid`. */
export interface LaneId {
  vaultEid: number;
  ledgerEid: number;
  /** The asset on the vault's chain, lowercase. */
  asset: Address;
}

/** Totals of a lane, from the events of both ends. */
export interface LaneView extends LaneId {
  /** Sum of Locked (vault to this ledger). */
  lockedSent: bigint;
  /** Sum of Credited (ledger, from this vault). */
  credited: bigint;
  /** Sum of ReleaseRequested (ledger, for this vault). */
  releaseRequested: bigint;
  /** Sum of Released and ReleaseClaimable (vault, from this ledger). */
  released: bigint;
  /** What `vault.locked(ledgerEid, asset)` should read: lockedSent - released. */
  vaultLocked: bigint;
  /** What `ledger.credited(vaultEid, asset)` should read: credited - releaseRequested. */
  ledgerCredited: bigint;
  /** LOCKs sent and not yet credited. */
  inFlightLock: bigint;
  /** RELEASEs debited and not yet applied on the vault. */
  inFlightRelease: bigint;
  /** The messages in flight, oldest first. */
  inFlight: readonly InFlightMessage[];
  /** Guids applied on this lane whose send was not seen (the sending chain's indexer is behind, or worse). */
  unmatchedDeliveries: readonly Hex[];
  /** Invariant 1 on the projection: vaultLocked == ledgerCredited + inFlightLock + inFlightRelease. */
  conserved: boolean;
}

/** Options of {@link getLane}. */
export interface GetLaneOptions {
  /** Unix time in seconds that ages are measured at; default: the latest block timestamp seen. */
  now?: bigint;
}

/** The totals and in-flight messages of one lane (all zero for a lane never seen). */
export function getLane(
  state: ProjectionState,
  vaultEid: number,
  ledgerEid: number,
  asset: string,
  options: GetLaneOptions = {},
): LaneView {
  const s = toInternal(state);
  const normalized = normalizeAddress(asset, "asset");
  const now = options.now ?? s.latestTimestamp;
  const key = tripleKey(vaultEid, ledgerEid, normalized);
  const record = s.lanes.get(key);
  const index = openIndex(s);
  const inFlight: InFlightMessage[] = [];
  for (const message of index.inFlightByLane.get(key) ?? []) {
    const view = toInFlightMessage(message, now);
    if (view !== undefined) inFlight.push(view);
  }
  inFlight.sort(compareInFlight);
  const lockedSent = record?.lockedSent ?? 0n;
  const credited = record?.credited ?? 0n;
  const releaseRequested = record?.releaseRequested ?? 0n;
  const released = record?.released ?? 0n;
  const inFlightLock = record?.inFlightLock ?? 0n;
  const inFlightRelease = record?.inFlightRelease ?? 0n;
  const vaultLocked = lockedSent - released;
  const ledgerCredited = credited - releaseRequested;
  return {
    vaultEid,
    ledgerEid,
    asset: normalized,
    lockedSent,
    credited,
    releaseRequested,
    released,
    vaultLocked,
    ledgerCredited,
    inFlightLock,
    inFlightRelease,
    inFlight,
    // Guids are stored lowercase 0x-hex (validated on the way in).
    unmatchedDeliveries: (index.unmatchedByLane.get(key) ?? []).map((m) => m.guid as Hex).sort(),
    conserved: vaultLocked === ledgerCredited + inFlightLock + inFlightRelease,
  };
}
