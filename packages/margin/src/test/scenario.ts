// Test support: a hand-written history across two chains, mirroring what the contracts emit.
// Chain A (eid 1) holds the vault of WETH; chain B (eid 2) holds the ledger, a perp market and an
// LP pool. Amounts follow the contracts' math (see the comments): alice locks 2 WETH on A, is
// credited on B, opens 10 ETH long at 3000, takes a loss closing half at 2500, is liquidated at
// 2200 (position, then collateral by bob), bob releases the seized WETH (paid as claimable, then
// claimed), alice repays and releases the rest; dave locks USDC on B for B (same chain, guid 0).

import type { BallastEvent } from "../projection/events.js";
import type { MarginConfig, Prices } from "../valuation/marginConfig.js";
import { address, bytes32, ChainLog } from "./chainLog.js";

/** 1e18. */
export const WAD = 10n ** 18n;
/** Chain A's eid: the vault of WETH. */
export const A = 1;
/** Chain B's eid: the ledger, the market and a vault for same-chain locks. */
export const B = 2;
/** The trader. */
export const alice = address("a", 1);
/** The collateral liquidator. */
export const bob = address("a", 2);
/** The position-liquidation keeper. */
export const carol = address("a", 3);
/** The LP, who also locks USDC on B for B. */
export const dave = address("a", 4);
/** The perp market on B. */
export const market = address("d", 2);
/** WETH on A. */
export const weth = address("c", 1);
/** USDC on B. */
export const usdcB = address("c", 2);
/** Guid of alice's LOCK A -> B. */
export const lockGuid = bytes32(1);
/** Guid of bob's RELEASE B -> A. */
export const bobReleaseGuid = bytes32(2);
/** Guid of alice's RELEASE B -> A. */
export const aliceReleaseGuid = bytes32(3);
/** The zero guid of same-chain locks and releases. */
export const ZERO = bytes32(0, "0");

/** 1431818181818181818: seizeAmountDown(3000e6, 5%, WAD, 2200e8, 18/8/6) = floor(3150e6 * 1e20 / 2200e8). */
export const SEIZED = 1_431_818_181_818_181_818n;
/** 2e18 - SEIZED. */
export const ALICE_LEFT = 568_181_818_181_818_182n;

