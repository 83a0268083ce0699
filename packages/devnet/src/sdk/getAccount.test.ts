import { mockERC20Abi, mockERC4626Abi } from "@ballast/contracts";
import { accountHealth } from "@ballast/margin";
import {
  ActionError,
  type BallastReadClient,
  type GetAccountReturnType,
  getAccount,
  lock,
  type Manifest,
  type ManifestChain,
  openPosition,
  readMarginInputs,
} from "@ballast/sdk";
import { type Address, createPublicClient, custom, type EIP1193RequestFn } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_BALLAST_CONFIG } from "../ballast/config.js";
import { multicall3CreationCode } from "../devnet/installMulticall3.js";
import { fund, mint, setPrice } from "../testing/actions.js";
import { contractsOf } from "../testing/contractsOf.js";
import { createTestNetwork, ROLE, type TestChain, type TestNetwork } from "../testing/createTestNetwork.js";
import { revertOf } from "../testing/revertOf.js";
import { testManifest } from "../testing/testManifest.js";

const ALICE = 3;
const BOB = 4;
const LP = 8;
const WAD = 10n ** 18n;
const USDC = 10n ** 6n;
const PRICE = 10n ** 8n;

/**
 * getAccount against the ledgers' own views in the states that are easy to get wrong: collateral
 * from two source chains, a share at a slashed rate, a parked balance over the cap, a same-chain
 * lock, a liquidatable account, stale prices, and reads through Multicall3.
 */
