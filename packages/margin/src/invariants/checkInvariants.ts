import { type Address, type Hex, normalizeAddress } from "../projection/address.js";
import { type ProjectionState, toInternal } from "../projection/createProjection.js";
import { getLane, type LaneId } from "../projection/getLane.js";
import { getLedger } from "../projection/getLedger.js";
import { getVaultAsset } from "../projection/getVaultAsset.js";
import { toInFlightMessage } from "../projection/inFlightMessage.js";
import { sidesAgree } from "../projection/messageBook.js";
import {
  deliveriesOf,
  type InternalState,
  type MessageRecord,
  type MessageSide,
  sendsOf,
  sideKey,
} from "../projection/records.js";
import { shardGet, shardValues } from "../projection/shards.js";
import type { ChainSnapshot } from "./chainSnapshot.js";
import type { Discrepancy, MessageEndView } from "./discrepancy.js";

/** Options of {@link checkInvariants}. */
export interface CheckInvariantsOptions {
  /** Unix time in seconds that ages are measured at; default: the latest block timestamp seen. */
  now?: bigint;
  /**
   * A message in flight (or a delivery without its send) older than this is reported; default one
   * hour. Messages whose send has no timestamp are never reported as stuck.
   */
  stuckAfterSeconds?: bigint;
}

const DEFAULT_STUCK_AFTER = 3_600n;

// Keys of the projection are lowercase 0x-hex (validated on the way in).
const hex = (value: string) => value as Hex;

function laneOf(side: MessageSide): LaneId {
  return { vaultEid: side.vaultEid, ledgerEid: side.ledgerEid, asset: hex(side.asset) };
}

function endView(side: MessageSide): MessageEndView {
  return {
    lane: laneOf(side),
    account: hex(side.account),
    ...(side.recipient === undefined ? {} : { recipient: hex(side.recipient) }),
    amount: side.amount,
    in: sideKey(side),
  };
}

/**
 * Compares the projection with on-chain reads and lists every discrepancy, typed by `kind`:
 *
 * - invariant 1, per snapshot lane: `vault.locked == ledger.credited + LOCKs in flight + RELEASEs in
 *   flight` (`laneConservation`, with the messages in flight and unmatched deliveries);
 * - invariant 2, per snapshot vault asset: `balanceOf >= totalLocked + totalClaimable` (`vaultSolvency`);
 * - invariant 4, from the projection: a guid delivered (or sent) twice (`duplicateDelivery`), a send
 *   and delivery that disagree (`messageMismatch`), a message in flight longer than the threshold
 *   (`stuckMessage`), a delivery whose send is unseen for longer than it (`unmatchedDelivery`);
 * - invariant 5, per snapshot ledger: `quote.balanceOf(ledger) == totalCash + insuranceFund`
 *   (`quoteConservation`; a donation to the ledger shows here too);
 * - `projectionMismatch`: the projection's lane, vault or ledger totals differ from the chain's
 *   (events missed or extra: an indexer problem rather than a contract one).
 *
 * The snapshot must be read at the blocks the projection is indexed to. The result is sorted by
 * invariant, then lane or chain, then guid, and is empty when everything holds.
 */
export function checkInvariants(
  state: ProjectionState,
  snapshot: ChainSnapshot,
  options: CheckInvariantsOptions = {},
): Discrepancy[] {
  const s = toInternal(state);
  const now = options.now ?? s.latestTimestamp;
  const stuckAfter = options.stuckAfterSeconds ?? DEFAULT_STUCK_AFTER;
  const found: Discrepancy[] = [];

  for (const snap of snapshot.lanes) {
    const lane = getLane(state, snap.vaultEid, snap.ledgerEid, snap.asset, { now });
    const id: LaneId = { vaultEid: lane.vaultEid, ledgerEid: lane.ledgerEid, asset: lane.asset };
    const actual = snap.ledgerCredited + lane.inFlightLock + lane.inFlightRelease;
    if (actual !== snap.vaultLocked) {
      found.push({
        kind: "laneConservation",
        invariant: 1,
        lane: id,
        asset: lane.asset,
        expected: snap.vaultLocked,
        actual,
        inFlightLock: lane.inFlightLock,
        inFlightRelease: lane.inFlightRelease,
        inFlight: lane.inFlight,
        unmatchedDeliveries: lane.unmatchedDeliveries,
      });
    }
    if (lane.vaultLocked !== snap.vaultLocked) {
      found.push(mismatch("vaultLocked", lane.vaultEid, lane.vaultLocked, snap.vaultLocked, id));
    }
    if (lane.ledgerCredited !== snap.ledgerCredited) {
      found.push(mismatch("ledgerCredited", lane.ledgerEid, lane.ledgerCredited, snap.ledgerCredited, id));
    }
  }

  for (const snap of snapshot.vaults) {
    const asset = normalizeAddress(snap.asset, "asset");
    const required = snap.totalLocked + snap.totalClaimable;
    if (snap.balance < required) {
      found.push({
        kind: "vaultSolvency",
        invariant: 2,
        vaultEid: snap.vaultEid,
        asset,
        expected: required,
        actual: snap.balance,
        shortfall: required - snap.balance,
      });
    }
    const vault = getVaultAsset(state, snap.vaultEid, asset);
    if (vault.totalLocked !== snap.totalLocked) {
      found.push(
        mismatch("totalLocked", snap.vaultEid, vault.totalLocked, snap.totalLocked, undefined, asset),
      );
    }
    if (vault.totalClaimable !== snap.totalClaimable) {
      found.push(
        mismatch(
          "totalClaimable",
          snap.vaultEid,
          vault.totalClaimable,
          snap.totalClaimable,
          undefined,
          asset,
        ),
      );
    }
  }

  found.push(...exactlyOnce(s, now, stuckAfter));

  for (const snap of snapshot.ledgers) {
    const expected = snap.totalCash + snap.insuranceFund;
    if (snap.quoteBalance !== expected) {
      found.push({
        kind: "quoteConservation",
        invariant: 5,
        ledgerEid: snap.ledgerEid,
        expected,
        actual: snap.quoteBalance,
      });
    }
    const ledger = getLedger(state, snap.ledgerEid);
    if (ledger.totalCash !== snap.totalCash) {
      found.push(mismatch("totalCash", snap.ledgerEid, ledger.totalCash, snap.totalCash));
    }
    if (ledger.insuranceFund !== snap.insuranceFund) {
      found.push(mismatch("insuranceFund", snap.ledgerEid, ledger.insuranceFund, snap.insuranceFund));
    }
  }
  return found.sort(compareDiscrepancies);
}

