import { mockERC20Abi } from "@ballast/contracts";
import {
  ActionError,
  ContractRevertError,
  claim,
  closePosition,
  depositCash,
  type GetAccountReturnType,
  getAccount,
  lock,
  type Manifest,
  type ManifestChain,
  openPosition,
  quoteLock,
  quoteRelease,
  requestRelease,
  SdkError,
  withdrawCash,
} from "@ballast/sdk";
import { type Address, erc20Abi, zeroHash } from "viem";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { approve, balanceOf, fund, mint, setPrice } from "../testing/actions.js";
import { contractsOf } from "../testing/contractsOf.js";
import {
  createTestNetwork,
  type NetworkSnapshot,
  ROLE,
  type TestChain,
  type TestNetwork,
} from "../testing/createTestNetwork.js";
import { testManifest } from "../testing/testManifest.js";

const ALICE = 3;
const DAVE = 6; // refused by the token
const ERIN = 7;
const LP = 8;
const WAD = 10n ** 18n;
const USDC = 10n ** 6n;
const PRICE = 10n ** 8n;

/** The error a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the action to fail");
    },
    (error: unknown) => error,
  );
}

/** The sdk's actions driving Ballast between two chains through the real EndpointV2. */
describe("sdk actions on two chains", () => {
  let net: TestNetwork;
  let a: TestChain;
  let b: TestChain;
  let manifest: Manifest;
  let mA: ManifestChain;
  let mB: ManifestChain;
  let fresh: NetworkSnapshot;

  beforeAll(async () => {
    net = await createTestNetwork({ chains: 2 });
    [a, b] = net.chains as [TestChain, TestChain];
    manifest = testManifest(net);
    [mA, mB] = manifest.chains as [ManifestChain, ManifestChain];
    fresh = await net.snapshot();
  });
  beforeEach(async () => {
    await fresh.restore();
  });
  afterAll(async () => {
    await net?.close();
  });

  const clients = () => ({ [a.eid]: a.publicClient, [b.eid]: b.publicClient });

  /**
   * getAccount for `who`, checked against the ledgers' own views on every chain: health to the wei,
   * initial health and liquidatable (fresh prices), cash, balances, free collateral, positions.
   */
  async function accountMatchingChain(who: Address): Promise<GetAccountReturnType> {
    const account = await getAccount({ manifest, clients: clients(), account: who });
    expect(account.ledgers.map((l) => l.eid)).toEqual([a.eid, b.eid]);
    for (const ledger of account.ledgers) {
      const chain = net.chain(ledger.eid);
      const on = contractsOf(chain);
      const read = chain.publicClient;
      expect(ledger.health).toEqual(
        await read.readContract({ ...on.ledger, functionName: "health", args: [who] }),
      );
      expect(ledger.initialHealth).toBe(
        await read.readContract({ ...on.ledger, functionName: "initialHealth", args: [who] }),
      );
      expect(ledger.liquidatable).toBe(
        await read.readContract({ ...on.ledger, functionName: "isLiquidatable", args: [who] }),
      );
      expect(ledger.cash).toBe(await read.readContract({ ...on.ledger, functionName: "cash", args: [who] }));
      for (const c of ledger.collateral) {
        expect([c.valued, c.parked]).toEqual(
          await read.readContract({
            ...on.ledger,
            functionName: "balanceOf",
            args: [who, c.srcEid, c.asset],
          }),
        );
        expect(c.free).toBe(
          await read.readContract({
            ...on.ledger,
            functionName: "freeCollateral",
            args: [who, c.srcEid, c.asset],
          }),
        );
      }
      const [pnl, im, mm, ok] = await read.readContract({
        ...on.market,
        functionName: "accountMargin",
        args: [who],
      });
      const positions = ledger.positions.filter((p) => p.market === on.market.address);
      expect(
        positions.map((p) => [p.unrealizedPnl, p.initialMargin, p.maintenanceMargin, p.priceOk]),
      ).toEqual(pnl === 0n && im === 0n ? [] : [[pnl, im, mm, ok]]);
    }
    return account;
  }

  it("test_lock_deliver_trade_release_allExact", async () => {
    const usdcA = mA.tokens.usdc;
    const usdcB = mB.tokens.usdc;
    const alice = a.address(ALICE);
    const walletA = a.wallet(ALICE);
    const walletB = b.wallet(ALICE);
    await mint(a, usdcA, alice, 1_000n * USDC);

    // Lock on A through the sdk: the allowance is short, so it approves exactly the amount first.
    const fee = await quoteLock(a.publicClient, {
      chain: mA,
      asset: usdcA,
      amount: 1_000n * USDC,
      dstEid: b.eid,
      beneficiary: alice,
    });
    expect(fee.nativeFee).toBeGreaterThan(0n);
    const locked = await lock(walletA, { chain: mA, asset: usdcA, amount: 1_000n * USDC, dstEid: b.eid });
    expect(locked.approveTransactionHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(locked.amount).toBe(1_000n * USDC);
    expect(locked.nativeFee).toBe(fee.nativeFee);
    const receipt = await a.confirm(locked.transactionHash);
    const [sent] = net.relay.sent;
    expect(sent?.packet.guid).toBe(locked.guid);
    expect(locked.guid).not.toBe(zeroHash);
    expect(locked.receipt.transactionHash).toBe(receipt.transactionHash);
    expect(
      await a.publicClient.readContract({
        address: usdcA,
        abi: erc20Abi,
        functionName: "allowance",
        args: [alice, mA.contracts.collateralVault],
      }),
    ).toBe(0n);
    expect(await balanceOf(a, usdcA, alice)).toBe(0n);

    // Nothing on B until the LOCK is delivered.
    expect((await accountMatchingChain(alice)).ledgers[1]?.collateral).toEqual([]);
    expect(await net.deliverAll()).toBe(1);
    const credited = await accountMatchingChain(alice);
    // 1,000 USDC at $1: 95% toward initial margin, 97% toward maintenance, all of it free.
    expect(credited.ledgers[1]?.collateral).toEqual([
      {
        srcEid: a.eid,
        asset: usdcA,
        valued: 1_000n * USDC,
        parked: 0n,
        listed: true,
        price: PRICE,
        rate: WAD,
        value: 1_000n * USDC,
        initialCollateral: 950n * USDC,
        maintenanceCollateral: 970n * USDC,
        free: 1_000n * USDC,
      },
    ]);
    expect(credited.ledgers[1]).toMatchObject({
      cash: 0n,
      equity: 1_000n * USDC,
      initialHealth: 950n * USDC,
    });
    expect(credited.ledgers[0]).toMatchObject({ collateral: [], positions: [], cash: 0n, equity: 0n });
    expect(credited.vaults.map((v) => v.claimable)).toEqual([[], []]);

    // Cash on B: the first deposit approves, the second finds a large enough allowance.
    await mint(b, usdcB, alice, 1_000n * USDC);
    const first = await depositCash(walletB, { chain: mB, amount: 500n * USDC });
    expect(first.approveTransactionHash).toBeDefined();
    await approve(b, ALICE, usdcB, mB.contracts.marginLedger, 10_000n * USDC);
    const second = await depositCash(walletB, { chain: mB, amount: 200n * USDC });
    expect(second.approveTransactionHash).toBeUndefined();
    expect(
      await b.publicClient.readContract({
        address: usdcB,
        abi: erc20Abi,
        functionName: "allowance",
        args: [alice, mB.contracts.marginLedger],
      }),
    ).toBe(9_800n * USDC);
    expect((await accountMatchingChain(alice)).ledgers[1]?.cash).toBe(700n * USDC);

    // The LP pool takes the other side; Alice goes long 2 ETH at 3,000.
    await fund(b, usdcB, LP, mB.contracts.perpMarket, 100_000n * USDC);
    await b.confirm(
      b.wallet(LP).writeContract({
        ...contractsOf(b).market,
        functionName: "depositLiquidity",
        args: [100_000n * USDC],
      }),
    );
    const opened = await openPosition(walletB, { chain: mB, sizeDelta: 2n * WAD });
    expect(opened.position).toEqual({
      sizeDelta: 2n * WAD,
      size: 2n * WAD,
      openNotional: 6_000n * USDC,
      price: 3_000n * PRICE,
      realizedPnl: 0n,
    });
    const open = (await accountMatchingChain(alice)).ledgers[1];
    expect(open?.positions).toEqual([
      {
        market: mB.contracts.perpMarket,
        size: 2n * WAD,
        openNotional: 6_000n * USDC,
        price: 3_000n * PRICE,
        priceOk: true,
        unrealizedPnl: 0n,
        notional: 6_000n * USDC,
        initialMargin: 600n * USDC,
        maintenanceMargin: 300n * USDC,
      },
    ]);
    // 700 cash + 950 of collateral - 600 of initial margin.
    expect(open?.initialHealth).toBe(1_050n * USDC);

    // ETH to 3,100: +200 of PnL, margins on a 6,200 notional.
    await setPrice(b, mB.feeds.ethUsd, 3_100n * PRICE);
    const up = (await accountMatchingChain(alice)).ledgers[1];
    expect(up?.positions[0]).toMatchObject({ unrealizedPnl: 200n * USDC, initialMargin: 620n * USDC });
    expect(up?.initialHealth).toBe(1_230n * USDC);
    expect(up?.equity).toBe(1_900n * USDC);
    expect(up?.collateral[0]?.free).toBe(1_000n * USDC);

    const closed = await closePosition(walletB, { chain: mB });
    expect(closed.position).toMatchObject({ size: 0n, openNotional: 0n, realizedPnl: 200n * USDC });
    const flat = (await accountMatchingChain(alice)).ledgers[1];
    expect(flat).toMatchObject({ cash: 900n * USDC, positions: [] });

    // Release all of it to A, and take the cash out on B.
    const releaseFee = await quoteRelease(walletB, {
      chain: mB,
      srcEid: a.eid,
      asset: usdcA,
      amount: 1_000n * USDC,
    });
    const released = await requestRelease(walletB, {
      chain: mB,
      srcEid: a.eid,
      asset: usdcA,
      amount: 1_000n * USDC,
    });
    expect(released.nativeFee).toBe(releaseFee.nativeFee);
    expect(released.amount).toBe(1_000n * USDC);
    await b.confirm(released.transactionHash);
    expect(net.relay.sent.at(-1)?.packet.guid).toBe(released.guid);
    expect((await accountMatchingChain(alice)).ledgers[1]?.collateral).toEqual([]);
    expect(await net.deliverAll()).toBe(1);
    expect(await balanceOf(a, usdcA, alice)).toBe(1_000n * USDC);

    await withdrawCash(walletB, { chain: mB, amount: 900n * USDC });
    expect(await balanceOf(b, usdcB, alice)).toBe(1_200n * USDC);
    const done = await accountMatchingChain(alice);
    expect(done.ledgers[1]).toMatchObject({ cash: 0n, collateral: [], positions: [], equity: 0n });
  });

  it("test_lock_creditsWhatArrivesOfAFeeOnTransferToken", async () => {
    const usdcA = mA.tokens.usdc;
    const alice = a.address(ALICE);
    await mint(a, usdcA, alice, 1_000n * USDC);
    await a.confirm(
      a.wallet(ROLE.owner).writeContract({
        address: usdcA,
        abi: mockERC20Abi,
        functionName: "setTransferFeeBps",
        args: [100],
      }),
    );
    const locked = await lock(a.wallet(ALICE), {
      chain: mA,
      asset: usdcA,
      amount: 1_000n * USDC,
      dstEid: b.eid,
    });
    expect(locked.amount).toBe(990n * USDC);
    await a.confirm(locked.transactionHash);
    expect(await net.deliverAll()).toBe(1);
    expect((await accountMatchingChain(alice)).ledgers[1]?.collateral[0]?.valued).toBe(990n * USDC);
  });

  it("test_actions_revertAsTypedErrorsWithTheCustomError", async () => {
    const usdcA = mA.tokens.usdc;
    const alice = a.address(ALICE);
    const walletB = b.wallet(ALICE);
    await mint(a, usdcA, alice, 1_000n * USDC);
    await a.confirm(
      (await lock(a.wallet(ALICE), { chain: mA, asset: usdcA, amount: 1_000n * USDC, dstEid: b.eid }))
        .transactionHash,
    );
    await net.deliverAll();
    const nonce = () => b.publicClient.getTransactionCount({ address: alice });
    const before = await nonce();

    // Long 5 ETH needs 1,500 of initial margin; 950 counts. Refused in simulation: no transaction.
    const tooBig = await failure(openPosition(walletB, { chain: mB, sizeDelta: 5n * WAD }));
    expect(tooBig).toBeInstanceOf(ContractRevertError);
    expect(tooBig).toBeInstanceOf(ActionError);
    expect(tooBig).toBeInstanceOf(SdkError);
    expect(tooBig).toMatchObject({
      errorName: "InsufficientMargin",
      args: [alice, -550n * USDC],
      contract: mB.contracts.perpMarket,
      functionName: "openPosition",
      revert: { errorName: "InsufficientMargin", args: [alice, -550n * USDC] },
    });
    expect(await nonce()).toBe(before);

    expect(
      await failure(
        requestRelease(walletB, { chain: mB, srcEid: a.eid, asset: usdcA, amount: 1_001n * USDC }),
      ),
    ).toMatchObject({
      name: "ContractRevertError",
      errorName: "InsufficientCollateral",
      args: [alice, a.eid, usdcA, 1_001n * USDC, 1_000n * USDC],
    });
    expect(await failure(closePosition(walletB, { chain: mB }))).toMatchObject({
      errorName: "NoPosition",
      args: [alice],
    });
    expect(await failure(withdrawCash(walletB, { chain: mB, amount: 1n }))).toMatchObject({
      errorName: "InsufficientCash",
      args: [alice, 0n, 1n],
    });
    // A token error bubbled up through the ledger (not in the ledger's ABI): decoded all the same.
    // The approval goes through; the deposit is refused.
    expect(await failure(depositCash(walletB, { chain: mB, amount: 5n * USDC }))).toMatchObject({
      errorName: "ERC20InsufficientBalance",
      args: [alice, 0n, 5n * USDC],
      contract: mB.contracts.marginLedger,
    });
    // The fee quote refuses a destination the vault has no peer for.
    expect(
      await failure(lock(a.wallet(ALICE), { chain: mA, asset: usdcA, amount: 1n, dstEid: 49_999 })),
    ).toMatchObject({ errorName: "NoPeer", args: [49_999], functionName: "quoteLock" });
    expect(await failure(claim(a.wallet(ALICE), { chain: mA, asset: usdcA }))).toMatchObject({
      errorName: "NothingToClaim",
      args: [alice, usdcA],
    });
    // A client on another chain than the manifest entry is refused before anything is sent.
    const wrongChain = await failure(openPosition(a.wallet(ALICE), { chain: mB, sizeDelta: WAD }));
    expect(wrongChain).toBeInstanceOf(ActionError);
    expect(wrongChain).not.toBeInstanceOf(ContractRevertError);
    expect(String(wrongChain)).toContain(
      `client is on chain id ${a.local.chainId}, manifest chain b (eid ${b.eid}) is chain id ${b.local.chainId}`,
    );
  });

  it("test_claim_paysAReleaseParkedForARefusedRecipient", async () => {
    const usdcA = mA.tokens.usdc;
    const dave = a.address(DAVE);
    const erin = a.address(ERIN);
    await mint(a, usdcA, a.address(ALICE), 1_000n * USDC);
    await a.confirm(
      (await lock(a.wallet(ALICE), { chain: mA, asset: usdcA, amount: 1_000n * USDC, dstEid: b.eid }))
        .transactionHash,
    );
    await net.deliverAll();
    await a.confirm(
      a.wallet(ROLE.owner).writeContract({
        address: usdcA,
        abi: mockERC20Abi,
        functionName: "setBlacklisted",
        args: [dave, true],
      }),
    );

    // Alice releases 300 to Dave, whom the token refuses: the vault keeps it claimable for him.
    const released = await requestRelease(b.wallet(ALICE), {
      chain: mB,
      srcEid: a.eid,
      asset: usdcA,
      amount: 300n * USDC,
      recipient: dave,
    });
    await b.confirm(released.transactionHash);
    expect(await net.deliverAll()).toBe(1);
    const parked = await getAccount({ manifest, clients: clients(), account: dave });
    expect(parked.vaults).toEqual([
      {
        eid: a.eid,
        name: "a",
        blockNumber: expect.any(BigInt),
        claimable: [{ asset: usdcA, amount: 300n * USDC }],
      },
      { eid: b.eid, name: "b", blockNumber: expect.any(BigInt), claimable: [] },
    ]);
    expect(await balanceOf(a, usdcA, dave)).toBe(0n);

    const claimed = await claim(a.wallet(DAVE), { chain: mA, asset: usdcA, to: erin });
    expect(claimed.amount).toBe(300n * USDC);
    expect(await balanceOf(a, usdcA, erin)).toBe(300n * USDC);
    expect((await getAccount({ manifest, clients: clients(), account: dave })).vaults[0]?.claimable).toEqual(
      [],
    );
    expect((await accountMatchingChain(a.address(ALICE))).ledgers[1]?.collateral[0]?.valued).toBe(
      700n * USDC,
    );
  });
});
