import { marginLedgerAbi, mockERC4626Abi, perpMarketAbi } from "@ballast/contracts";
import {
  type Address,
  createTestClient,
  createWalletClient,
  getAddress,
  keccak256,
  parseEther,
  stringToHex,
} from "viem";
import { type TestChain, type TestNetwork, testActions } from "../dist/testing/index.js";
import type { SeededRandom } from "./seededRandom.ts";

const { approve, fund, lock, mint, setPrice } = testActions;

/** Development account that mints, locks and deposits for the sample accounts. */
const FUNDER = 3;
/** Development account that provides each market's LP liquidity. */
const LP = 8;
const WAD = 10n ** 18n;
const USDC = 10n ** 6n;
/** Quote decimals + 18 size decimals - 8 price decimals: size = notional * 10^20 / price. */
const SIZE_PER_NOTIONAL = 10n ** 20n;

/** A market listed on the ledger. */
export interface SampleMarket {
  perpMarket: Address;
}

/** A mock feed the ledger's valuation reads, and the answers the sample moves it through. */
export interface SampleFeed {
  feed: Address;
  /** While positions are opened, after the first move (partial closes), and in the end state (8 decimals). */
  answers: readonly [open: bigint, move: bigint, final: bigint];
}

/** Parameters of {@link buildSampleAccounts}. */
export interface BuildSampleAccountsParameters {
  network: TestNetwork;
  /** The chain whose MarginLedger holds the sample. */
  ledger: TestChain;
  /** USDC, WETH and the share are locked from the first; WETH and the share from the second. */
  sources: readonly [TestChain, TestChain];
  /** The ledger's markets; each account opens one position in each. */
  markets: readonly SampleMarket[];
  /** Every feed of the ledger chain (collateral and markets) with the answers to publish. */
  feeds: readonly SampleFeed[];
  count: number;
  random: SeededRandom;
}

/** The return type of {@link buildSampleAccounts}. */
export interface BuildSampleAccountsReturnType {
  accounts: Address[];
  /** Transactions sent to build the sample (LayerZero deliveries count two: verify and execute). */
  transactions: number;
}

/** Thrown when the sample did not come out as planned (a lost packet, a collateral not valued). */
export class SampleBuildError extends Error {
  override name = "SampleBuildError";
}

/**
 * Builds `count` accounts on `ledger` through the devnet's real paths: the funder locks five
 * collaterals for each from the two source chains (USDC, WETH and an ERC-4626 share whose rate was
 * raised by a donation; WETH and a share), the relay delivers every LOCK a day later (so the
 * ledger applies the raised rate within its growth bound), each account then opens one position per
 * market, long or short, sized on its initial health as read from the ledger. Prices then move,
 * every third account halves its first position (realized PnL in cash, either sign), every fourth
 * gets a cash deposit, and the feeds end on their final, unround answers.
 */