describe("getAccount equals the chain's views", () => {
  let net: TestNetwork;
  let a: TestChain;
  let b: TestChain;
  let manifest: Manifest;
  let mA: ManifestChain;
  let mB: ManifestChain;

  beforeAll(async () => {
    net = await createTestNetwork({
      chains: 2,
      config: {
        // At most 1 share from each chain counts toward margin; the rest is parked.
        collateral: {
          ...DEFAULT_BALLAST_CONFIG.collateral,
          share: { ...DEFAULT_BALLAST_CONFIG.collateral.share, cap: WAD },
        },
      },
    });
    [a, b] = net.chains as [TestChain, TestChain];
    manifest = testManifest(net);
    [mA, mB] = manifest.chains as [ManifestChain, ManifestChain];
  });
  afterAll(async () => {
    await net?.close();
  });

  const clients = (): Record<number, BallastReadClient> => ({
    [a.eid]: a.publicClient,
    [b.eid]: b.publicClient,
  });

  /** Every figure of `account` on B, read from B's ledger, risk engine and market. */
  async function expectLedgerBMatches(account: GetAccountReturnType, pricesFresh: boolean): Promise<void> {
    const who = account.account;
    const ledger = account.ledgers.find((l) => l.eid === b.eid);
    if (ledger === undefined) throw new Error("no ledger B");
    const on = contractsOf(b);
    const read = b.publicClient;
    const viewHealth = await read.readContract({ ...on.ledger, functionName: "health", args: [who] });
    expect(ledger.health).toEqual(viewHealth);
    // The same read as raw margin inputs values to the same figures.
    const inputs = await readMarginInputs(read, { chain: mB, account: who });
    expect(accountHealth(inputs.view, inputs.config, inputs.prices)[0]?.health).toEqual(viewHealth);
    const strict = read.readContract({ ...on.ledger, functionName: "initialHealth", args: [who] });
    if (pricesFresh) {
      expect(ledger.initialHealth).toBe(await strict);
      expect(ledger.liquidatable).toBe(
        await read.readContract({ ...on.ledger, functionName: "isLiquidatable", args: [who] }),
      );
    } else {
      expect((await revertOf(strict)).errorName).toMatch(/StalePrice|MarketPriceUnusable/);
    }
    const slots = await read.readContract({ ...on.ledger, functionName: "accountCollaterals", args: [who] });
    expect(
      ledger.collateral
        .filter((c) => c.valued > 0n)
        .map(({ srcEid, asset }) => `${srcEid}:${asset}`)
        .sort(),
    ).toEqual(slots.map(({ srcEid, asset }) => `${srcEid}:${asset}`).sort());
    for (const c of ledger.collateral) {
      expect([c.valued, c.parked]).toEqual(
        await read.readContract({ ...on.ledger, functionName: "balanceOf", args: [who, c.srcEid, c.asset] }),
      );
      expect(c.free).toBe(
        await read.readContract({
          ...on.ledger,
          functionName: "freeCollateral",
          args: [who, c.srcEid, c.asset],
        }),
      );
      expect(c.value).toBe(
        await read.readContract({ ...on.risk, functionName: "valueOf", args: [c.srcEid, c.asset, c.valued] }),
      );
      expect(c.rate).toBe(
        await read.readContract({ ...on.risk, functionName: "effectiveRate", args: [c.srcEid, c.asset] }),
      );
    }
    const [pnl, im, mm, ok] = await read.readContract({
      ...on.market,
      functionName: "accountMargin",
      args: [who],
    });
    if (ledger.positions.length === 0) expect([pnl, im, mm]).toEqual([0n, 0n, 0n]);
    else
      expect(
        ledger.positions.map((p) => [p.unrealizedPnl, p.initialMargin, p.maintenanceMargin, p.priceOk]),
      ).toEqual([[pnl, im, mm, ok]]);
  }

  it("test_getAccount_equalsLedgerHealthThroughEveryState", async () => {
    const onA = contractsOf(a);
    const { weth, share } = mA.tokens;
    const alice = a.address(ALICE);
    const walletA = a.wallet(ALICE);

    // Nothing yet: every ledger empty, every figure zero.
    const empty = await getAccount({ manifest, clients: clients(), account: alice.toLowerCase() as Address });
    expect(empty.account).toBe(alice);
    for (const ledger of empty.ledgers) {
      expect(ledger).toMatchObject({
        cash: 0n,
        collateral: [],
        positions: [],
        lpShares: [],
        equity: 0n,
        liquidatable: false,
      });
    }

    // 2 WETH from A; 3 shares from A after a 10% slash of the share's assets (1 valued, 2 parked).
    await mint(a, weth, alice, 5n * WAD);
    await a.confirm(
      (await lock(walletA, { chain: mA, asset: weth, amount: 2n * WAD, dstEid: b.eid })).transactionHash,
    );
    await fund(a, weth, ALICE, share, 3n * WAD);
    await a.confirm(
      walletA.writeContract({
        address: share,
        abi: mockERC4626Abi,
        functionName: "deposit",
        args: [3n * WAD, alice],
      }),
    );
    await a.confirm(
      a.wallet(ROLE.owner).writeContract({
        address: weth,
        abi: mockERC20Abi,
        functionName: "burn",
        args: [share, (4n * WAD) / 10n],
      }),
    );
    const slashed = await a.publicClient.readContract({
      ...onA.vault,
      functionName: "currentRate",
      args: [share],
    });
    expect(slashed).toBeLessThan(WAD);
    await a.confirm(
      (await lock(walletA, { chain: mA, asset: share, amount: 3n * WAD, dstEid: b.eid })).transactionHash,
    );
    expect(await net.deliverAll()).toBe(2);
    // 1 WETH of B locked on B itself: credited by the local vault, no message.
    await mint(b, mB.tokens.weth, alice, WAD);
    const local = await lock(b.wallet(ALICE), {
      chain: mB,
      asset: mB.tokens.weth,
      amount: WAD,
      dstEid: b.eid,
    });
    expect(local.guid).toBe(`0x${"00".repeat(32)}`);
    expect(local.nativeFee).toBe(0n);

    const credited = await getAccount({ manifest, clients: clients(), account: alice });
    await expectLedgerBMatches(credited, true);
    const onB = credited.ledgers[1];
    expect(
      onB?.collateral.map(({ srcEid, asset, valued, parked, listed }) => ({
        srcEid,
        asset,
        valued,
        parked,
        listed,
      })),
    ).toEqual([
      { srcEid: a.eid, asset: weth, valued: 2n * WAD, parked: 0n, listed: true },
      { srcEid: a.eid, asset: share, valued: WAD, parked: 2n * WAD, listed: true },
      { srcEid: b.eid, asset: mB.tokens.weth, valued: WAD, parked: 0n, listed: true },
    ]);
    expect(onB?.collateral[1]?.rate).toBe(slashed);
    expect(onB?.collateral[0]).toMatchObject({
      price: 3_000n * PRICE,
      value: 6_000n * USDC,
      initialCollateral: 4_800n * USDC,
    });

    // Long 20 ETH at 3,000 against it, then ETH at 2,500: below maintenance.
    await fund(b, mB.tokens.usdc, LP, mB.contracts.perpMarket, 1_000_000n * USDC);
    await b.confirm(
      b.wallet(LP).writeContract({
        ...contractsOf(b).market,
        functionName: "depositLiquidity",
        args: [1_000_000n * USDC],
      }),
    );
    await openPosition(b.wallet(ALICE), { chain: mB, sizeDelta: 20n * WAD });
    const open = await getAccount({ manifest, clients: clients(), account: alice });
    await expectLedgerBMatches(open, true);
    expect(open.ledgers[1]?.liquidatable).toBe(false);
    // Initial health about 3,225: the 2 WETH (4,800 toward initial margin) are partly free; the parked shares are.
    const [twoWeth, shares] = open.ledgers[1]?.collateral ?? [];
    expect(twoWeth?.free).toBeGreaterThan(0n);
    expect(twoWeth?.free).toBeLessThan(2n * WAD);
    expect(shares?.free).toBeGreaterThanOrEqual(2n * WAD);
    await setPrice(b, mB.feeds.ethUsd, 2_500n * PRICE);
    const underwater = await getAccount({ manifest, clients: clients(), account: alice });
    await expectLedgerBMatches(underwater, true);
    expect(underwater.ledgers[1]?.liquidatable).toBe(true);
    expect(underwater.ledgers[1]?.collateral.map((c) => c.free)).toEqual([0n, 0n, 0n]);

    // An hour and a second later every ETH price is stale: collateral counts zero, the position
    // is valued at the last answer with priceOk false, and nothing is free.
    const snapshot = await net.snapshot();
    await b.increaseTime(3_601);
    const stale = await getAccount({ manifest, clients: clients(), account: alice });
    await expectLedgerBMatches(stale, false);
    expect(stale.ledgers[1]?.health.collateralValue).toBe(0n);
    expect(stale.ledgers[1]?.collateral.map((c) => c.price)).toEqual([undefined, undefined, undefined]);
    expect(stale.ledgers[1]?.positions[0]).toMatchObject({ price: 2_500n * PRICE, priceOk: false });
    await snapshot.restore();

    // Reads through Multicall3 give the same account in fewer eth_calls.
    const ethCalls = { count: 0 };
    const countingClient = (chain: TestChain, multicall3?: { address: Address; blockCreated: number }) => {
      // The chain's EIP-1193 request function.
      const request = chain.publicClient.request as EIP1193RequestFn;
      return createPublicClient({
        chain: { ...chain.local.chain, ...(multicall3 === undefined ? {} : { contracts: { multicall3 } }) },
        transport: custom({
          request: (args) => {
            if (args.method === "eth_call") ethCalls.count++;
            return request(args);
          },
        }),
      });
    };
    const withMulticall: Record<number, BallastReadClient> = {};
    const without: Record<number, BallastReadClient> = {};
    for (const chain of [a, b]) {
      const hash = await chain
        .wallet(ROLE.owner)
        .deployContract({ abi: [], bytecode: multicall3CreationCode() });
      const { contractAddress, blockNumber } = await chain.publicClient.waitForTransactionReceipt({ hash });
      if (!contractAddress) throw new Error("Multicall3 was not deployed");
      withMulticall[chain.eid] = countingClient(chain, {
        address: contractAddress,
        blockCreated: Number(blockNumber),
      });
      without[chain.eid] = countingClient(chain);
    }
    const viaMulticall = await getAccount({ manifest, clients: withMulticall, account: alice });
    const multicallCalls = ethCalls.count;
    ethCalls.count = 0;
    const plain = await getAccount({ manifest, clients: without, account: alice });
    const plainCalls = ethCalls.count;
    const strip = (r: GetAccountReturnType) => ({
      ...r,
      ledgers: r.ledgers.map(({ blockNumber: _, ...rest }) => rest),
      vaults: r.vaults.map(({ blockNumber: _, ...rest }) => rest),
    });
    expect(strip(viaMulticall)).toEqual(strip(plain));
    await expectLedgerBMatches(viaMulticall, true);
    // One aggregate3 per batch of reads instead of one eth_call per read.
    expect(multicallCalls).toBeGreaterThan(0);
    expect(multicallCalls * 2).toBeLessThan(plainCalls);
  });

  it("test_getAccount_freesNothingWhileAPositionsPriceIsStale", async () => {
    const bob = b.address(BOB);
    const usdcA = mA.tokens.usdc;
    await mint(a, usdcA, bob, 10_000n * USDC);
    await a.confirm(
      (await lock(a.wallet(BOB), { chain: mA, asset: usdcA, amount: 10_000n * USDC, dstEid: b.eid }))
        .transactionHash,
    );
    expect(await net.deliverAll()).toBe(1);
    await openPosition(b.wallet(BOB), { chain: mB, sizeDelta: WAD });
    const fresh = await getAccount({ manifest, clients: clients(), account: bob });
    await expectLedgerBMatches(fresh, true);
    expect(fresh.ledgers[1]?.collateral[0]?.free).toBeGreaterThan(0n);

    // ETH's feed (1 hour) is stale, USDC's (1 day) is not: the collateral keeps its value, but the
    // ledger's strict health reverts on the market's price, so nothing is free.
    const snapshot = await net.snapshot();
    await b.increaseTime(3_601);
    const stale = await getAccount({ manifest, clients: clients(), account: bob });
    await expectLedgerBMatches(stale, false);
    expect(stale.ledgers[1]?.collateral[0]).toMatchObject({ price: PRICE, value: 10_000n * USDC, free: 0n });
    expect(stale.ledgers[1]?.positions[0]?.priceOk).toBe(false);
    await snapshot.restore();
  });

  it("test_getAccount_refusesMissingOrWrongClients", async () => {
    const bob = b.address(BOB);
    await expect(
      getAccount({ manifest, clients: { [a.eid]: a.publicClient }, account: bob }),
    ).rejects.toThrow(new ActionError(`no client for chain b (eid ${b.eid})`));
    await expect(
      getAccount({ manifest, clients: { [a.eid]: b.publicClient, [b.eid]: b.publicClient }, account: bob }),
    ).rejects.toThrow(ActionError);
    await expect(getAccount({ manifest, clients: clients(), account: "0x1234" })).rejects.toThrow(
      ActionError,
    );
  });
});
