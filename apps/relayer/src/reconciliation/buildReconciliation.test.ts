import {
  applyEvents,
  type BallastEvent,
  checkInvariants,
  createProjection,
  type ProjectionState,
} from "@ballast/margin";
import { describe, expect, test } from "vitest";
import { type BuildReconciliationParameters, buildReconciliation } from "./buildReconciliation.js";
import type { ChainReads } from "./ChainStateReader.js";
import { type Finding, laneKey } from "./Finding.js";
import { toChainSnapshot } from "./toChainSnapshot.js";
import { toFinding } from "./toFinding.js";

const VAULT = 1;
const LEDGER = 2;
const asset = "0x00000000000000000000000000000000000000aa";
const alice = "0x00000000000000000000000000000000000a11ce";
const guid = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as const;
const blockHash = (n: number) => `0x${(1_000 + n).toString(16).padStart(64, "0")}` as const;
const eids = [VAULT, LEDGER];
const assets = new Map([
  [VAULT, [asset]],
  [LEDGER, [] as string[]],
]);

let logIndex = 0;
function base(eid: number, block: number) {
  return {
    key: { chainId: 100 + eid, blockHash: blockHash(block), logIndex: logIndex++ },
    eid,
    blockNumber: BigInt(block),
  };
}
const locked = (g: number, amount: bigint, block = 1): BallastEvent => ({
  ...base(VAULT, block),
  type: "Locked",
  guid: guid(g),
  dstEid: LEDGER,
  asset,
  sender: alice,
  beneficiary: alice,
  amount,
  rate: 0n,
});
const credited = (g: number, amount: bigint, block = 2): BallastEvent => ({
  ...base(LEDGER, block),
  type: "Credited",
  guid: guid(g),
  srcEid: VAULT,
  asset,
  account: alice,
  amount,
  valued: amount,
  parked: 0n,
});

/** Reads of a chain: `locked`/`credited`/`valuedTotal` of the one lane, the vault asset's totals. */
function chainReads(
  eid: number,
  lane: { locked?: bigint; credited?: bigint; valued?: bigint },
  balance = 0n,
): ChainReads {
  const lockedTotal = lane.locked ?? 0n;
  return {
    eid,
    blockNumber: 10n,
    locked: new Map(
      eid === VAULT
        ? [
            [`${LEDGER}:${asset}`, lockedTotal],
            [`${VAULT}:${asset}`, 0n],
          ]
        : [],
    ),
    vaultAssets: new Map(
      eid === VAULT
        ? [[asset, { balance: balance || lockedTotal, totalLocked: lockedTotal, totalClaimable: 0n }]]
        : [],
    ),
    locksPaused: false,
    credited: new Map([[`${VAULT}:${asset}`, eid === LEDGER ? (lane.credited ?? 0n) : 0n]]),
    valuedTotal: new Map([[`${VAULT}:${asset}`, eid === LEDGER ? (lane.valued ?? lane.credited ?? 0n) : 0n]]),
  };
}

function build(
  state: ProjectionState,
  reads: Map<number, ChainReads>,
  overrides: Partial<BuildReconciliationParameters> = {},
) {
  const findings = checkInvariants(state, toChainSnapshot(reads, assets, eids)).flatMap(
    (d) => toFinding(d) ?? [],
  );
  return buildReconciliation({
    state,
    eids,
    assets,
    reads,
    unread: [],
    findings,
    skewedGuids: new Set(),
    messageAges: new Map(),
    pendingSince: new Map(),
    now: 1_000_000,
    stuckAfterMs: 300_000,
    ...overrides,
  });
}

const laneOf = (result: ReturnType<typeof build>, vaultEid = VAULT, ledgerEid = LEDGER) => {
  const lane = result.lanes.find((l) => l.vaultEid === vaultEid && l.ledgerEid === ledgerEid);
  if (lane === undefined) throw new Error("no lane");
  return lane;
};
const kinds = (findings: readonly Finding[]) =>
  findings.map((f) => `${f.kind}${f.field ? `:${f.field}` : ""}`).sort();