export async function buildSampleAccounts(
  parameters: BuildSampleAccountsParameters,
): Promise<BuildSampleAccountsReturnType> {
  const { network, ledger, sources, markets, feeds, count, random } = parameters;
  const [first, second] = sources;
  let transactions = 0;
  const accounts = Array.from({ length: count }, (_, i) =>
    getAddress(keccak256(stringToHex(`ballast devnet bench account ${i}`)).slice(0, 42)),
  );

  // ---------------------------------------------------------------- collateral, locked from two chains
  const plan = [
    { chain: first, token: first.deployment.tokens.usdc, kind: "token", lo: 500n * USDC, hi: 5_000n * USDC },
    { chain: first, token: first.deployment.tokens.weth, kind: "token", lo: WAD / 10n, hi: 2n * WAD },
    { chain: first, token: first.deployment.tokens.share, kind: "share", lo: WAD / 10n, hi: 2n * WAD },
    { chain: second, token: second.deployment.tokens.weth, kind: "token", lo: WAD / 10n, hi: 2n * WAD },
    { chain: second, token: second.deployment.tokens.share, kind: "share", lo: WAD / 10n, hi: 2n * WAD },
  ] as const;
  const amounts = plan.map((p) => accounts.map(() => random.bigint(p.lo, p.hi)));
  for (const [k, p] of plan.entries()) {
    const total = (amounts[k] ?? []).reduce((sum, x) => sum + x, 0n);
    const vault = p.chain.deployment.contracts.collateralVault;
    if (p.kind === "token") {
      await fund(p.chain, p.token, FUNDER, vault, total);
      transactions += 2;
      continue;
    }
    // Shares: deposit WETH into the share (rate 1: shares == assets), approve them to the vault.
    await fund(p.chain, p.chain.deployment.tokens.weth, FUNDER, p.token, total);
    await p.chain.confirm(
      p.chain.wallet(FUNDER).writeContract({
        address: p.token,
        abi: mockERC4626Abi,
        functionName: "deposit",
        args: [total, p.chain.address(FUNDER)],
      }),
    );
    await approve(p.chain, FUNDER, p.token, vault, total);
    transactions += 4;
  }
  // Yield on the first chain's share: a donation of 0.37% of its assets raises its rate.
  const shareA = first.deployment.tokens.share;
  const assetsA = await first.publicClient.readContract({
    address: shareA,
    abi: mockERC4626Abi,
    functionName: "totalAssets",
  });
  await mint(first, first.deployment.tokens.weth, shareA, (assetsA * 37n) / 10_000n);
  transactions += 1;

  for (const [i, account] of accounts.entries()) {
    for (const [k, p] of plan.entries()) {
      const amount = amounts[k]?.[i];
      if (amount === undefined) throw new SampleBuildError("no amount planned");
      await lock(p.chain, FUNDER, p.token, amount, ledger.eid, account);
      transactions += 1;
    }
  }
  // A day later on the ledger: the share's raised rate is within its growth bound (1% a day).
  await ledger.increaseTime(86_400);
  const delivered = await network.deliverAll();
  transactions += 2 * delivered;
  if (delivered !== plan.length * count) {
    throw new SampleBuildError(`delivered ${delivered} LOCKs, expected ${plan.length * count}`);
  }
  const publish = async (stage: 0 | 1 | 2) => {
    for (const f of feeds) await setPrice(ledger, f.feed, f.answers[stage]);
    transactions += feeds.length;
  };
  await publish(0); // fresh answers after the day that passed

  const ledgerContract = { address: ledger.deployment.contracts.marginLedger, abi: marginLedgerAbi } as const;
  for (const account of accounts) {
    const collaterals = await ledger.publicClient.readContract({
      ...ledgerContract,
      functionName: "accountCollaterals",
      args: [account],
    });
    if (collaterals.length !== plan.length) {
      throw new SampleBuildError(
        `${account} has ${collaterals.length} valued collaterals, not ${plan.length}`,
      );
    }
  }

  // ---------------------------------------------------------------- positions, sized on initial health
  const usdc = ledger.deployment.tokens.usdc;
  for (const { perpMarket } of markets) {
    const liquidity = 1_000_000n * USDC;
    await fund(ledger, usdc, LP, perpMarket, liquidity);
    await ledger.confirm(
      ledger.wallet(LP).writeContract({
        address: perpMarket,
        abi: perpMarketAbi,
        functionName: "depositLiquidity",
        args: [liquidity],
      }),
    );
    transactions += 3;
  }
  const testClient = createTestClient({
    chain: ledger.local.chain,
    transport: ledger.local.transport,
    mode: "hardhat",
  });
  const openSizes: bigint[] = [];
  for (const account of accounts) {
    await testClient.impersonateAccount({ address: account });
    await testClient.setBalance({ address: account, value: parseEther("10") });
    const wallet = createWalletClient({
      chain: ledger.local.chain,
      transport: ledger.local.transport,
      account,
    });
    const initialHealth = await ledger.publicClient.readContract({
      ...ledgerContract,
      functionName: "initialHealth",
      args: [account],
    });
    for (const [m, { perpMarket }] of markets.entries()) {
      const config = await ledger.publicClient.readContract({
        address: perpMarket,
        abi: perpMarketAbi,
        functionName: "config",
      });
      const [price] = await ledger.publicClient.readContract({
        address: perpMarket,
        abi: perpMarketAbi,
        functionName: "markPrice",
      });
      // Each position takes 15-40% of the initial health as initial margin.
      const margin = (initialHealth * random.bigint(15n, 40n)) / 100n;
      const notional = (margin * WAD) / config.initialMarginRate;
      const size = ((notional * SIZE_PER_NOTIONAL) / price) * (random.coin() ? 1n : -1n);
      if (m === 0) openSizes.push(size);
      await ledger.confirm(
        wallet.writeContract({
          address: perpMarket,
          abi: perpMarketAbi,
          functionName: "openPosition",
          args: [size],
        }),
      );
      transactions += 1;
    }
  }

  // ---------------------------------------------------------------- realized PnL and cash
  await publish(1);
  const firstMarket = markets[0];
  if (firstMarket === undefined) throw new SampleBuildError("the sample needs a market");
  for (const [i, account] of accounts.entries()) {
    if (i % 3 !== 0) continue;
    const size = openSizes[i] ?? 0n;
    const wallet = createWalletClient({
      chain: ledger.local.chain,
      transport: ledger.local.transport,
      account,
    });
    await ledger.confirm(
      wallet.writeContract({
        address: firstMarket.perpMarket,
        abi: perpMarketAbi,
        functionName: "reducePosition",
        args: [(size < 0n ? -size : size) / 2n],
      }),
    );
    transactions += 1;
  }
  const deposits = accounts.map((_, i) => (i % 4 === 0 ? random.bigint(100n * USDC, 2_000n * USDC) : 0n));
  const deposited = deposits.reduce((sum, x) => sum + x, 0n);
  await fund(ledger, usdc, FUNDER, ledgerContract.address, deposited);
  transactions += 2;
  for (const [i, account] of accounts.entries()) {
    const amount = deposits[i] ?? 0n;
    if (amount === 0n) continue;
    await ledger.confirm(
      ledger
        .wallet(FUNDER)
        .writeContract({ ...ledgerContract, functionName: "depositCash", args: [account, amount] }),
    );
    transactions += 1;
  }
  await publish(2);
  return { accounts, transactions };
}
