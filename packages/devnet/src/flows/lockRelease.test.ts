import { mockERC20Abi, mockERC4626Abi } from "@ballast/contracts";
import { addressToBytes32, DeliveryError, type SentPacket } from "@ballast/sdk";
import { parseEventLogs } from "viem";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LOCK_GAS } from "../ballast/config.js";
import { encodeExecutorLzReceiveOption } from "../ballast/encodeExecutorOptions.js";
import { approve, balanceOf, fund, lock, requestRelease } from "../testing/actions.js";
import { contractsOf } from "../testing/contractsOf.js";
import {
  createTestNetwork,
  type NetworkSnapshot,
  ROLE,
  type TestChain,
  type TestNetwork,
} from "../testing/createTestNetwork.js";
import { decodeBallastMessage } from "../testing/decodeBallastMessage.js";
import { laneBalance } from "../testing/lanes.js";
import { decodeRevert, revertOf } from "../testing/revertOf.js";

const ALICE = 3;
const DAVE = 6; // refused by the token
const ERIN = 7;
const WAD = 10n ** 18n;
const USDC = 10n ** 6n;

/** LOCK and RELEASE between two chains through the real EndpointV2, delivered by the test relay. */
describe("lock and release between two chains", () => {
  let net: TestNetwork;
  let a: TestChain;
  let b: TestChain;
  let fresh: NetworkSnapshot;

  beforeAll(async () => {
    net = await createTestNetwork({ chains: 2 });
    [a, b] = net.chains as [TestChain, TestChain];
    fresh = await net.snapshot();
  });
  beforeEach(async () => {
    await fresh.restore();
  });
  afterAll(async () => {
    await net?.close();
  });

  const only = (packets: SentPacket[]): SentPacket => {
    expect(packets).toHaveLength(1);
    return packets[0] as SentPacket;
  };

  it("test_lock_creditsLedgerThroughSentVerifiedExecuted", async () => {
    const onA = contractsOf(a);
    const onB = contractsOf(b);
    const usdcA = a.deployment.tokens.usdc;
    const alice = a.address(ALICE);
    await fund(a, usdcA, ALICE, onA.vault.address, 1_000n * USDC);
    const sent = only((await lock(a, ALICE, usdcA, 1_000n * USDC, b.eid)).packets);

    // The packet goes from A's vault to B's ledger with the enforced LOCK options.
    expect(sent.packet).toMatchObject({
      nonce: 1n,
      srcEid: a.eid,
      sender: addressToBytes32(onA.vault.address),
      dstEid: b.eid,
      receiver: addressToBytes32(onB.ledger.address),
    });
    expect(sent.options).toBe(encodeExecutorLzReceiveOption({ gas: LOCK_GAS }));
    expect(decodeBallastMessage(sent.packet.message)).toEqual({
      type: "LOCK",
      asset: usdcA,
      account: alice,
      amount: 1_000n * USDC,
      rate: 0n,
    });
    expect(await balanceOf(a, usdcA, alice)).toBe(0n);
    expect(await balanceOf(a, usdcA, onA.vault.address)).toBe(1_000n * USDC);
    const credited = () =>
      b.publicClient.readContract({ ...onB.ledger, functionName: "credited", args: [a.eid, usdcA] });
    const balance = () =>
      b.publicClient.readContract({ ...onB.ledger, functionName: "balanceOf", args: [alice, a.eid, usdcA] });

    expect((await net.relay.state(sent)).state).toBe("sent");
    expect(await laneBalance(net, a.eid, b.eid, usdcA)).toEqual({
      locked: 1_000n * USDC,
      credited: 0n,
      inflightLocks: 1_000n * USDC,
      inflightReleases: 0n,
    });

    await net.relay.verify(sent);
    expect(await net.relay.state(sent)).toMatchObject({ state: "verified", executable: true });
    expect(await credited()).toBe(0n);

    const { receipt } = await net.relay.execute(sent);
    expect((await net.relay.state(sent)).state).toBe("executed");
    const [event] = parseEventLogs({ abi: onB.ledger.abi, eventName: "Credited", logs: receipt.logs });
    expect(event?.args).toEqual({
      guid: sent.packet.guid,
      srcEid: a.eid,
      asset: usdcA,
      account: alice,
      amount: 1_000n * USDC,
      valued: 1_000n * USDC,
      parked: 0n,
    });
    expect(await balance()).toEqual([1_000n * USDC, 0n]);
    expect(await credited()).toBe(1_000n * USDC);
    expect(await laneBalance(net, a.eid, b.eid, usdcA)).toEqual({
      locked: 1_000n * USDC,
      credited: 1_000n * USDC,
      inflightLocks: 0n,
      inflightReleases: 0n,
    });
    // USDC at $1 with a 95% collateral factor.
    expect(
      await b.publicClient.readContract({ ...onB.ledger, functionName: "health", args: [alice] }),
    ).toMatchObject({
      collateralValue: 1_000n * USDC,
      initialCollateral: 950n * USDC,
    });
    expect(await net.deliverAll()).toBe(0);
  });

  it("test_lzReceive_outOfOrderLocksEndInTheSameStateAsInOrder", async () => {
    const onA = contractsOf(a);
    const onB = contractsOf(b);
    const { weth, share } = a.deployment.tokens;
    const alice = a.address(ALICE);
    // Alice holds 2 shares (rate 1); she locks one, the share is slashed by 10% of its assets, she locks the other.
    await fund(a, weth, ALICE, share, 2n * WAD);
    await a.confirm(
      a.wallet(ALICE).writeContract({
        address: share,
        abi: mockERC4626Abi,
        functionName: "deposit",
        args: [2n * WAD, alice],
      }),
    );
    await approve(a, ALICE, share, onA.vault.address, 2n * WAD);
    const first = only((await lock(a, ALICE, share, WAD, b.eid)).packets);
    await a.confirm(
      a.wallet(ROLE.owner).writeContract({
        address: weth,
        abi: mockERC20Abi,
        functionName: "burn",
        args: [share, (3n * WAD) / 10n],
      }),
    );
    const slashedRate = await a.publicClient.readContract({
      ...onA.vault,
      functionName: "currentRate",
      args: [share],
    });
    expect(slashedRate).toBeLessThan((9n * WAD) / 10n + 1n);
    expect(slashedRate).toBeGreaterThan((9n * WAD) / 10n - 1_000n);
    const second = only((await lock(a, ALICE, share, WAD, b.eid)).packets);
    expect([first.packet.nonce, second.packet.nonce]).toEqual([1n, 2n]);
    expect(decodeBallastMessage(first.packet.message).rate).toBe(WAD);
    expect(decodeBallastMessage(second.packet.message).rate).toBe(slashedRate);
    const bothSent = await net.snapshot();

    const finalState = async () => ({
      balance: await b.publicClient.readContract({
        ...onB.ledger,
        functionName: "balanceOf",
        args: [alice, a.eid, share],
      }),
      credited: await b.publicClient.readContract({
        ...onB.ledger,
        functionName: "credited",
        args: [a.eid, share],
      }),
      rate: await b.publicClient
        .readContract({ ...onB.risk, functionName: "rateState", args: [a.eid, share] })
        .then(({ rate, nonce }) => ({ rate, nonce })),
      health: await b.publicClient.readContract({ ...onB.ledger, functionName: "health", args: [alice] }),
      locked: await a.publicClient.readContract({
        ...onA.vault,
        functionName: "locked",
        args: [b.eid, share],
      }),
    });

    expect(await net.deliverAll()).toBe(2);
    const inOrder = await finalState();
    expect(inOrder.balance).toEqual([2n * WAD, 0n]);
    expect(inOrder.credited).toBe(2n * WAD);
    expect(inOrder.locked).toBe(2n * WAD);
    // The fall applied at once; 2 shares at the slashed rate, ETH at 3,000, rounded down.
    expect(inOrder.rate).toEqual({ rate: slashedRate, nonce: 2n });
    expect(inOrder.health.collateralValue).toBe(
      (((2n * WAD * slashedRate) / WAD) * 3_000n * 10n ** 8n) / 10n ** 20n,
    );

    await bothSent.restore();
    await net.relay.verify(second);
    await net.relay.verify(first);
    await net.relay.execute(second);
    // Only the second LOCK is applied: its (newer) rate stands, the first is still verified.
    expect((await finalState()).balance).toEqual([WAD, 0n]);
    expect((await finalState()).rate).toEqual({ rate: slashedRate, nonce: 2n });
    expect((await net.relay.state(first)).state).toBe("verified");
    await net.relay.execute(first);
    // The first LOCK's older rate (1.0) does not overwrite the newer one.
    expect(await finalState()).toEqual(inOrder);
  });

  it("test_lzReceive_releaseToRefusedRecipientBecomesClaimable", async () => {
    const onA = contractsOf(a);
    const usdcA = a.deployment.tokens.usdc;
    const dave = a.address(DAVE);
    const erin = a.address(ERIN);
    await fund(a, usdcA, ALICE, onA.vault.address, 1_000n * USDC);
    await lock(a, ALICE, usdcA, 1_000n * USDC, b.eid);
    await net.deliverAll();
    await a.confirm(
      a.wallet(ROLE.owner).writeContract({
        address: usdcA,
        abi: mockERC20Abi,
        functionName: "setBlacklisted",
        args: [dave, true],
      }),
    );

    const sent = only((await requestRelease(b, ALICE, a.eid, usdcA, 300n * USDC, dave)).packets);
    const { receipt } = await net.relay.verify(sent).then(() => net.relay.execute(sent));
    const [parked] = parseEventLogs({
      abi: onA.vault.abi,
      eventName: "ReleaseClaimable",
      logs: receipt.logs,
    });
    expect(parked?.args).toEqual({
      guid: sent.packet.guid,
      srcEid: b.eid,
      asset: usdcA,
      recipient: dave,
      amount: 300n * USDC,
    });
    const read = a.publicClient;
    expect(await read.readContract({ ...onA.vault, functionName: "claimable", args: [dave, usdcA] })).toBe(
      300n * USDC,
    );
    expect(await read.readContract({ ...onA.vault, functionName: "totalClaimable", args: [usdcA] })).toBe(
      300n * USDC,
    );
    expect(await read.readContract({ ...onA.vault, functionName: "locked", args: [b.eid, usdcA] })).toBe(
      700n * USDC,
    );
    expect(await balanceOf(a, usdcA, onA.vault.address)).toBe(1_000n * USDC);
    expect(await balanceOf(a, usdcA, dave)).toBe(0n);

    // Dave claims to an address the token accepts.
    await a.confirm(
      a.wallet(DAVE).writeContract({ ...onA.vault, functionName: "claim", args: [usdcA, erin] }),
    );
    expect(await balanceOf(a, usdcA, erin)).toBe(300n * USDC);
    expect(await balanceOf(a, usdcA, onA.vault.address)).toBe(700n * USDC);
    expect(await read.readContract({ ...onA.vault, functionName: "claimable", args: [dave, usdcA] })).toBe(
      0n,
    );
    expect(await read.readContract({ ...onA.vault, functionName: "totalClaimable", args: [usdcA] })).toBe(0n);
    expect(
      await revertOf(
        read.simulateContract({ account: dave, ...onA.vault, functionName: "claim", args: [usdcA, erin] }),
      ),
    ).toEqual({ errorName: "NothingToClaim", args: [dave, usdcA] });
  });

  it("test_lzReceive_rateLimitedReleaseStaysVerifiedAndSucceedsAfterRefill", async () => {
    const onA = contractsOf(a);
    const usdcA = a.deployment.tokens.usdc;
    const alice = a.address(ALICE);
    // A bucket of 500 USDC refilled at 1 USDC per second.
    await a.confirm(
      a.wallet(ROLE.owner).writeContract({
        ...onA.vault,
        functionName: "configureRateLimit",
        args: [usdcA, 500n * USDC, 1n * USDC],
      }),
    );
    await fund(a, usdcA, ALICE, onA.vault.address, 1_000n * USDC);
    await lock(a, ALICE, usdcA, 1_000n * USDC, b.eid);
    await net.deliverAll();

    await requestRelease(b, ALICE, a.eid, usdcA, 400n * USDC);
    expect(await net.deliverAll()).toBe(1);
    expect(await balanceOf(a, usdcA, alice)).toBe(400n * USDC);

    // About 100 USDC are left in the bucket: a release of 300 must wait.
    const sent = only((await requestRelease(b, ALICE, a.eid, usdcA, 300n * USDC)).packets);
    await net.relay.verify(sent);
    const failure = await net.relay.execute(sent).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeliveryError);
    const revert = decodeRevert(failure);
    expect(revert?.errorName).toBe("RateLimited");
    const [asset, amount, available] = revert?.args ?? [];
    expect([asset, amount]).toEqual([usdcA, 300n * USDC]);
    // 100 left after the first release, plus 1 USDC per second since (one second per block here).
    expect(available).toBeGreaterThanOrEqual(100n * USDC);
    expect(available).toBeLessThan(300n * USDC);
    expect(await net.relay.state(sent)).toMatchObject({ state: "verified", executable: true });
    expect(await balanceOf(a, usdcA, alice)).toBe(400n * USDC);
    expect(await laneBalance(net, a.eid, b.eid, usdcA)).toEqual({
      locked: 600n * USDC,
      credited: 300n * USDC,
      inflightLocks: 0n,
      inflightReleases: 300n * USDC,
    });

    await a.increaseTime(200);
    await net.relay.execute(sent);
    expect((await net.relay.state(sent)).state).toBe("executed");
    expect(await balanceOf(a, usdcA, alice)).toBe(700n * USDC);
    expect(await laneBalance(net, a.eid, b.eid, usdcA)).toEqual({
      locked: 300n * USDC,
      credited: 300n * USDC,
      inflightLocks: 0n,
      inflightReleases: 0n,
    });
  });
});
