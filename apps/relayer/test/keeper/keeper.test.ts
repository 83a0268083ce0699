import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  collateralVaultAbi,
  marginLedgerAbi,
  mockAggregatorAbi,
  mockERC20Abi,
  mockERC4626Abi,
  perpMarketAbi,
  riskEngineAbi,
} from "@ballast/contracts";
import { type Devnet, startDevnet } from "@ballast/devnet";
import {
  deliverPacket,
  getSentPackets,
  lock,
  type ManifestChain,
  openPosition,
  toViemChain,
} from "@ballast/sdk";
import { Logger } from "@nestjs/common";
import {
  type Address,
  createPublicClient,
  createTestClient,
  createWalletClient,
  encodeFunctionData,
  erc20Abi,
  type Hash,
  http,
  type PublicClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { ChainRegistry } from "../../src/chains/ChainRegistry.js";
import { KEEPER_INTERVAL } from "../../src/keeper/KeeperService.js";
import { KeeperTransactions } from "../../src/keeper/KeeperTransactions.js";
import { devPrivateKey } from "../devKeys.js";
import { startKeeperApp } from "../support/keeperApp.js";

const USDC = 10n ** 6n;
const WAD = 10n ** 18n;
const PRICE = 10n ** 8n;
/** A Hardhat development account with ether but none of the devnet's tokens (#3 to #9 are funded). */
const UNFUNDED_KEEPER = 12;
/** A funded user account (1,000,000 USDC on every chain) that keeps here. */
const FUNDED_KEEPER = 9;

let devnet: Devnet;
let dir: string;
let manifestPath: string;
let a: ManifestChain;
let b: ManifestChain;
let alice: Address;
const clients = new Map<number, PublicClient>();

const client = (chain: ManifestChain): PublicClient => {
  let found = clients.get(chain.eid);
  if (found === undefined) {
    found = createPublicClient({ chain: toViemChain(chain), transport: http(chain.rpcUrls[0]) });
    clients.set(chain.eid, found);
  }
  return found;
};
/** A wallet of an unlocked development account on the devnet node. */
const wallet = (chain: ManifestChain, account: Address) =>
  createWalletClient({ account, chain: toViemChain(chain), transport: http(chain.rpcUrls[0]) });
const addressOf = (index: number): Address => privateKeyToAccount(devPrivateKey(index)).address;

const cashOf = (account: Address) =>
  client(b).readContract({
    address: b.contracts.marginLedger,
    abi: marginLedgerAbi,
    functionName: "cash",
    args: [account],
  });
const isLiquidatable = (account: Address) =>
  client(b).readContract({
    address: b.contracts.marginLedger,
    abi: marginLedgerAbi,
    functionName: "isLiquidatable",
    args: [account],
  });
const positionOf = (account: Address) =>
  client(b).readContract({
    address: b.contracts.perpMarket,
    abi: perpMarketAbi,
    functionName: "position",
    args: [account],
  });
const ledgerRate = async (ledger: ManifestChain, vault: ManifestChain) =>
  (
    await client(ledger).readContract({
      address: ledger.contracts.riskEngine,
      abi: riskEngineAbi,
      functionName: "rateState",
      args: [vault.eid, vault.tokens.share],
    })
  ).rate;
const vaultRate = (vault: ManifestChain) =>
  client(vault).readContract({
    address: vault.contracts.collateralVault,
    abi: collateralVaultAbi,
    functionName: "currentRate",
    args: [vault.tokens.share],
  });

/** Sends from an unlocked account and waits for success. */
async function confirm(chain: ManifestChain, hash: Promise<Hash>): Promise<void> {
  const receipt = await client(chain).waitForTransactionReceipt({ hash: await hash });
  if (receipt.status !== "success") throw new Error(`transaction ${receipt.transactionHash} reverted`);
}

/** Delivers what transaction `hash` on `from` sent to `to`, with the manifest's verifier, as the delivery module would. */
async function deliver(from: ManifestChain, to: ManifestChain, hash: Hash): Promise<number> {
  const receipt = await client(from).getTransactionReceipt({ hash });
  const packets = getSentPackets({ endpoint: from.endpoint, receipt });
  const messageLib = to.messageLib;
  if (messageLib === null) throw new Error("a devnet chain has a SimpleMessageLib");
  for (const { encodedPacket } of packets) {
    await deliverPacket({
      publicClient: client(to),
      walletClient: wallet(to, devnet.roles.verifier),
      endpoint: to.endpoint,
      messageLib,
      packet: encodedPacket,
    });
  }
  return packets.length;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * One 2-chain devnet: Alice (the first funded user) locks 1 WETH on A as margin on B, goes long
 * 5 ETH at 3,000 on B's perp, and ETH falls to 2,600 on B: PnL -2,000 against 2,210 of maintenance
 * collateral and 650 of maintenance margin, health -440. The keepers then run against it in order.
 */
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ballast-keeper-"));
  manifestPath = join(dir, "manifest.json");
  devnet = await startDevnet({ chains: 2, portBase: 0, manifestPath });
  [a, b] = devnet.manifest.chains as [ManifestChain, ManifestChain]; // a 2-chain devnet
  alice = devnet.users[0] as Address; // a devnet has 7 funded users
  expect(devnet.users[FUNDED_KEEPER - 3]).toBe(addressOf(FUNDED_KEEPER));
  expect(devnet.users).not.toContain(addressOf(UNFUNDED_KEEPER));

  const locked = await lock(wallet(a, alice), { chain: a, asset: a.tokens.weth, amount: WAD, dstEid: b.eid });
  expect(await deliver(a, b, locked.transactionHash)).toBe(1);
  await openPosition(wallet(b, alice), { chain: b, sizeDelta: 5n * WAD });
  await confirm(
    b,
    wallet(b, devnet.roles.owner).writeContract({
      address: b.feeds.ethUsd,
      abi: mockAggregatorAbi,
      functionName: "setAnswer",
      args: [2_600n * PRICE],
    }),
  );
  expect(await isLiquidatable(alice)).toBe(true);
});