describe("buildReconciliation", () => {
  // Lock 50 (credited) and lock 100 (in flight) on the lane 1 -> 2.
  const state = applyEvents(createProjection(), [locked(1, 50n), credited(1, 50n), locked(2, 100n)]);
  const consistentReads = () =>
    new Map([
      [VAULT, chainReads(VAULT, { locked: 150n })],
      [LEDGER, chainReads(LEDGER, { credited: 50n })],
    ]);

  test("every lane of every vault asset and ledger; in-flight messages counted on theirs; consistent", () => {
    const result = build(state, consistentReads(), { messageAges: new Map([[guid(2), 30]]) });
    expect(result.lanes.map(({ vaultEid, ledgerEid }) => [vaultEid, ledgerEid])).toEqual([
      [VAULT, VAULT],
      [VAULT, LEDGER],
    ]);
    expect(laneOf(result)).toMatchObject({
      status: "consistent",
      vaultLocked: 150n,
      ledgerCredited: 50n,
      inFlightLock: 100n,
      inFlight: [{ guid: guid(2), kind: "lock", amount: 100n, ageSeconds: 30 }],
      discrepancies: [],
      pending: [],
    });
    expect(result.vaults).toMatchObject([
      { vaultEid: VAULT, asset, status: "consistent", totalLocked: 150n },
    ]);
  });

  test("a message in flight longer than stuckAfterMs is a stuck discrepancy (invariant 4)", () => {
    const result = build(state, consistentReads(), { messageAges: new Map([[guid(2), 301]]) });
    const lane = laneOf(result);
    expect(lane.status).toBe("discrepancy");
    expect(lane.discrepancies).toMatchObject([
      { kind: "stuckMessage", invariant: 4, guids: [guid(2)], expected: 100n, actual: 0n },
    ]);
  });

  test("the ledger's valuedTotal against the projection's valued balances", () => {
    const reads = consistentReads();
    reads.set(LEDGER, chainReads(LEDGER, { credited: 50n, valued: 40n }));
    const [finding] = laneOf(build(state, reads)).discrepancies;
    expect(finding).toMatchObject({
      kind: "projectionMismatch",
      field: "valuedTotal",
      expected: 50n,
      actual: 40n,
    });
  });

  test("vault.locked off by an amount no event explains: lane conservation and a projection mismatch", () => {
    const reads = consistentReads();
    reads.set(VAULT, chainReads(VAULT, { locked: 170n }));
    const lane = laneOf(build(state, reads));
    expect(kinds(lane.discrepancies)).toEqual(["laneConservation", "projectionMismatch:vaultLocked"]);
    expect(lane.discrepancies.find((f) => f.kind === "laneConservation")).toMatchObject({
      invariant: 1,
      expected: 170n,
      actual: 150n,
      guids: [guid(2)],
    });
  });

  test("a vault holding less than it owes: invariant 2 on the vault, not on the lane", () => {
    const reads = consistentReads();
    reads.set(VAULT, chainReads(VAULT, { locked: 150n }, 149n));
    const result = build(state, reads);
    expect(laneOf(result).status).toBe("consistent");
    expect(result.vaults[0]).toMatchObject({ status: "discrepancy", balance: 149n });
    expect(result.vaults[0]?.discrepancies).toMatchObject([
      {
        kind: "vaultSolvency",
        invariant: 2,
        expected: 150n,
        actual: 149n,
        scope: { vaultEid: VAULT, asset },
      },
    ]);
    expect(result.vaults[0]?.discrepancies[0]?.scope.ledgerEid).toBeUndefined();
  });

  describe("a credit whose send is not in the projection", () => {
    // Credited 25 for guid 3, whose Locked the projection has not seen.
    const skewState = applyEvents(state, [credited(3, 25n, 3)]);
    const reads = () =>
      new Map([
        [VAULT, chainReads(VAULT, { locked: 150n })],
        [LEDGER, chainReads(LEDGER, { credited: 75n })],
      ]);

    test("sent after the vault chain's indexed block (skew): pending, carried to the next run", () => {
      const result = build(skewState, reads(), { skewedGuids: new Set([guid(3)]) });
      const lane = laneOf(result);
      expect(lane.status).toBe("pending");
      expect(lane.discrepancies).toEqual([]);
      expect(kinds(lane.pending)).toEqual(["laneConservation", "unmatchedDelivery"]);
      expect(result.pendingSince).toEqual(new Map([[laneKey(VAULT, LEDGER, asset), 1_000_000]]));

      const later = build(skewState, reads(), {
        skewedGuids: new Set([guid(3)]),
        pendingSince: result.pendingSince,
        now: 1_000_000 + 300_001,
      });
      const escalated = laneOf(later);
      expect(escalated.status).toBe("discrepancy");
      expect(kinds(escalated.discrepancies)).toEqual(["laneConservation", "unmatchedDelivery"]);
      expect(escalated.discrepancies[0]?.detail).toMatch(/pending for 300 s/);
    });

    test("sent at or before it (an indexer hole, or a sender that is not our vault): a discrepancy at once", () => {
      const lane = laneOf(build(skewState, reads()));
      expect(lane.status).toBe("discrepancy");
      expect(lane.discrepancies.find((f) => f.kind === "laneConservation")).toMatchObject({
        expected: 150n,
        actual: 175n,
        guids: expect.arrayContaining([guid(2), guid(3)]),
      });
      expect(lane.discrepancies.find((f) => f.kind === "unmatchedDelivery")).toMatchObject({
        invariant: 4,
        guids: [guid(3)],
        actual: 25n,
      });
    });

    test("skew that does not account for the whole miss is a discrepancy", () => {
      const off = reads();
      off.set(VAULT, chainReads(VAULT, { locked: 140n }));
      const lane = laneOf(build(skewState, off, { skewedGuids: new Set([guid(3)]) }));
      expect(lane.status).toBe("discrepancy");
      expect(kinds(lane.discrepancies)).toContain("laneConservation");
      expect(kinds(lane.pending)).toEqual(["unmatchedDelivery"]);
    });
  });

  test("a chain that was not read makes its lanes and vaults unknown, saying why", () => {
    const reads = new Map([[VAULT, chainReads(VAULT, { locked: 150n })]]);
    const result = build(state, reads, { unread: [{ eid: LEDGER, reason: "read failed: timeout" }] });
    expect(laneOf(result)).toMatchObject({
      status: "unknown",
      ledgerCredited: undefined,
      note: `chain ${LEDGER} not read: read failed: timeout`,
    });
    expect(laneOf(result, VAULT, VAULT).status).toBe("consistent");
    expect(result.vaults[0]?.status).toBe("consistent");
  });
});