/** The scenario's events, step by step (each step one transaction). */
export function scenario() {
  const a = new ChainLog(A);
  const b = new ChainLog(B);
  const steps = {
    lock: [
      a.block(1_000n).emit("Locked", {
        guid: lockGuid,
        dstEid: B,
        asset: weth,
        sender: alice,
        beneficiary: alice,
        amount: 2n * WAD,
        rate: 0n,
      }),
    ],
    credit: [
      b.block(1_060n).emit("Credited", {
        guid: lockGuid,
        srcEid: A,
        asset: weth,
        account: alice,
        amount: 2n * WAD,
        valued: 2n * WAD,
        parked: 0n,
      }),
    ],
    provideLiquidity: [
      b.block(1_100n).emit("CashDeposited", { account: market, from: dave, amount: 100_000_000_000n }),
      b.emit("LiquidityDeposited", {
        market,
        provider: dave,
        amount: 100_000_000_000n,
        shares: 100_000_000_000n,
      }),
    ],
    // entryNotionalCeil(10e18, 3000e8, 8, 6) = 10e18 * 3000e8 / 1e20 = 30000e6.
    open: [
      b.block(1_200n).emit("PositionChanged", {
        market,
        account: alice,
        sizeDelta: 10n * WAD,
        size: 10n * WAD,
        openNotional: 30_000_000_000n,
        price: 3_000n * 10n ** 8n,
        realizedPnl: 0n,
      }),
    ],
    // Close 5 at 2500: remaining notional 15000e6, realized 12500e6 - 15000e6 = -2500e6.
    reduce: [
      b.block(1_300n).emit("PositionChanged", {
        market,
        account: alice,
        sizeDelta: -5n * WAD,
        size: 5n * WAD,
        openNotional: 15_000_000_000n,
        price: 2_500n * 10n ** 8n,
        realizedPnl: -2_500_000_000n,
      }),
      b.emit("PnlSettled", { market, account: alice, amount: -2_500_000_000n }),
    ],
    // Liquidated at 2200: realized 11000e6 - 15000e6 = -4000e6; penalty 2% of 11000e6 = 220e6, half to carol.
    liquidatePosition: [
      b.block(1_400n).emit("PositionChanged", {
        market,
        account: alice,
        sizeDelta: -5n * WAD,
        size: 0n,
        openNotional: 0n,
        price: 2_200n * 10n ** 8n,
        realizedPnl: -4_000_000_000n,
      }),
      b.emit("PnlSettled", { market, account: alice, amount: -4_000_000_000n }),
      b.emit("PenaltyCharged", {
        market,
        account: alice,
        penalty: 220_000_000n,
        keeper: carol,
        keeperReward: 110_000_000n,
      }),
      b.emit("PositionLiquidated", {
        market,
        account: alice,
        liquidator: carol,
        size: 5n * WAD,
        price: 2_200n * 10n ** 8n,
        realizedPnl: -4_000_000_000n,
        penalty: 220_000_000n,
        keeperReward: 110_000_000n,
      }),
    ],
    // bob repays 3000e6 of alice's 6720e6 debt for 3150e6 worth of WETH at 2200.
    liquidate: [
      b.block(1_500n).emit("Liquidated", {
        liquidator: bob,
        account: alice,
        srcEid: A,
        asset: weth,
        repaid: 3_000_000_000n,
        seized: SEIZED,
        seizedAsParked: false,
      }),
    ],
    bobRelease: [
      b.block(1_600n).emit("ReleaseRequested", {
        guid: bobReleaseGuid,
        srcEid: A,
        asset: weth,
        account: bob,
        recipient: bob,
        amount: SEIZED,
      }),
    ],
    bobClaimable: [
      a.block(1_700n).emit("ReleaseClaimable", {
        guid: bobReleaseGuid,
        srcEid: B,
        asset: weth,
        recipient: bob,
        amount: SEIZED,
      }),
    ],
    bobClaim: [a.block(1_800n).emit("Claimed", { account: bob, asset: weth, to: bob, amount: SEIZED })],
    aliceRepays: [
      b.block(1_900n).emit("CashDeposited", { account: alice, from: alice, amount: 3_720_000_000n }),
    ],
    aliceRelease: [
      b.block(2_000n).emit("ReleaseRequested", {
        guid: aliceReleaseGuid,
        srcEid: A,
        asset: weth,
        account: alice,
        recipient: alice,
        amount: ALICE_LEFT,
      }),
    ],
    aliceReleased: [
      a.block(2_100n).emit("Released", {
        guid: aliceReleaseGuid,
        srcEid: B,
        asset: weth,
        recipient: alice,
        amount: ALICE_LEFT,
      }),
    ],
    // A same-chain lock: creditLocal emits Credited, then the vault emits Locked, in one transaction.
    localLock: [
      b.block(2_200n).emit("Credited", {
        guid: ZERO,
        srcEid: B,
        asset: usdcB,
        account: dave,
        amount: 500_000_000n,
        valued: 500_000_000n,
        parked: 0n,
      }),
      b.emit("Locked", {
        guid: ZERO,
        dstEid: B,
        asset: usdcB,
        sender: dave,
        beneficiary: dave,
        amount: 500_000_000n,
        rate: 0n,
      }),
    ],
  } satisfies Record<string, BallastEvent[]>;
  return steps;
}

/** The events of the scenario's steps up to and including `last`. */
export function eventsUpTo(last: keyof ReturnType<typeof scenario>): BallastEvent[] {
  const events: BallastEvent[] = [];
  for (const [name, step] of Object.entries(scenario())) {
    events.push(...step);
    if (name === last) break;
  }
  return events;
}

/** Ledger B's risk parameters: WETH from A at 80% / 85% with a 5% bonus; the market at 10% / 5%. */
export const config: MarginConfig = {
  ledgers: [
    {
      ledgerEid: B,
      quoteDecimals: 6,
      collaterals: [
        {
          srcEid: A,
          asset: weth,
          priceId: "ETH/USD",
          tokenDecimals: 18,
          isShare: false,
          collateralFactor: 80n * 10n ** 16n,
          liquidationFactor: 85n * 10n ** 16n,
          liquidationBonus: 5n * 10n ** 16n,
        },
        {
          srcEid: B,
          asset: usdcB,
          priceId: "USDC/USD",
          tokenDecimals: 6,
          isShare: false,
          collateralFactor: 95n * 10n ** 16n,
          liquidationFactor: 98n * 10n ** 16n,
          liquidationBonus: 2n * 10n ** 16n,
        },
      ],
      markets: [
        { market, priceId: "ETH/USD", initialMarginRate: 10n ** 17n, maintenanceMarginRate: 5n * 10n ** 16n },
      ],
    },
  ],
};

/** Prices with ETH at `eth` dollars (8 decimals) and USDC at 1. */
export function pricesAt(eth: bigint): Prices {
  return {
    "ETH/USD": { answer: eth * 10n ** 8n, decimals: 8 },
    "USDC/USD": { answer: 10n ** 8n, decimals: 8 },
  };
}
