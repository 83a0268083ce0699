import { getLane, type ProjectionState } from "@ballast/margin";
import type { ChainReads, UnreadChain } from "./ChainStateReader.js";
import { type Finding, laneKey, vaultKey } from "./Finding.js";
import { projectedValuedTotals } from "./projectedValuedTotals.js";

/** How a lane or vault stands after a run. */
export type ReconciliationStatus = "consistent" | "discrepancy" | "pending" | "unknown";

/** A message in flight on a lane. */
export interface LaneMessage {
  guid: string;
  kind: "lock" | "release";
  amount: bigint;
  /** Seconds since the relayer indexed its send, when the message row is known. */
  ageSeconds: number | undefined;
}

/** One lane (vault chain, ledger chain, asset) after a run. */
export interface LaneStatus {
  vaultEid: number;
  ledgerEid: number;
  /** Lowercase. */
  asset: string;
  status: ReconciliationStatus;
  /** `vault.locked(ledgerEid, asset)` at `vaultBlock`. */
  vaultLocked: bigint | undefined;
  /** `ledger.credited(vaultEid, asset)` at `ledgerBlock`. */
  ledgerCredited: bigint | undefined;
  vaultBlock: bigint | undefined;
  ledgerBlock: bigint | undefined;
  inFlightLock: bigint;
  inFlightRelease: bigint;
  inFlight: LaneMessage[];
  discrepancies: Finding[];
  /** Findings explained by indexing skew (a delivery indexed before its send), not alerted while young. */
  pending: Finding[];
  /** Why the status is unknown, or how long it has been pending. */
  note: string | undefined;
}

/** One vault asset (invariant 2) after a run. */
export interface VaultStatus {
  vaultEid: number;
  asset: string;
  status: ReconciliationStatus;
  blockNumber: bigint | undefined;
  balance: bigint | undefined;
  totalLocked: bigint | undefined;
  totalClaimable: bigint | undefined;
  locksPaused: boolean | undefined;
  discrepancies: Finding[];
  note: string | undefined;
}

/** Parameters of {@link buildReconciliation}. */
export interface BuildReconciliationParameters {
  state: ProjectionState;
  /** Every chain eid, in manifest order (vault and ledger chains alike). */
  eids: readonly number[];
  /** Assets (lowercase) per vault eid: the lanes are every (vault eid, ledger eid, asset of the vault). */
  assets: ReadonlyMap<number, readonly string[]>;
  reads: ReadonlyMap<number, ChainReads>;
  unread: readonly UnreadChain[];
  /** `@ballast/margin`'s discrepancies for the snapshot, as findings. */
  findings: readonly Finding[];
  /** Unmatched deliveries whose send lies beyond the source chain's indexed block (indexing skew). */
  skewedGuids: ReadonlySet<string>;
  /** Seconds since each in-flight message was indexed (message table). */
  messageAges: ReadonlyMap<string, number>;
  /** Since when (ms) each lane has been pending, from the previous run. */
  pendingSince: ReadonlyMap<string, number>;
  /** Now, in ms. */
  now: number;
  /** A message in flight, or a lane pending, for longer than this is a discrepancy. */
  stuckAfterMs: number;
}

/** The return type of {@link buildReconciliation}. */
export interface BuildReconciliationReturnType {
  lanes: LaneStatus[];
  vaults: VaultStatus[];
  /** For the next run. */
  pendingSince: Map<string, number>;
}

/**
 * Places a run's findings on lanes and vaults and adds the relayer's own checks:
 *
 * - `valuedTotal`: each ledger's `valuedTotal(src, asset)` against the projection's sum of valued
 *   balances (a `projectionMismatch`);
 * - stuck messages (invariant 4): in flight longer than `stuckAfterMs`, aged by the message table
 *   (the store keeps no block timestamps, so margin's own stuck check never fires);
 * - indexing skew: a delivery indexed before its send (the source chain's indexer is behind, which
 *   `skewedGuids` establishes from the source endpoint's outbound nonce at its indexed block) makes
 *   lane conservation miss by exactly the amounts delivered. Such a lane is `pending`, not a
 *   discrepancy, until it has been pending longer than `stuckAfterMs`.
 *
 * A lane or vault touching a chain that could not be read is `unknown`.
 */