function mismatch(
  field: Extract<Discrepancy, { kind: "projectionMismatch" }>["field"],
  eid: number,
  expected: bigint,
  actual: bigint,
  lane?: LaneId,
  asset?: Address,
): Discrepancy {
  return {
    kind: "projectionMismatch",
    field,
    eid,
    ...(lane === undefined ? {} : { lane, asset: lane.asset }),
    ...(asset === undefined ? {} : { asset }),
    expected,
    actual,
  };
}

/** Invariant 4 from the projection alone: duplicates, mismatches, stuck and unmatched messages. */
function exactlyOnce(s: InternalState, now: bigint, stuckAfter: bigint): Discrepancy[] {
  const found: Discrepancy[] = [];
  const message = (guid: string): MessageRecord | undefined => shardGet(s.messages, guid);
  for (const guid of s.flagged) {
    const m = message(guid);
    const send = m?.send;
    const first = send ?? m?.delivery;
    if (m === undefined || first === undefined) continue;
    if (m.moreSends !== undefined || m.moreDeliveries !== undefined) {
      const deliveries = deliveriesOf(m);
      found.push({
        kind: "duplicateDelivery",
        invariant: 4,
        guid: hex(guid),
        messageKind: m.kind,
        lane: laneOf(first),
        asset: hex(first.asset),
        expected: send?.amount ?? 0n,
        actual: deliveries.reduce((sum, d) => sum + d.amount, 0n),
        sends: sendsOf(m).map(sideKey),
        deliveries: deliveries.map(sideKey),
      });
    }
    const delivery = m.delivery;
    if (send !== undefined && delivery !== undefined) {
      const agree = sidesAgree(m.kind, send, delivery) && send.kind === m.kind && delivery.kind === m.kind;
      if (!agree) {
        found.push({
          kind: "messageMismatch",
          invariant: 4,
          guid: hex(guid),
          messageKind: m.kind,
          lane: laneOf(send),
          asset: hex(send.asset),
          expected: send.amount,
          actual: delivery.amount,
          sent: endView(send),
          delivered: endView(delivery),
        });
      }
    }
  }
  for (const m of shardValues(s.open)) {
    {
      const { send, delivery } = m;
      if (send !== undefined) {
        const view = toInFlightMessage(m, now);
        if (view?.age === undefined || view.age <= stuckAfter) continue;
        found.push({
          kind: "stuckMessage",
          invariant: 4,
          lane: laneOf(send),
          asset: hex(send.asset),
          message: view,
          age: view.age,
          stuckAfterSeconds: stuckAfter,
        });
      } else if (delivery !== undefined) {
        const at = delivery.blockTimestamp;
        const age = at === undefined ? undefined : now > at ? now - at : 0n;
        if (age !== undefined && age <= stuckAfter) continue;
        found.push({
          kind: "unmatchedDelivery",
          invariant: 4,
          guid: hex(m.guid),
          messageKind: delivery.kind,
          lane: laneOf(delivery),
          asset: hex(delivery.asset),
          amount: delivery.amount,
          deliveredIn: sideKey(delivery),
          ...(age === undefined ? {} : { age }),
        });
      }
    }
  }
  return found;
}

const RANK: Record<Discrepancy["kind"], number> = {
  laneConservation: 1,
  vaultSolvency: 2,
  duplicateDelivery: 3,
  messageMismatch: 4,
  stuckMessage: 5,
  unmatchedDelivery: 6,
  quoteConservation: 7,
  projectionMismatch: 8,
};

function sortKey(d: Discrepancy): string {
  const pad = (n: number) => n.toString().padStart(10, "0");
  switch (d.kind) {
    case "laneConservation":
      return `${pad(d.lane.vaultEid)}:${pad(d.lane.ledgerEid)}:${d.asset}`;
    case "vaultSolvency":
      return `${pad(d.vaultEid)}:${d.asset}`;
    case "duplicateDelivery":
    case "messageMismatch":
    case "unmatchedDelivery":
      return `${pad(d.lane.vaultEid)}:${pad(d.lane.ledgerEid)}:${d.asset}:${d.guid}`;
    case "stuckMessage":
      return `${pad(d.lane.vaultEid)}:${pad(d.lane.ledgerEid)}:${d.asset}:${d.message.guid}`;
    case "quoteConservation":
      return pad(d.ledgerEid);
    case "projectionMismatch":
      return `${d.field}:${pad(d.eid)}:${d.lane ? `${pad(d.lane.vaultEid)}:${pad(d.lane.ledgerEid)}` : ""}:${d.asset ?? ""}`;
  }
}

function compareDiscrepancies(a: Discrepancy, b: Discrepancy): number {
  const rank = RANK[a.kind] - RANK[b.kind];
  if (rank !== 0) return rank;
  const ka = sortKey(a);
  const kb = sortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