afterAll(async () => {
  await devnet?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe("liquidations", () => {
  test("without a keeper key the keeper is idle: logged once, nothing scheduled, read or sent", async () => {
    const logs = vi.spyOn(Logger.prototype, "log");
    const app = await startKeeperApp({ manifestPath, dir, intervalMs: 50 });
    try {
      expect(app.scheduler.doesExist("interval", KEEPER_INTERVAL)).toBe(false);
      expect(logs.mock.calls.filter(([message]) => String(message).startsWith("idle:"))).toHaveLength(1);
      await app.indexAll();
      await new Promise((resolve) => setTimeout(resolve, 200)); // a scheduled keeper would have run by now
      expect(app.keeper.last()).toBeUndefined(); // the scheduler never ran it
      expect(await app.keeper.run()).toMatchObject({
        idle: true,
        candidates: 0,
        liquidations: [],
        rateSyncs: [],
      });
      expect(await app.metric("ballast_keeper_liquidations_sent_total", { kind: "position" })).toBe(0);
      expect(await positionOf(alice)).toEqual({ size: 5n * WAD, openNotional: 15_000n * USDC });
    } finally {
      logs.mockRestore();
      await app.close();
    }
  });

  test("a liquidation that does not pay the minimum profit is skipped, and nothing is sent", async () => {
    const keeper = addressOf(UNFUNDED_KEEPER);
    const nonces = await Promise.all(
      [a, b].map((chain) => client(chain).getTransactionCount({ address: keeper })),
    );
    const app = await startKeeperApp({
      manifestPath,
      dir,
      keeperKey: devPrivateKey(UNFUNDED_KEEPER),
      keeper: { minProfitWei: (10n ** 30n).toString() },
    });
    try {
      await app.indexAll();
      const report = await app.keeper.run();
      expect(report).toMatchObject({ idle: false, candidates: 1, liquidatable: 1, errors: [] });
      // Penalty 2% of 13,000 notional, half of it to the keeper: 130 USDC, 0.05 ETH at 2,600.
      expect(report.liquidations).toEqual([
        expect.objectContaining({
          kind: "position",
          account: alice,
          market: b.contracts.perpMarket,
          status: "skipped",
          reason: "unprofitable",
          rewardQuote: 130n * USDC,
          rewardWei: 5n * 10n ** 16n,
        }),
      ]);
      // Nothing to sync either: every ledger holds every share's rate.
      expect(report.rateSyncs.map(({ status, reason }) => `${status}:${reason}`)).toEqual(
        Array(4).fill("skipped:equal"),
      );
      expect(
        await app.metric("ballast_keeper_liquidations_skipped_total", {
          kind: "position",
          reason: "unprofitable",
        }),
      ).toBe(1);
      expect(await app.metric("ballast_keeper_liquidations_sent_total", { kind: "position" })).toBe(0);
      expect(
        await Promise.all([a, b].map((chain) => client(chain).getTransactionCount({ address: keeper }))),
      ).toEqual(nonces);
      expect(await positionOf(alice)).toEqual({ size: 5n * WAD, openNotional: 15_000n * USDC });
    } finally {
      await app.close();
    }
  });

  test("the scheduled keeper liquidates the position; without quote tokens it leaves the collateral", async () => {
    const keeper = addressOf(UNFUNDED_KEEPER);
    const app = await startKeeperApp({
      manifestPath,
      dir,
      keeperKey: devPrivateKey(UNFUNDED_KEEPER),
      intervalMs: 200,
      indexerLoops: true,
    });
    try {
      expect(app.scheduler.doesExist("interval", KEEPER_INTERVAL)).toBe(true);
      await waitFor(
        async () =>
          (await app.metric("ballast_keeper_liquidations_skipped_total", {
            kind: "collateral",
            reason: "no_funds",
          })) >= 1,
      );
      expect(await positionOf(alice)).toEqual({ size: 0n, openNotional: 0n });
      const events = await client(b).getContractEvents({
        address: b.contracts.perpMarket,
        abi: perpMarketAbi,
        eventName: "PositionLiquidated",
        fromBlock: 0n,
      });
      expect(events.map(({ args }) => args)).toEqual([
        {
          account: alice,
          liquidator: keeper,
          size: 5n * WAD,
          price: 2_600n * PRICE,
          realizedPnl: -2_000n * USDC,
          penalty: 260n * USDC,
          keeperReward: 130n * USDC,
        },
      ]);
      // The reward is the keeper's cash on B; Alice owes the loss and the penalty.
      expect(await cashOf(keeper)).toBe(130n * USDC);
      expect(await cashOf(alice)).toBe(-2_260n * USDC);
      // Still below maintenance (-2,260 + 2,210), but this keeper cannot repay: nothing else sent.
      expect(await isLiquidatable(alice)).toBe(true);
      expect(await app.metric("ballast_keeper_liquidations_sent_total", { kind: "position" })).toBe(1);
      expect(await app.metric("ballast_keeper_liquidations_succeeded_total", { kind: "position" })).toBe(1);
      expect(await app.metric("ballast_keeper_liquidations_sent_total", { kind: "collateral" })).toBe(0);
      expect(await app.metric("ballast_keeper_last_run_duration_seconds")).toBeGreaterThan(0);
      expect(await client(b).getTransactionCount({ address: keeper })).toBe(1);
    } finally {
      await app.close();
    }
  });

  test("a funded keeper repays the debt and takes the collateral with the bonus, as liquidationAmounts says", async () => {
    const keeper = addressOf(FUNDED_KEEPER);
    const debt = -(await cashOf(alice));
    expect(debt).toBe(2_260n * USDC);
    const [repaid, seized] = await client(b).readContract({
      address: b.contracts.riskEngine,
      abi: riskEngineAbi,
      functionName: "liquidationAmounts",
      args: [a.eid, a.tokens.weth, debt, WAD],
    });
    expect([repaid, seized]).toEqual([debt, 912_692_307_692_307_692n]); // floor(2,373e6 * 1e20 / 2,600e8)
    const usdcBefore = await client(b).readContract({
      address: b.tokens.usdc,
      abi: erc20Abi,
      functionName: "balanceOf",
      args: [keeper],
    });

    const app = await startKeeperApp({ manifestPath, dir, keeperKey: devPrivateKey(FUNDED_KEEPER) });
    try {
      await app.indexAll();
      const report = await app.keeper.run();
      expect(report.liquidations).toEqual([
        expect.objectContaining({
          kind: "collateral",
          account: alice,
          srcEid: a.eid,
          asset: a.tokens.weth,
          status: "succeeded",
          repaid,
          seized,
          // The seized WETH is worth floor(seized * 2,600e8 / 1e20) = 2,372.999999: 5% of 2,260, rounded down.
          rewardQuote: 113n * USDC - 1n,
        }),
      ]);
      const events = await client(b).getContractEvents({
        address: b.contracts.marginLedger,
        abi: marginLedgerAbi,
        eventName: "Liquidated",
        fromBlock: 0n,
      });
      expect(events.map(({ args }) => args)).toEqual([
        {
          liquidator: keeper,
          account: alice,
          srcEid: a.eid,
          asset: a.tokens.weth,
          repaid,
          seized,
          seizedAsParked: false,
        },
      ]);
      expect(
        await client(b).readContract({
          address: b.tokens.usdc,
          abi: erc20Abi,
          functionName: "balanceOf",
          args: [keeper],
        }),
      ).toBe(usdcBefore - repaid);
      const balanceOnB = (account: Address) =>
        client(b).readContract({
          address: b.contracts.marginLedger,
          abi: marginLedgerAbi,
          functionName: "balanceOf",
          args: [account, a.eid, a.tokens.weth],
        });
      expect(await balanceOnB(keeper)).toEqual([seized, 0n]);
      expect(await balanceOnB(alice)).toEqual([WAD - seized, 0n]);
      expect(await cashOf(alice)).toBe(0n);
      expect(await isLiquidatable(alice)).toBe(false);
      expect(await app.metric("ballast_keeper_liquidations_sent_total", { kind: "collateral" })).toBe(1);
      expect(await app.metric("ballast_keeper_liquidations_succeeded_total", { kind: "collateral" })).toBe(1);

      // The next run finds nothing to do.
      expect((await app.keeper.run()).liquidations).toEqual([]);

      // A liquidation that reverts is reported with the decoded custom error (the devnet's node answers
      // the send with the revert; a node that mines it has the revert replayed on the block before).
      const chain = app.moduleRef.get(ChainRegistry).byEid(b.eid);
      const keeperWallet = app.moduleRef.get(ChainRegistry).wallet(b.eid, "keeper");
      if (keeperWallet === undefined) throw new Error("the keeper has a wallet on b");
      const sent = await app.moduleRef.get(KeeperTransactions).send("probe", {
        chain,
        wallet: keeperWallet,
        to: b.contracts.perpMarket,
        data: encodeFunctionData({ abi: perpMarketAbi, functionName: "liquidatePosition", args: [alice] }),
        gas: 300_000n,
      });
      expect(sent).toMatchObject({ status: "failed", reason: "NoPosition", error: "NoPosition" });
    } finally {
      await app.close();
    }
  });
});

describe("rate sync", () => {
  test("a share rate drop is synced to every ledger at once; delivered, the ledger's rate is the vault's", async () => {
    const shareA = a.tokens.share;
    const before = await vaultRate(a);
    expect(await ledgerRate(b, a)).toBe(before);
    // Slash: the WETH mock's owner burns 2% of the share's assets.
    const totalAssets = await client(a).readContract({
      address: shareA,
      abi: mockERC4626Abi,
      functionName: "totalAssets",
    });
    await confirm(
      a,
      wallet(a, devnet.roles.owner).writeContract({
        address: a.tokens.weth,
        abi: mockERC20Abi,
        functionName: "burn",
        args: [shareA, totalAssets / 50n],
      }),
    );
    const fallen = await vaultRate(a);
    expect(fallen).toBeLessThan(before);
    expect(fallen).toBe(
      await client(a).readContract({
        address: shareA,
        abi: mockERC4626Abi,
        functionName: "convertToAssets",
        args: [WAD],
      }),
    );

    const app = await startKeeperApp({ manifestPath, dir, keeperKey: devPrivateKey(FUNDED_KEEPER) });
    try {
      const first = await app.keeper.run();
      const fromA = first.rateSyncs.filter(({ vaultEid }) => vaultEid === a.eid);
      expect(fromA).toEqual([
        expect.objectContaining({
          ledgerEid: a.eid,
          status: "sent",
          reason: "fell",
          vaultRate: fallen,
          ledgerRate: before,
        }),
        expect.objectContaining({
          ledgerEid: b.eid,
          status: "sent",
          reason: "fell",
          vaultRate: fallen,
          ledgerRate: before,
        }),
      ]);
      expect(fromA[1]?.nativeFee).toBeGreaterThan(0n);
      expect(await ledgerRate(a, a)).toBe(fallen); // the vault chain's own ledger: in the same transaction

      // Not delivered yet: the next run waits for it rather than sending another.
      const second = await app.keeper.run();
      expect(
        second.rateSyncs.find(({ vaultEid, ledgerEid }) => vaultEid === a.eid && ledgerEid === b.eid),
      ).toMatchObject({ status: "skipped", reason: "pending" });
      expect(
        await app.metric("ballast_keeper_rate_syncs_sent_total", { vault: a.name, ledger: b.name }),
      ).toBe(1);

      const hash = fromA[1]?.transactionHash;
      if (hash === undefined) throw new Error("the sync to b has a transaction");
      expect(await deliver(a, b, hash)).toBe(1);
      expect(await ledgerRate(b, a)).toBe(fallen);
      const third = await app.keeper.run();
      expect(third.rateSyncs.map(({ status, reason }) => `${status}:${reason}`)).toEqual(
        Array(4).fill("skipped:equal"),
      );
    } finally {
      await app.close();
    }
  });

  test("a rise under the threshold is not synced; past it, once the ledger's growth bound lets it count", async () => {
    const keeper = addressOf(FUNDED_KEEPER);
    const app = await startKeeperApp({
      manifestPath,
      dir,
      keeperKey: devPrivateKey(FUNDED_KEEPER),
      keeper: { rateSyncThresholdBps: 30 },
    });
    try {
      const onLedger = await ledgerRate(b, a);
      const risen = await devnet.accrueShareYield("a", 10n); // +0.1%, under 0.3%
      expect(risen).toBeGreaterThan(onLedger);
      const nonce = await client(a).getTransactionCount({ address: keeper });
      const small = await app.keeper.run();
      expect(small.rateSyncs.filter(({ vaultEid }) => vaultEid === a.eid)).toEqual([
        expect.objectContaining({
          ledgerEid: a.eid,
          status: "skipped",
          reason: "under-threshold",
          vaultRate: risen,
        }),
        expect.objectContaining({
          ledgerEid: b.eid,
          status: "skipped",
          reason: "under-threshold",
          vaultRate: risen,
        }),
      ]);
      expect(await client(a).getTransactionCount({ address: keeper })).toBe(nonce);

      // +0.4% more is over the threshold, but B accepts at most 1% a day of growth: after seconds, nothing.
      const big = await devnet.accrueShareYield("a", 40n);
      expect(
        (await app.keeper.run()).rateSyncs.find(
          ({ ledgerEid, vaultEid }) => vaultEid === a.eid && ledgerEid === b.eid,
        ),
      ).toMatchObject({ status: "skipped", reason: "under-threshold", vaultRate: big });
      // A day later on B the bound allows all of it: synced.
      const testB = createTestClient({
        mode: "hardhat",
        chain: toViemChain(b),
        transport: http(b.rpcUrls[0]),
      });
      await testB.increaseTime({ seconds: 86_400 });
      await testB.mine({ blocks: 1 });
      const later = await app.keeper.run();
      const toB = later.rateSyncs.find(
        ({ vaultEid, ledgerEid }) => vaultEid === a.eid && ledgerEid === b.eid,
      );
      expect(toB).toMatchObject({ status: "sent", reason: "rose", vaultRate: big, ledgerRate: onLedger });
      if (toB?.transactionHash === undefined) throw new Error("the sync to b has a transaction");
      expect(await deliver(a, b, toB.transactionHash)).toBe(1);
      expect(await ledgerRate(b, a)).toBe(big);
    } finally {
      await app.close();
    }
  });
});
