import { parseEventLogs } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approve, balanceOf, fund, lock, requestRelease, setPrice } from "../testing/actions.js";
import { contractsOf } from "../testing/contractsOf.js";
import { createTestNetwork, ROLE, type TestChain, type TestNetwork } from "../testing/createTestNetwork.js";
import { revertOf } from "../testing/revertOf.js";

const ALICE = 3;
const BOB = 4; // keeper
const CAROL = 5; // would-be collateral liquidator
const WAD = 10n ** 18n;
const USDC = 10n ** 6n;
const PRICE = 10n ** 8n;
const MAX_UINT256 = 2n ** 256n - 1n;

/** The guardian's pauses on both sides of a lane, and the owner's unpauses. */
describe("pause and unpause across two chains", () => {
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

  it("test_pause_locksReleasesAndLedger_thenLiquidationsWaitTheGracePeriod", async () => {
    const onA = contractsOf(a);
    const onB = contractsOf(b);
    const { usdc: usdcA, weth: wethA } = a.deployment.tokens;
    const alice = a.address(ALICE);
    const guardian = a.address(ROLE.guardian);
    const readA = a.publicClient;
    const readB = b.publicClient;

    // Alice: 1 WETH and 500 USDC from A as margin on B, long 5 ETH at 3,000.
    await fund(a, wethA, ALICE, onA.vault.address, WAD);
    await fund(a, usdcA, ALICE, onA.vault.address, 500n * USDC);
    await lock(a, ALICE, wethA, WAD, b.eid);
    await lock(a, ALICE, usdcA, 500n * USDC, b.eid);
    expect(await net.deliverAll()).toBe(2);
    await b.confirm(
      b.wallet(ALICE).writeContract({ ...onB.market, functionName: "openPosition", args: [5n * WAD] }),
    );

    // Locks paused by the guardian: refused; only the owner resumes them.
    await a.confirm(a.wallet(ROLE.guardian).writeContract({ ...onA.vault, functionName: "pauseLocks" }));
    await approve(a, ALICE, usdcA, onA.vault.address, 1n);
    const lockCall = {
      account: alice,
      ...onA.vault,
      functionName: "lock",
      args: [usdcA, 1n, b.eid, alice],
    } as const;
    expect(await revertOf(readA.simulateContract({ ...lockCall, value: 100n }))).toEqual({
      errorName: "LocksPaused",
      args: [],
    });
    expect(
      await revertOf(
        readA.simulateContract({ account: guardian, ...onA.vault, functionName: "unpauseLocks" }),
      ),
    ).toEqual({ errorName: "OwnableUnauthorizedAccount", args: [guardian] });
    await a.confirm(a.wallet(ROLE.owner).writeContract({ ...onA.vault, functionName: "unpauseLocks" }));
    expect(await readA.readContract({ ...onA.vault, functionName: "locksPaused" })).toBe(false);

    // Releases paused on A: a RELEASE arriving there is parked as claimable, and claims wait.
    await a.confirm(a.wallet(ROLE.guardian).writeContract({ ...onA.vault, functionName: "pauseReleases" }));
    await requestRelease(b, ALICE, a.eid, usdcA, 200n * USDC);
    const [release] = net.relay.pending;
    if (release === undefined) throw new Error("no RELEASE sent");
    await net.deliverAll();
    expect((await net.relay.state(release)).state).toBe("executed");
    expect(await balanceOf(a, usdcA, alice)).toBe(0n);
    expect(await readA.readContract({ ...onA.vault, functionName: "claimable", args: [alice, usdcA] })).toBe(
      200n * USDC,
    );
    expect(await readA.readContract({ ...onA.vault, functionName: "locked", args: [b.eid, usdcA] })).toBe(
      300n * USDC,
    );
    const claimCall = { account: alice, ...onA.vault, functionName: "claim", args: [usdcA, alice] } as const;
    expect(await revertOf(readA.simulateContract(claimCall))).toEqual({
      errorName: "ReleasesPaused",
      args: [],
    });
    await a.confirm(a.wallet(ROLE.owner).writeContract({ ...onA.vault, functionName: "unpauseReleases" }));
    await a.confirm(
      a.wallet(ALICE).writeContract({ ...onA.vault, functionName: "claim", args: [usdcA, alice] }),
    );
    expect(await balanceOf(a, usdcA, alice)).toBe(200n * USDC);

    // Ledger paused on B: a LOCK still credits; releases, opens and withdrawals are refused.
    await b.confirm(b.wallet(ROLE.guardian).writeContract({ ...onB.ledger, functionName: "pause" }));
    await approve(a, ALICE, usdcA, onA.vault.address, 100n * USDC);
    await lock(a, ALICE, usdcA, 100n * USDC, b.eid);
    expect(await net.deliverAll()).toBe(1);
    expect(
      await readB.readContract({ ...onB.ledger, functionName: "balanceOf", args: [alice, a.eid, usdcA] }),
    ).toEqual([400n * USDC, 0n]);
    const fee = await readB.readContract({
      ...onB.ledger,
      functionName: "quoteRelease",
      args: [a.eid, usdcA, USDC, alice],
    });
    expect(
      await revertOf(
        readB.simulateContract({
          account: alice,
          ...onB.ledger,
          functionName: "requestRelease",
          args: [a.eid, usdcA, USDC, alice],
          value: fee.nativeFee,
        }),
      ),
    ).toEqual({ errorName: "LedgerPaused", args: [] });
    expect(
      await revertOf(
        readB.simulateContract({ account: alice, ...onB.market, functionName: "openPosition", args: [WAD] }),
      ),
    ).toEqual({ errorName: "MarketPaused", args: [] });
    expect(
      await revertOf(
        readB.simulateContract({
          account: alice,
          ...onB.ledger,
          functionName: "withdrawCash",
          args: [1n, alice],
        }),
      ),
    ).toEqual({ errorName: "LedgerPaused", args: [] });

    // ETH at 2,500: -2,500 PnL + 2,125 WETH + 388 USDC (maintenance) - 625 margin = -612.
    await setPrice(b, b.deployment.feeds.ethUsd, 2_500n * PRICE);
    expect(await readB.readContract({ ...onB.ledger, functionName: "isLiquidatable", args: [alice] })).toBe(
      true,
    );
    const bob = b.address(BOB);
    const carol = b.address(CAROL);
    const liquidatePosition = {
      account: bob,
      ...onB.market,
      functionName: "liquidatePosition",
      args: [alice],
    } as const;
    const liquidate = {
      account: carol,
      ...onB.ledger,
      functionName: "liquidate",
      args: [alice, a.eid, wethA, USDC],
    } as const;
    expect(await revertOf(readB.simulateContract(liquidatePosition))).toEqual({
      errorName: "MarketPaused",
      args: [],
    });
    expect(await revertOf(readB.simulateContract(liquidate))).toEqual({
      errorName: "LiquidationsPaused",
      args: [MAX_UINT256],
    });

    // Unpaused by the owner: liquidations wait one grace period (1 hour) so Alice can top up.
    const unpause = await b.confirm(
      b.wallet(ROLE.owner).writeContract({ ...onB.ledger, functionName: "unpause" }),
    );
    const [unpaused] = parseEventLogs({ abi: onB.ledger.abi, eventName: "Unpaused", logs: unpause.logs });
    const unpausedAt = (await readB.getBlock({ blockNumber: unpause.blockNumber })).timestamp;
    const allowedAt = unpausedAt + 3_600n;
    expect(unpaused?.args.liquidationsAllowedAt).toBe(allowedAt);
    expect(await readB.readContract({ ...onB.ledger, functionName: "liquidationsAllowedAt" })).toBe(
      allowedAt,
    );
    expect(await revertOf(readB.simulateContract(liquidatePosition))).toEqual({
      errorName: "MarketPaused",
      args: [],
    });
    expect(await revertOf(readB.simulateContract(liquidate))).toEqual({
      errorName: "LiquidationsPaused",
      args: [allowedAt],
    });

    await b.increaseTime(3_600);
    await setPrice(b, b.deployment.feeds.ethUsd, 2_500n * PRICE); // the 1-hour-old answer is stale now
    expect(await b.now()).toBeGreaterThanOrEqual(allowedAt);
    await b.confirm(b.wallet(BOB).writeContract(liquidatePosition));
    // -2,500 realized; penalty 2% of 12,500 = 250, half to the keeper, half to insurance.
    expect(await readB.readContract({ ...onB.ledger, functionName: "cash", args: [alice] })).toBe(
      -2_750n * USDC,
    );
    expect(await readB.readContract({ ...onB.ledger, functionName: "cash", args: [bob] })).toBe(125n * USDC);
    expect(await readB.readContract({ ...onB.ledger, functionName: "insuranceFund" })).toBe(125n * USDC);
    expect(await readB.readContract({ ...onB.market, functionName: "position", args: [alice] })).toEqual({
      size: 0n,
      openNotional: 0n,
    });
  });
});