export function buildReconciliation(
  parameters: BuildReconciliationParameters,
): BuildReconciliationReturnType {
  const { state, eids, assets, reads, findings, skewedGuids, messageAges, now, stuckAfterMs } = parameters;
  const unread = new Map(parameters.unread.map(({ eid, reason }) => [eid, reason]));
  const byLane = new Map<string, Finding[]>();
  const byVault = new Map<string, Finding[]>();
  for (const finding of findings) {
    const { vaultEid, ledgerEid, asset } = finding.scope;
    const key = ledgerEid === undefined ? vaultKey(vaultEid, asset) : laneKey(vaultEid, ledgerEid, asset);
    const map = ledgerEid === undefined ? byVault : byLane;
    map.set(key, [...(map.get(key) ?? []), finding]);
  }
  const valuedTotals = projectedValuedTotals(state);
  const pendingSince = new Map<string, number>();
  const lanes: LaneStatus[] = [];
  const vaults: VaultStatus[] = [];

  for (const vaultEid of eids) {
    const vaultReads = reads.get(vaultEid);
    for (const asset of assets.get(vaultEid) ?? []) {
      for (const ledgerEid of eids) {
        const key = laneKey(vaultEid, ledgerEid, asset);
        const ledgerReads = reads.get(ledgerEid);
        const lane = getLane(state, vaultEid, ledgerEid, asset);
        const inFlight = lane.inFlight.map(
          (m): LaneMessage => ({
            guid: m.guid,
            kind: m.kind,
            amount: m.amount,
            ageSeconds: messageAges.get(m.guid),
          }),
        );
        const base = {
          vaultEid,
          ledgerEid,
          asset: asset.toLowerCase(),
          vaultLocked: vaultReads?.locked.get(`${ledgerEid}:${asset.toLowerCase()}`),
          ledgerCredited: ledgerReads?.credited.get(`${vaultEid}:${asset.toLowerCase()}`),
          vaultBlock: vaultReads?.blockNumber,
          ledgerBlock: ledgerReads?.blockNumber,
          inFlightLock: lane.inFlightLock,
          inFlightRelease: lane.inFlightRelease,
          inFlight,
        };
        if (vaultReads === undefined || ledgerReads === undefined) {
          const missing = vaultReads === undefined ? vaultEid : ledgerEid;
          lanes.push({
            ...base,
            status: "unknown",
            discrepancies: [],
            pending: [],
            note: `chain ${missing} not read: ${unread.get(missing) ?? "not indexed yet"}`,
          });
          continue;
        }
        const laneFindings = [...(byLane.get(key) ?? [])];
        const chainValued = ledgerReads.valuedTotal.get(`${vaultEid}:${asset.toLowerCase()}`) ?? 0n;
        const projectedValued = valuedTotals.get(key) ?? 0n;
        if (chainValued !== projectedValued) {
          laneFindings.push({
            kind: "projectionMismatch",
            invariant: null,
            scope: { vaultEid, ledgerEid, asset: asset.toLowerCase() },
            field: "valuedTotal",
            expected: projectedValued,
            actual: chainValued,
            guids: [],
            detail: `valuedTotal on eid ${ledgerEid}: the projection has ${projectedValued}, the chain ${chainValued} (events missed or extra)`,
          });
        }
        for (const message of inFlight) {
          const age = message.ageSeconds;
          if (age === undefined || age * 1_000 <= stuckAfterMs) continue;
          laneFindings.push({
            kind: "stuckMessage",
            invariant: 4,
            scope: { vaultEid, ledgerEid, asset: asset.toLowerCase() },
            expected: message.amount,
            actual: 0n,
            guids: [message.guid],
            detail: `${message.kind} ${message.guid} of ${message.amount} in flight for ${age} s (threshold ${Math.floor(stuckAfterMs / 1_000)} s)`,
          });
        }
        const { discrepancies, pending } = splitSkew(laneFindings, skewedGuids);
        let note: string | undefined;
        if (pending.length > 0) {
          const since = parameters.pendingSince.get(key) ?? now;
          pendingSince.set(key, since);
          note = `pending for ${Math.floor((now - since) / 1_000)} s: a delivery was indexed before its send (the source chain's indexer is behind)`;
          if (now - since > stuckAfterMs) {
            discrepancies.push(
              ...pending.map((finding) => ({ ...finding, detail: `${finding.detail} (${note})` })),
            );
            pending.length = 0;
          }
        }
        const status: ReconciliationStatus =
          discrepancies.length > 0 ? "discrepancy" : pending.length > 0 ? "pending" : "consistent";
        lanes.push({ ...base, status, discrepancies, pending, note });
      }
      const vaultFindings = byVault.get(vaultKey(vaultEid, asset)) ?? [];
      const totals = vaultReads?.vaultAssets.get(asset.toLowerCase());
      vaults.push({
        vaultEid,
        asset: asset.toLowerCase(),
        status:
          vaultReads === undefined ? "unknown" : vaultFindings.length > 0 ? "discrepancy" : "consistent",
        blockNumber: vaultReads?.blockNumber,
        balance: totals?.balance,
        totalLocked: totals?.totalLocked,
        totalClaimable: totals?.totalClaimable,
        locksPaused: vaultReads?.locksPaused,
        discrepancies: vaultReads === undefined ? [] : [...vaultFindings],
        note:
          vaultReads === undefined
            ? `chain ${vaultEid} not read: ${unread.get(vaultEid) ?? "not indexed yet"}`
            : undefined,
      });
    }
  }
  return { lanes, vaults, pendingSince };
}

/**
 * The lane's findings split into real discrepancies and those explained by indexing skew: unmatched
 * deliveries in `skewedGuids`, and a lane-conservation miss equal to exactly their amounts.
 */
function splitSkew(
  findings: readonly Finding[],
  skewedGuids: ReadonlySet<string>,
): { discrepancies: Finding[]; pending: Finding[] } {
  const skewed = findings.filter(
    (f) => f.kind === "unmatchedDelivery" && f.guids.every((guid) => skewedGuids.has(guid)),
  );
  const skewAmount = skewed.reduce((sum, f) => sum + f.actual, 0n);
  const explained = (f: Finding) =>
    skewed.includes(f) ||
    (f.kind === "laneConservation" && skewed.length > 0 && f.actual - f.expected === skewAmount);
  return {
    discrepancies: findings.filter((f) => !explained(f)),
    pending: findings.filter(explained),
  };
}
