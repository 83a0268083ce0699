import type { Discrepancy } from "@ballast/margin";
import type { Finding } from "./Finding.js";

const laneName = (lane: { vaultEid: number; ledgerEid: number }) => `${lane.vaultEid}->${lane.ledgerEid}`;

/**
 * A `@ballast/margin` discrepancy as a {@link Finding} on its lane or vault, with a one-line detail.
 * Ledger-wide discrepancies (invariant 5, ledger totals) have no lane: undefined (reconciliation
 * reads no ledger totals).
 */
export function toFinding(d: Discrepancy): Finding | undefined {
  switch (d.kind) {
    case "laneConservation": {
      const credited = d.actual - d.inFlightLock - d.inFlightRelease;
      return {
        kind: d.kind,
        invariant: 1,
        scope: { ...d.lane },
        expected: d.expected,
        actual: d.actual,
        guids: [...d.inFlight.map(({ guid }) => guid), ...d.unmatchedDeliveries],
        detail:
          `lane ${laneName(d.lane)} ${d.asset}: vault.locked ${d.expected} != ledger.credited ${credited}` +
          ` + LOCKs in flight ${d.inFlightLock} + RELEASEs in flight ${d.inFlightRelease} = ${d.actual}` +
          (d.unmatchedDeliveries.length > 0
            ? `; delivered without a known send: ${d.unmatchedDeliveries.join(", ")}`
            : ""),
      };
    }
    case "vaultSolvency":
      return {
        kind: d.kind,
        invariant: 2,
        scope: { vaultEid: d.vaultEid, asset: d.asset },
        expected: d.expected,
        actual: d.actual,
        guids: [],
        detail: `vault ${d.vaultEid} ${d.asset}: balance ${d.actual} < totalLocked + totalClaimable ${d.expected} (short ${d.shortfall})`,
      };
    case "duplicateDelivery":
      return {
        kind: d.kind,
        invariant: 4,
        scope: { ...d.lane },
        expected: d.expected,
        actual: d.actual,
        guids: [d.guid],
        detail: `${d.messageKind} ${d.guid} on lane ${laneName(d.lane)}: ${d.sends.length} send(s), ${d.deliveries.length} deliveries applying ${d.actual} for ${d.expected} sent`,
      };
    case "messageMismatch":
      return {
        kind: d.kind,
        invariant: 4,
        scope: { ...d.lane },
        expected: d.expected,
        actual: d.actual,
        guids: [d.guid],
        detail: `${d.messageKind} ${d.guid}: sent ${d.expected} on lane ${laneName(d.sent.lane)} for ${d.sent.account}, delivered ${d.actual} on lane ${laneName(d.delivered.lane)} for ${d.delivered.account}`,
      };
    case "stuckMessage":
      return {
        kind: d.kind,
        invariant: 4,
        scope: { ...d.lane },
        expected: d.message.amount,
        actual: 0n,
        guids: [d.message.guid],
        detail: `${d.message.kind} ${d.message.guid} of ${d.message.amount} in flight for ${d.age} s (threshold ${d.stuckAfterSeconds} s)`,
      };
    case "unmatchedDelivery":
      return {
        kind: d.kind,
        invariant: 4,
        scope: { ...d.lane },
        expected: 0n,
        actual: d.amount,
        guids: [d.guid],
        detail: `${d.messageKind} ${d.guid} applied ${d.amount} on lane ${laneName(d.lane)} with no send on the source chain`,
      };
    case "projectionMismatch": {
      const scope =
        d.lane !== undefined
          ? { ...d.lane }
          : d.asset !== undefined
            ? { vaultEid: d.eid, asset: d.asset }
            : undefined;
      if (scope === undefined) return undefined;
      return {
        kind: d.kind,
        invariant: null,
        scope,
        field: d.field,
        expected: d.expected,
        actual: d.actual,
        guids: [],
        detail: `${d.field} on eid ${d.eid}: the projection has ${d.expected}, the chain ${d.actual} (events missed or extra)`,
      };
    }
    case "quoteConservation":
      return undefined;
  }
}
