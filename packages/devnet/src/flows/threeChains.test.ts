import { mockERC4626Abi } from "@ballast/contracts";
import type { Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approve, balanceOf, fund, lock, requestRelease, setPrice } from "../testing/actions.js";
import { contractsOf } from "../testing/contractsOf.js";
import { createTestNetwork, type TestChain, type TestNetwork } from "../testing/createTestNetwork.js";
import { type LaneBalance, laneBalance } from "../testing/lanes.js";
import { revertOf } from "../testing/revertOf.js";

const ALICE = 3;
const LP = 8;
const WAD = 10n ** 18n;
const USDC = 10n ** 6n;
const PRICE = 10n ** 8n;

/**
 * Three chains: USDC locked on A and a staked-ETH share locked on C are both margin on B's
 * ledger; Alice trades on B and withdraws everything back to A and C. Lane conservation
 * (invariant 1) is checked over the test's messages after every step.
 */
describe("collateral from two chains, margin on a third (3 chains)", () => {
  let net: TestNetwork;
  let a: TestChain;
  let b: TestChain;
  let c: TestChain;

  beforeAll(async () => {
    net = await createTestNetwork({ chains: 3 });
    [a, b, c] = net.chains as [TestChain, TestChain, TestChain];
  });
  afterAll(async () => {
    await net?.close();
  });

  /** Both lanes into B's ledger: each must satisfy locked == credited + in flight. */
  async function lanes(): Promise<{ usdc: LaneBalance; share: LaneBalance }> {
    const usdc = await laneBalance(net, a.eid, b.eid, a.deployment.tokens.usdc);
    const share = await laneBalance(net, c.eid, b.eid, c.deployment.tokens.share);
    for (const lane of [usdc, share]) {
      expect(lane.locked).toBe(lane.credited + lane.inflightLocks + lane.inflightReleases);
    }
    return { usdc, share };
  }
  const lane = (locked: bigint, credited: bigint, inflightLocks: bigint, inflightReleases: bigint) => ({
    locked,
    credited,
    inflightLocks,
    inflightReleases,
  });

  it("test_lock_fromTwoChains_tradeOnThird_releaseBack", async () => {
    const onA = contractsOf(a);
    const onB = contractsOf(b);
    const onC = contractsOf(c);
    const usdcA = a.deployment.tokens.usdc;
    const shareC = c.deployment.tokens.share;
    const alice: Address = a.address(ALICE);
    const readB = b.publicClient;
    const ledgerBalance = (eid: number, asset: Address) =>
      readB.readContract({ ...onB.ledger, functionName: "balanceOf", args: [alice, eid, asset] });

    // 1,000 USDC locked on A; 2 shares (2 WETH deposited at rate 1) locked on C; both for B.
    await fund(a, usdcA, ALICE, onA.vault.address, 1_000n * USDC);
    await lock(a, ALICE, usdcA, 1_000n * USDC, b.eid);
    await fund(c, c.deployment.tokens.weth, ALICE, shareC, 2n * WAD);
    await c.confirm(
      c.wallet(ALICE).writeContract({
        address: shareC,
        abi: mockERC4626Abi,
        functionName: "deposit",
        args: [2n * WAD, alice],
      }),
    );
    await approve(c, ALICE, shareC, onC.vault.address, 2n * WAD);
    await lock(c, ALICE, shareC, 2n * WAD, b.eid);
    expect(await lanes()).toEqual({
      usdc: lane(1_000n * USDC, 0n, 1_000n * USDC, 0n),
      share: lane(2n * WAD, 0n, 2n * WAD, 0n),
    });

    const [fromA, fromC] = net.relay.pending;
    if (fromA === undefined || fromC === undefined) throw new Error("expected two LOCKs");
    expect([fromA.packet.srcEid, fromC.packet.srcEid]).toEqual([a.eid, c.eid]);
    await net.relay.deliver(fromC);
    expect(await lanes()).toEqual({
      usdc: lane(1_000n * USDC, 0n, 1_000n * USDC, 0n),
      share: lane(2n * WAD, 2n * WAD, 0n, 0n),
    });
    await net.relay.deliver(fromA);
    expect(await lanes()).toEqual({
      usdc: lane(1_000n * USDC, 1_000n * USDC, 0n, 0n),
      share: lane(2n * WAD, 2n * WAD, 0n, 0n),
    });

    // Both count as margin on B: 1,000 USDC (95%) + 2 shares = 2 ETH at 3,000 (75%).
    expect(await ledgerBalance(a.eid, usdcA)).toEqual([1_000n * USDC, 0n]);
    expect(await ledgerBalance(c.eid, shareC)).toEqual([2n * WAD, 0n]);
    expect(
      await readB.readContract({ ...onB.risk, functionName: "rateState", args: [c.eid, shareC] }),
    ).toMatchObject({ rate: WAD, nonce: 1n });
    expect(await readB.readContract({ ...onB.ledger, functionName: "health", args: [alice] })).toEqual({
      collateralValue: 7_000n * USDC,
      initialCollateral: 5_450n * USDC,
      maintenanceCollateral: 5_770n * USDC,
      cash: 0n,
      unrealizedPnl: 0n,
      initialMargin: 0n,
      maintenanceMargin: 0n,
    });

    // Trade on B: long 10 ETH at 3,000 (3,000 initial margin), closed at 3,100 for +1,000.
    await fund(b, b.deployment.tokens.usdc, LP, onB.market.address, 50_000n * USDC);
    await b.confirm(
      b.wallet(LP).writeContract({ ...onB.market, functionName: "depositLiquidity", args: [50_000n * USDC] }),
    );
    // 20 ETH would need 6,000 of initial margin: 550 more than the two collaterals give together.
    expect(
      await revertOf(
        readB.simulateContract({
          account: alice,
          ...onB.market,
          functionName: "openPosition",
          args: [20n * WAD],
        }),
      ),
    ).toEqual({ errorName: "InsufficientMargin", args: [alice, -550n * USDC] });
    await b.confirm(
      b.wallet(ALICE).writeContract({ ...onB.market, functionName: "openPosition", args: [10n * WAD] }),
    );
    expect(await readB.readContract({ ...onB.ledger, functionName: "initialHealth", args: [alice] })).toBe(
      2_450n * USDC,
    );
    await setPrice(b, b.deployment.feeds.ethUsd, 3_100n * PRICE);
    await b.confirm(b.wallet(ALICE).writeContract({ ...onB.market, functionName: "closePosition" }));
    expect(await readB.readContract({ ...onB.ledger, functionName: "cash", args: [alice] })).toBe(
      1_000n * USDC,
    );
    expect(
      await readB.readContract({ ...onB.ledger, functionName: "cash", args: [onB.market.address] }),
    ).toBe(49_000n * USDC);
    expect(await lanes()).toEqual({
      usdc: lane(1_000n * USDC, 1_000n * USDC, 0n, 0n),
      share: lane(2n * WAD, 2n * WAD, 0n, 0n),
    });

    // Release everything back to A and C, and withdraw the profit on B.
    await requestRelease(b, ALICE, a.eid, usdcA, 1_000n * USDC);
    await requestRelease(b, ALICE, c.eid, shareC, 2n * WAD);
    expect(await lanes()).toEqual({
      usdc: lane(1_000n * USDC, 0n, 0n, 1_000n * USDC),
      share: lane(2n * WAD, 0n, 0n, 2n * WAD),
    });
    await b.confirm(
      b
        .wallet(ALICE)
        .writeContract({ ...onB.ledger, functionName: "withdrawCash", args: [1_000n * USDC, alice] }),
    );
    expect(await net.deliverAll()).toBe(2);
    expect(await lanes()).toEqual({
      usdc: lane(0n, 0n, 0n, 0n),
      share: lane(0n, 0n, 0n, 0n),
    });
    expect(await balanceOf(a, usdcA, alice)).toBe(1_000n * USDC);
    expect(await balanceOf(c, shareC, alice)).toBe(2n * WAD);
    expect(await balanceOf(b, b.deployment.tokens.usdc, alice)).toBe(1_000n * USDC);
    expect(await balanceOf(a, usdcA, onA.vault.address)).toBe(0n);
    expect(await balanceOf(c, shareC, onC.vault.address)).toBe(0n);
    expect(
      await readB.readContract({ ...onB.ledger, functionName: "accountCollaterals", args: [alice] }),
    ).toEqual([]);
    // Every message of the test was applied exactly once.
    expect(net.relay.sent).toHaveLength(4);
    for (const sent of net.relay.sent) expect((await net.relay.state(sent)).state).toBe("executed");
  });
});
