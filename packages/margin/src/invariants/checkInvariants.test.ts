import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyEvents } from "../projection/applyEvents.js";
import { createProjection } from "../projection/createProjection.js";
import type { BallastEvent } from "../projection/events.js";
import { ChainLog } from "../test/chainLog.js";
import { ContractsModel } from "../test/contractsModel.js";
import { A, alice, B, eventsUpTo, lockGuid, scenario, usdcB, WAD, weth } from "../test/scenario.js";
import type { ChainSnapshot } from "./chainSnapshot.js";
import { checkInvariants } from "./checkInvariants.js";

const project = (events: readonly BallastEvent[]) => applyEvents(createProjection(), events);

/** What the chains read at the end of the scenario. */
const endSnapshot: ChainSnapshot = {
  lanes: [
    { vaultEid: A, ledgerEid: B, asset: weth, vaultLocked: 0n, ledgerCredited: 0n },
    { vaultEid: B, ledgerEid: B, asset: usdcB, vaultLocked: 500_000_000n, ledgerCredited: 500_000_000n },
  ],
  vaults: [
    { vaultEid: A, asset: weth, balance: 0n, totalLocked: 0n, totalClaimable: 0n },
    { vaultEid: B, asset: usdcB, balance: 500_000_000n, totalLocked: 500_000_000n, totalClaimable: 0n },
  ],
  ledgers: [
    {
      ledgerEid: B,
      quoteBalance: 106_720_000_000n,
      totalCash: 106_610_000_000n,
      insuranceFund: 110_000_000n,
    },
  ],
};

/** What the chains read right after the LOCK was credited. */
const creditedSnapshot: ChainSnapshot = {
  lanes: [{ vaultEid: A, ledgerEid: B, asset: weth, vaultLocked: 2n * WAD, ledgerCredited: 2n * WAD }],
  vaults: [{ vaultEid: A, asset: weth, balance: 2n * WAD, totalLocked: 2n * WAD, totalClaimable: 0n }],
  ledgers: [],
};

