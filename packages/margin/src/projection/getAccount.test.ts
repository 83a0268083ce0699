import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors.js";
import {
  A,
  ALICE_LEFT,
  alice,
  aliceReleaseGuid,
  B,
  bob,
  bobReleaseGuid,
  carol,
  dave,
  eventsUpTo,
  lockGuid,
  market,
  SEIZED,
  scenario,
  usdcB,
  WAD,
  weth,
} from "../test/scenario.js";
import { applyEvents } from "./applyEvents.js";
import { createProjection } from "./createProjection.js";
import { getAccount } from "./getAccount.js";
import { getLane } from "./getLane.js";
import { getLedger } from "./getLedger.js";
import { getVaultAsset } from "./getVaultAsset.js";
import { listAccounts } from "./listAccounts.js";
import { listLanes } from "./listLanes.js";

const at = (step: Parameters<typeof eventsUpTo>[0]) => applyEvents(createProjection(), eventsUpTo(step));
const ledgerB = (state: ReturnType<typeof at>, who: string) =>
  getAccount(state, who).ledgers.find((l) => l.ledgerEid === B);

describe("getAccount on a hand-written scenario mirroring the contracts", () => {
  it("a LOCK sent on A is in flight until B credits it", () => {
    const sent = at("lock");
    const view = getAccount(sent, alice, { now: 1_030n });
    expect(view.ledgers).toEqual([]);
    expect(view.inFlightLocks).toEqual([
      {
        guid: lockGuid,
        kind: "lock",
        vaultEid: A,
        ledgerEid: B,
        asset: weth,
        account: alice,
        amount: 2n * WAD,
        sentIn: scenario().lock[0]?.key,
        sentAt: 1_000n,
        age: 30n,
      },
    ]);
    // Without `now`, ages are measured at the latest block seen.
    expect(getAccount(sent, alice).inFlightLocks[0]?.age).toBe(0n);
    // Known to the ledger only by the LOCK coming to it, alice is listed already.
    expect(listAccounts(sent)).toEqual([alice]);
    const credited = getAccount(at("credit"), alice);
    expect(credited.inFlightLocks).toEqual([]);
    expect(credited.ledgers).toEqual([
      {
        ledgerEid: B,
        cash: 0n,
        collateral: [{ srcEid: A, asset: weth, valued: 2n * WAD, parked: 0n }],
        positions: [],
        lpShares: [],
      },
    ]);
  });

  it("opening, reducing and being liquidated move the position and the cash exactly", () => {
    expect(ledgerB(at("open"), alice)?.positions).toEqual([
      { market, size: 10n * WAD, openNotional: 30_000_000_000n },
    ]);
    const reduced = at("reduce");
    expect(ledgerB(reduced, alice)).toMatchObject({
      cash: -2_500_000_000n,
      positions: [{ market, size: 5n * WAD, openNotional: 15_000_000_000n }],
    });
    expect(ledgerB(reduced, market)?.cash).toBe(102_500_000_000n);
    const liquidated = at("liquidatePosition");
    expect(ledgerB(liquidated, alice)).toMatchObject({ cash: -6_720_000_000n, positions: [] });
    expect(ledgerB(liquidated, market)?.cash).toBe(106_500_000_000n);
    expect(ledgerB(liquidated, carol)?.cash).toBe(110_000_000n);
    expect(getLedger(liquidated, B)).toEqual({
      ledgerEid: B,
      totalCash: 106_500_000_000n + 110_000_000n - 6_720_000_000n,
      insuranceFund: 110_000_000n,
      quoteHeld: 100_000_000_000n,
      socializedLoss: 0n,
      badDebt: 0n,
    });
    expect(ledgerB(liquidated, dave)?.lpShares).toEqual([{ market, shares: 100_000_000_000n }]);
  });

  it("a collateral liquidation moves the repayment into cash and the seized WETH to the liquidator", () => {
    const state = at("liquidate");
    expect(ledgerB(state, alice)).toMatchObject({
      cash: -3_720_000_000n,
      collateral: [{ srcEid: A, asset: weth, valued: ALICE_LEFT, parked: 0n }],
    });
    expect(ledgerB(state, bob)?.collateral).toEqual([{ srcEid: A, asset: weth, valued: SEIZED, parked: 0n }]);
    expect(getLedger(state, B).quoteHeld).toBe(103_000_000_000n);
  });

  it("a RELEASE is in flight, then claimable, then claimed", () => {
    const requested = at("bobRelease");
    const bobView = getAccount(requested, bob);
    expect(bobView.ledgers).toEqual([]);
    expect(bobView.inFlightReleases).toMatchObject([
      { guid: bobReleaseGuid, kind: "release", vaultEid: A, ledgerEid: B, recipient: bob, amount: SEIZED },
    ]);
    expect(getLane(requested, A, B, weth)).toMatchObject({
      inFlightRelease: SEIZED,
      vaultLocked: 2n * WAD,
      ledgerCredited: ALICE_LEFT,
      conserved: true,
    });
    const claimable = at("bobClaimable");
    expect(getAccount(claimable, bob)).toMatchObject({
      inFlightReleases: [],
      claimable: [{ vaultEid: A, asset: weth, amount: SEIZED }],
    });
    expect(getVaultAsset(claimable, A, weth)).toEqual({
      vaultEid: A,
      asset: weth,
      tokensHeld: 2n * WAD,
      totalLocked: ALICE_LEFT,
      totalClaimable: SEIZED,
    });
    const claimed = at("bobClaim");
    expect(getAccount(claimed, bob).claimable).toEqual([]);
    expect(getVaultAsset(claimed, A, weth)).toMatchObject({ tokensHeld: ALICE_LEFT, totalClaimable: 0n });
  });

  it("ends with every balance where the contracts leave it", () => {
    const end = at("localLock");
    expect(getAccount(end, alice)).toEqual({
      address: alice,
      ledgers: [],
      inFlightLocks: [],
      inFlightReleases: [],
      claimable: [],
    });
    expect(getAccount(end, dave).ledgers).toEqual([
      {
        ledgerEid: B,
        cash: 0n,
        collateral: [{ srcEid: B, asset: usdcB, valued: 500_000_000n, parked: 0n }],
        positions: [],
        lpShares: [{ market, shares: 100_000_000_000n }],
      },
    ]);
    expect(getLane(end, A, B, weth)).toMatchObject({
      lockedSent: 2n * WAD,
      credited: 2n * WAD,
      releaseRequested: 2n * WAD,
      released: 2n * WAD,
      vaultLocked: 0n,
      ledgerCredited: 0n,
      inFlight: [],
      conserved: true,
    });
    // A same-chain lock (guid 0) is never in flight.
    expect(getLane(end, B, B, usdcB)).toMatchObject({
      vaultLocked: 500_000_000n,
      ledgerCredited: 500_000_000n,
      inFlightLock: 0n,
    });
    expect(getLedger(end, B)).toMatchObject({
      totalCash: 106_610_000_000n,
      insuranceFund: 110_000_000n,
      quoteHeld: 106_720_000_000n,
    });
    expect(listAccounts(end)).toEqual([alice, bob, carol, dave, market].sort());
    expect(listLanes(end)).toEqual([
      { vaultEid: A, ledgerEid: B, asset: weth },
      { vaultEid: B, ledgerEid: B, asset: usdcB },
    ]);
    expect(aliceReleaseGuid).not.toBe(bobReleaseGuid);
  });
});

describe("getAccount", () => {
  it("accepts any address case and returns lowercase", () => {
    const state = at("credit");
    const upper = `0x${alice.slice(2).toUpperCase()}`;
    expect(getAccount(state, upper)).toEqual(getAccount(state, alice));
    expect(getAccount(state, upper).address).toBe(alice);
  });

  it("gives an empty view for an unknown address and refuses a malformed one", () => {
    expect(getAccount(createProjection(), alice).ledgers).toEqual([]);
    expect(() => getAccount(createProjection(), "0x1234")).toThrow(InvalidInputError);
  });
});
