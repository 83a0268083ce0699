import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { balanceOf, fund, lock, requestRelease, setPrice } from "../testing/actions.js";
import { contractsOf } from "../testing/contractsOf.js";
import { createTestNetwork, type TestChain, type TestNetwork } from "../testing/createTestNetwork.js";
import { revertOf } from "../testing/revertOf.js";

const ALICE = 3; // trader
const BOB = 4; // keeper
const CAROL = 5; // collateral liquidator
const LP = 8;
const WAD = 10n ** 18n;
const USDC = 10n ** 6n;
const PRICE = 10n ** 8n;

/**
 * Two chains: WETH locked on A is margin for a long ETH perp on B. An oracle drop makes the
 * account liquidatable; a keeper liquidates the position, then a third party liquidates the
 * collateral inside the ledger, releases what it seized to A, and the trader repays and withdraws.
 */
describe("cross-chain margin, position and collateral liquidation (2 chains)", () => {
  let net: TestNetwork;
  let a: TestChain;
  let b: TestChain;

  beforeAll(async () => {
    net = await createTestNetwork({ chains: 2 });
    [a, b] = net.chains as [TestChain, TestChain];
  });
  afterAll(async () => {
    await net?.close();
  });

  it("test_liquidatePosition_thenLiquidateCollateral_settlesExactly", async () => {
    const onA = contractsOf(a);
    const onB = contractsOf(b);
    const wethA = a.deployment.tokens.weth;
    const usdcB = b.deployment.tokens.usdc;
    const alice = a.address(ALICE);
    const bob = b.address(BOB);
    const carol = b.address(CAROL);
    const readB = b.publicClient;

    // The LP pool on B takes the other side of every trade.
    await fund(b, usdcB, LP, onB.market.address, 100_000n * USDC);
    await b.confirm(
      b
        .wallet(LP)
        .writeContract({ ...onB.market, functionName: "depositLiquidity", args: [100_000n * USDC] }),
    );

    // 1 WETH locked on A, credited on B: worth 3,000 USDC, 2,400 of initial margin (80%).
    await fund(a, wethA, ALICE, onA.vault.address, WAD);
    await lock(a, ALICE, wethA, WAD, b.eid);
    expect(await net.deliverAll()).toBe(1);
    expect(
      await readB.readContract({ ...onB.ledger, functionName: "balanceOf", args: [alice, a.eid, wethA] }),
    ).toEqual([WAD, 0n]);

    // Long 5 ETH at 3,000: 15,000 notional, 1,500 initial margin.
    await b.confirm(
      b.wallet(ALICE).writeContract({ ...onB.market, functionName: "openPosition", args: [5n * WAD] }),
    );
    expect(await readB.readContract({ ...onB.market, functionName: "position", args: [alice] })).toEqual({
      size: 5n * WAD,
      openNotional: 15_000n * USDC,
    });
    expect(await readB.readContract({ ...onB.ledger, functionName: "initialHealth", args: [alice] })).toBe(
      900n * USDC,
    );
    expect(await readB.readContract({ ...onB.ledger, functionName: "isLiquidatable", args: [alice] })).toBe(
      false,
    );

    // ETH falls to 2,600: PnL -2,000, collateral 2,600 (maintenance 2,210), margin 650 -> health -440.
    await setPrice(b, b.deployment.feeds.ethUsd, 2_600n * PRICE);
    expect(await readB.readContract({ ...onB.ledger, functionName: "health", args: [alice] })).toEqual({
      collateralValue: 2_600n * USDC,
      initialCollateral: 2_080n * USDC,
      maintenanceCollateral: 2_210n * USDC,
      cash: 0n,
      unrealizedPnl: -2_000n * USDC,
      initialMargin: 1_300n * USDC,
      maintenanceMargin: 650n * USDC,
    });
    expect(await readB.readContract({ ...onB.ledger, functionName: "isLiquidatable", args: [alice] })).toBe(
      true,
    );

    // The keeper closes the position: -2,000 realized, penalty 2% of 13,000 = 260, half to the keeper.
    await b.confirm(
      b.wallet(BOB).writeContract({ ...onB.market, functionName: "liquidatePosition", args: [alice] }),
    );
    expect(await readB.readContract({ ...onB.market, functionName: "position", args: [alice] })).toEqual({
      size: 0n,
      openNotional: 0n,
    });
    expect(await readB.readContract({ ...onB.ledger, functionName: "cash", args: [alice] })).toBe(
      -2_260n * USDC,
    );
    expect(await readB.readContract({ ...onB.ledger, functionName: "cash", args: [bob] })).toBe(130n * USDC);
    expect(await readB.readContract({ ...onB.ledger, functionName: "insuranceFund" })).toBe(130n * USDC);
    expect(
      await readB.readContract({ ...onB.ledger, functionName: "cash", args: [onB.market.address] }),
    ).toBe(102_000n * USDC);
    // Still below maintenance: -2,260 + 2,210 = -50.
    expect(await readB.readContract({ ...onB.ledger, functionName: "isLiquidatable", args: [alice] })).toBe(
      true,
    );

    // Carol repays 1,000 of the debt and takes WETH worth 1,050 at 2,600, inside the ledger.
    await fund(b, usdcB, CAROL, onB.ledger.address, 1_000n * USDC);
    await b.confirm(
      b.wallet(CAROL).writeContract({
        ...onB.ledger,
        functionName: "liquidate",
        args: [alice, a.eid, wethA, 1_000n * USDC],
      }),
    );
    const seized = 403_846_153_846_153_846n; // floor(1,050e6 * 1e20 / 2,600e8)
    const aliceLeft = WAD - seized; // 596_153_846_153_846_154
    expect(
      await readB.readContract({ ...onB.ledger, functionName: "balanceOf", args: [carol, a.eid, wethA] }),
    ).toEqual([seized, 0n]);
    expect(
      await readB.readContract({ ...onB.ledger, functionName: "balanceOf", args: [alice, a.eid, wethA] }),
    ).toEqual([aliceLeft, 0n]);
    expect(await readB.readContract({ ...onB.ledger, functionName: "cash", args: [alice] })).toBe(
      -1_260n * USDC,
    );
    expect(await balanceOf(b, usdcB, carol)).toBe(0n);
    // Maintenance: -1,260 + 85% of 1,550 = 57.5: no longer liquidatable.
    const again = await revertOf(
      readB.simulateContract({
        account: carol,
        ...onB.ledger,
        functionName: "liquidate",
        args: [alice, a.eid, wethA, 1n],
      }),
    );
    expect(again).toEqual({ errorName: "NotLiquidatable", args: [alice, 57_500_000n, -1_260n * USDC] });

    // Between initial and maintenance: releasing 0.1 WETH would leave -1,260 + 80% of 1,290 = -228.
    const fee = await readB.readContract({
      ...onB.ledger,
      functionName: "quoteRelease",
      args: [a.eid, wethA, WAD / 10n, alice],
    });
    const refused = await revertOf(
      readB.simulateContract({
        account: alice,
        ...onB.ledger,
        functionName: "requestRelease",
        args: [a.eid, wethA, WAD / 10n, alice],
        value: fee.nativeFee,
      }),
    );
    expect(refused).toEqual({ errorName: "InsufficientMargin", args: [alice, -228n * USDC] });

    // Carol releases the seized WETH to herself on A: paid by A's vault.
    await requestRelease(b, CAROL, a.eid, wethA, seized);
    expect(await net.deliverAll()).toBe(1);
    expect(await balanceOf(a, wethA, a.address(CAROL))).toBe(seized);
    expect(
      await a.publicClient.readContract({ ...onA.vault, functionName: "locked", args: [b.eid, wethA] }),
    ).toBe(aliceLeft);
    expect(await readB.readContract({ ...onB.ledger, functionName: "credited", args: [a.eid, wethA] })).toBe(
      aliceLeft,
    );

    // Alice repays her debt, then withdraws the rest of her WETH to A; the keeper withdraws his reward.
    await fund(b, usdcB, ALICE, onB.ledger.address, 1_260n * USDC);
    await b.confirm(
      b
        .wallet(ALICE)
        .writeContract({ ...onB.ledger, functionName: "depositCash", args: [alice, 1_260n * USDC] }),
    );
    await requestRelease(b, ALICE, a.eid, wethA, aliceLeft);
    await b.confirm(
      b.wallet(BOB).writeContract({ ...onB.ledger, functionName: "withdrawCash", args: [130n * USDC, bob] }),
    );
    expect(await net.deliverAll()).toBe(1);
    expect(await balanceOf(a, wethA, alice)).toBe(aliceLeft);
    expect(await balanceOf(b, usdcB, bob)).toBe(130n * USDC);
    expect(await balanceOf(a, wethA, onA.vault.address)).toBe(0n);
    expect(
      await a.publicClient.readContract({ ...onA.vault, functionName: "locked", args: [b.eid, wethA] }),
    ).toBe(0n);
    expect(await readB.readContract({ ...onB.ledger, functionName: "credited", args: [a.eid, wethA] })).toBe(
      0n,
    );

    // Invariant 5: quote held by the ledger == sum of cash + insurance (100,000 LP + 1,000 + 1,260 - 130).
    const held = await balanceOf(b, usdcB, onB.ledger.address);
    const totalCash = await readB.readContract({ ...onB.ledger, functionName: "totalCash" });
    const insurance = await readB.readContract({ ...onB.ledger, functionName: "insuranceFund" });
    expect(held).toBe(102_130n * USDC);
    expect([totalCash, insurance]).toEqual([102_000n * USDC, 130n * USDC]);
  });
});