describe("checkInvariants", () => {
  it("finds nothing when the projection and the chains agree", () => {
    expect(checkInvariants(project(eventsUpTo("localLock")), endSnapshot)).toEqual([]);
    // Addresses in the snapshot may be checksummed.
    const shouted = {
      ...endSnapshot,
      lanes: endSnapshot.lanes.map((l) => ({ ...l, asset: l.asset.toUpperCase().replace("0X", "0x") })),
    };
    expect(checkInvariants(project(eventsUpTo("localLock")), shouted)).toEqual([]);
  });

  it("invariant 1: a LOCK the projection missed shows as a lane imbalance with the message involved", () => {
    const missedCredit = eventsUpTo("credit").filter((e) => e.type !== "Credited");
    const found = checkInvariants(project(missedCredit), creditedSnapshot);
    expect(found.map((d) => d.kind)).toEqual(["laneConservation", "projectionMismatch"]);
    expect(found[0]).toMatchObject({
      kind: "laneConservation",
      invariant: 1,
      lane: { vaultEid: A, ledgerEid: B, asset: weth },
      asset: weth,
      expected: 2n * WAD,
      actual: 4n * WAD,
      inFlightLock: 2n * WAD,
      inFlightRelease: 0n,
      inFlight: [{ guid: lockGuid, amount: 2n * WAD }],
    });
    expect(found[1]).toMatchObject({ field: "ledgerCredited", eid: B, expected: 0n, actual: 2n * WAD });
  });

  it("invariant 2: a vault holding less than locked + claimable", () => {
    const snapshot = {
      ...creditedSnapshot,
      vaults: [
        {
          ...creditedSnapshot.vaults[0],
          vaultEid: A,
          asset: weth,
          balance: WAD,
          totalLocked: 2n * WAD,
          totalClaimable: 0n,
        },
      ],
    };
    expect(checkInvariants(project(eventsUpTo("credit")), snapshot)).toEqual([
      {
        kind: "vaultSolvency",
        invariant: 2,
        vaultEid: A,
        asset: weth,
        expected: 2n * WAD,
        actual: WAD,
        shortfall: WAD,
      },
    ]);
  });

  it("invariant 4: a guid credited twice, and the chain's credit above the lock", () => {
    const [credited] = scenario().credit;
    if (credited === undefined) throw new Error("scenario without credit");
    const again = { ...credited, key: { ...credited.key, logIndex: credited.key.logIndex + 7 } };
    const snapshot = {
      ...creditedSnapshot,
      lanes: [{ vaultEid: A, ledgerEid: B, asset: weth, vaultLocked: 2n * WAD, ledgerCredited: 4n * WAD }],
    };
    const found = checkInvariants(project([...eventsUpTo("credit"), again]), snapshot);
    expect(found.map((d) => d.kind)).toEqual(["laneConservation", "duplicateDelivery"]);
    expect(found[1]).toMatchObject({
      guid: lockGuid,
      messageKind: "lock",
      expected: 2n * WAD,
      actual: 4n * WAD,
      sends: [scenario().lock[0]?.key],
      deliveries: [credited.key, again.key],
    });
  });

  it("invariant 4: a send and a delivery that disagree", () => {
    const [credited] = scenario().credit;
    if (credited === undefined) throw new Error("scenario without credit");
    const short = { ...credited, amount: WAD, valued: WAD };
    const found = checkInvariants(project([...eventsUpTo("lock"), short]), {
      lanes: [],
      vaults: [],
      ledgers: [],
    });
    expect(found).toMatchObject([
      {
        kind: "messageMismatch",
        guid: lockGuid,
        expected: 2n * WAD,
        actual: WAD,
        sent: { amount: 2n * WAD },
        delivered: { amount: WAD },
      },
    ]);
  });

  it("invariant 4: a message in flight longer than the threshold is stuck, with its age", () => {
    const state = project(eventsUpTo("lock"));
    const none = { lanes: [], vaults: [], ledgers: [] };
    expect(checkInvariants(state, none, { now: 1_000n + 3_600n })).toEqual([]);
    const found = checkInvariants(state, none, { now: 1_000n + 7_200n, stuckAfterSeconds: 3_600n });
    expect(found).toMatchObject([
      {
        kind: "stuckMessage",
        invariant: 4,
        lane: { vaultEid: A, ledgerEid: B, asset: weth },
        age: 7_200n,
        stuckAfterSeconds: 3_600n,
        message: { guid: lockGuid, account: alice, amount: 2n * WAD, sentAt: 1_000n },
      },
    ]);
  });

  it("invariant 4: a delivery whose send stays unseen", () => {
    const state = project(scenario().credit);
    const none = { lanes: [], vaults: [], ledgers: [] };
    expect(checkInvariants(state, none, { now: 1_100n })).toEqual([]);
    expect(checkInvariants(state, none, { now: 9_999n })).toMatchObject([
      {
        kind: "unmatchedDelivery",
        guid: lockGuid,
        messageKind: "lock",
        amount: 2n * WAD,
        age: 9_999n - 1_060n,
      },
    ]);
  });

  it("invariant 5: quote held differs from cash + insurance; the projection's totals differ from the chain's", () => {
    const snapshot = {
      ...endSnapshot,
      ledgers: [
        {
          ledgerEid: B,
          quoteBalance: 106_700_000_000n,
          totalCash: 106_600_000_000n,
          insuranceFund: 110_000_000n,
        },
      ],
    };
    expect(checkInvariants(project(eventsUpTo("localLock")), snapshot)).toEqual([
      {
        kind: "quoteConservation",
        invariant: 5,
        ledgerEid: B,
        expected: 106_710_000_000n,
        actual: 106_700_000_000n,
      },
      {
        kind: "projectionMismatch",
        field: "totalCash",
        eid: B,
        expected: 106_610_000_000n,
        actual: 106_600_000_000n,
      },
    ]);
  });

  it("reports the vault totals the projection disagrees on", () => {
    const snapshot = {
      ...endSnapshot,
      vaults: [{ vaultEid: A, asset: weth, balance: 10n, totalLocked: 1n, totalClaimable: 2n }],
    };
    expect(checkInvariants(project(eventsUpTo("localLock")), snapshot)).toEqual([
      { kind: "projectionMismatch", field: "totalClaimable", eid: A, asset: weth, expected: 0n, actual: 2n },
      { kind: "projectionMismatch", field: "totalLocked", eid: A, asset: weth, expected: 0n, actual: 1n },
    ]);
  });

  it("on random histories, a delivery the projection misses always surfaces with its guid", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(14), fc.nat(1_000_000), fc.nat(1_000_000), fc.nat(1_000_000)), {
          minLength: 20,
          maxLength: 120,
          size: "max",
        }),
        fc.nat(),
        (actions, pick) => {
          const model = new ContractsModel();
          for (const [code, a, b, c] of actions) model.step(code, a, b, c);
          const deliveries = model.events.filter(
            (e) =>
              (e.type === "Credited" || e.type === "Released" || e.type === "ReleaseClaimable") &&
              !/^0x0+$/.test(e.guid),
          );
          const dropped = deliveries[pick % Math.max(deliveries.length, 1)];
          fc.pre(dropped !== undefined);
          if (dropped === undefined) return;
          const found = checkInvariants(
            project(model.events.filter((e) => e !== dropped)),
            model.snapshot(),
            { stuckAfterSeconds: 10n ** 12n },
          );
          const involved = found.some(
            (d) =>
              d.kind === "laneConservation" &&
              d.inFlight.some((m) => "guid" in dropped && m.guid === dropped.guid.toLowerCase()),
          );
          expect(involved).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("sorts discrepancies by invariant", () => {
    const b = new ChainLog(B);
    const state = project(eventsUpTo("lock"));
    const found = checkInvariants(
      state,
      {
        lanes: [{ vaultEid: A, ledgerEid: B, asset: weth, vaultLocked: 0n, ledgerCredited: 0n }],
        vaults: [{ vaultEid: A, asset: weth, balance: 0n, totalLocked: 2n * WAD, totalClaimable: 0n }],
        ledgers: [{ ledgerEid: b.eid, quoteBalance: 1n, totalCash: 0n, insuranceFund: 0n }],
      },
      { now: 10n ** 6n },
    );
    expect(found.map((d) => ("invariant" in d ? d.invariant : 9))).toEqual([1, 2, 4, 5, 9]);
  });
});
