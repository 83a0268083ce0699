import { collateralVaultAbi, marginLedgerAbi, mockAggregatorAbi, perpMarketAbi } from "@ballast/contracts";
import type { Devnet, DevnetChain } from "@ballast/devnet";
import { marginUp, markValueFloor, notionalUp } from "@ballast/margin";
import {
  depositCash,
  lock,
  type Manifest,
  type ManifestChain,
  openPosition,
  requestRelease,
} from "@ballast/sdk";
import { type Address, erc20Abi, type Hash, type PublicClient } from "viem";
import { CliError } from "../CliError.js";
import { formatAmount } from "../format/formatAmount.js";
import type { Reporter } from "./Reporter.js";
import { waitFor } from "./waitFor.js";

/** The trader of the scenario: development account #3. */
export const TRADER = 3;
const USDC = 10n ** 6n;
const WAD = 10n ** 18n;
const PRICE_UNIT = 10n ** 8n;
/** The scenario's numbers: small enough to read, chosen so each step shows one mechanism. */
export const SCENARIO = {
  usdcLocked: 1_000n * USDC,
  sharesLocked: 1n * WAD,
  longSize: 4n * WAD,
  entryPrice: 3_000n * PRICE_UNIT,
  /** Low enough to put the long below maintenance, high enough that liquidating it leaves the account solvent. */
  crashPrice: 2_350n * PRICE_UNIT,
} as const;

/** What the scenario ends with, checked and printed. */
export interface ScenarioResult {
  trader: Address;
  /** The trader's cash on b after the liquidation, before the repayment (negative: debt). */
  cashAfterLiquidation: bigint;
  keeperReward: bigint;
}

/** The part of the relayer's `GET /lanes` the scenario checks. */
interface LanesSummary {
  runs: number;
  lanes: { status: string }[];
  vaults: { status: string }[];
}

/** The relayer's lane report, or undefined while it has none. */
async function readLanes(apiUrl: string): Promise<LanesSummary | undefined> {
  const response = await fetch(`${apiUrl}/lanes`).catch(() => undefined);
  if (response === undefined || !response.ok) return undefined;
  return (await response.json()) as LanesSummary; // the relayer's LanesReport (apps/relayer/src/reconciliation)
}

/** Runs one step: its action, its check, its report; a failed check names what differed. */
async function step<T>(
  reporter: Reporter,
  title: string,
  run: () => Promise<{ value: T; details: string[]; event: Record<string, unknown> }>,
): Promise<T> {
  try {
    const { value, details, event } = await run();
    reporter.done(title, details, { event: "step", ...event });
    return value;
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    reporter.failed(title, reason);
    throw new CliError(`scenario failed at "${title}": ${reason}`, { cause: error, exitCode: 1 });
  }
}

function expectEqual(what: string, actual: bigint, expected: bigint): void {
  if (actual !== expected) throw new Error(`${what}: expected ${expected}, got ${actual}`);
}

/**
 * The guided scenario on a running devnet with the relayer delivering and keeping: collateral from
 * a (USDC) and c (the ERC-4626 share) becomes margin on b; a 4 ETH long on b; ETH falls; the keeper
 * liquidates the position; the trader repays and takes the USDC back to a. Every step checks the
 * chain state it should have produced, to the unit.
 */
export async function runScenario(
  devnet: Devnet,
  manifest: Manifest,
  reporter: Reporter,
  relayerApiUrl: string,
): Promise<ScenarioResult> {
  const [a, b, c] = devnet.chains as [DevnetChain, DevnetChain, DevnetChain];
  const m = (chain: DevnetChain): ManifestChain => {
    const found = manifest.chains.find((entry) => entry.eid === chain.eid);
    if (found === undefined) throw new CliError(`chain ${chain.name} is not in the manifest`);
    return found;
  };
  const [mA, mB, mC] = [m(a), m(b), m(c)];
  const trader = a.local.accounts[TRADER] as Address; // the devnet has 20 development accounts
  const walletA = a.local.walletClient(TRADER);
  const walletB = b.local.walletClient(TRADER);
  const walletC = c.local.walletClient(TRADER);
  const clients: Record<number, PublicClient> = {};
  for (const chain of devnet.chains) clients[chain.eid] = chain.local.publicClient;
  const balanceOn = (chain: DevnetChain, token: Address, holder: Address) =>
    chain.local.publicClient.readContract({
      address: token,
      abi: erc20Abi,
      functionName: "balanceOf",
      args: [holder],
    });
  const ledgerBalance = (srcEid: number, asset: Address) =>
    b.local.publicClient.readContract({
      address: mB.contracts.marginLedger,
      abi: marginLedgerAbi,
      functionName: "balanceOf",
      args: [trader, srcEid, asset],
    });
  const cashOnB = () =>
    b.local.publicClient.readContract({
      address: mB.contracts.marginLedger,
      abi: marginLedgerAbi,
      functionName: "cash",
      args: [trader],
    });
  const usdcOnABefore = await balanceOn(a, mA.tokens.usdc, trader);
  const lockedOnABefore = await a.local.publicClient.readContract({
    address: mA.contracts.collateralVault,
    abi: collateralVaultAbi,
    functionName: "locked",
    args: [b.eid, mA.tokens.usdc],
  });

  const lockAndWait = async (from: DevnetChain, asset: Address, amount: bigint, label: string) => {
    const wallet = from === a ? walletA : walletC;
    const locked = await step(reporter, `Lock ${label} on ${from.name} for ${b.name}`, async () => {
      const result = await lock(wallet, { chain: m(from), asset, amount, dstEid: b.eid });
      expectEqual("credited by the vault", result.amount, amount);
      return {
        value: result,
        details: [`tx ${result.transactionHash}`, `LayerZero guid ${result.guid}`],
        event: { chain: from.name, transactionHash: result.transactionHash, guid: result.guid, amount },
      };
    });
    await step(reporter, `The relayer delivers it: ${label} credited on ${b.name}`, async () => {
      const started = Date.now();
      const [valued] = await waitFor(
        `the LOCK ${locked.guid} to be credited on ${b.name}`,
        () => ledgerBalance(from.eid, asset),
        ([v]) => v >= amount,
      );
      expectEqual("valued balance", valued, amount);
      return {
        value: undefined,
        details: [`${Date.now() - started} ms after the lock`],
        event: { guid: locked.guid, valued },
      };
    });
  };
  await lockAndWait(a, mA.tokens.usdc, SCENARIO.usdcLocked, "1,000 USDC");
  await lockAndWait(c, mC.tokens.share, SCENARIO.sharesLocked, "1 share (ERC-4626 over WETH)");

  const decimals = { priceDecimals: 8, quoteDecimals: 6 } as const;
  await step(reporter, `Open a 4 ETH long on ${b.name} at 3,000`, async () => {
    const { position, transactionHash } = await openPosition(walletB, {
      chain: mB,
      sizeDelta: SCENARIO.longSize,
    });
    expectEqual("position size", position.size, SCENARIO.longSize);
    expectEqual(
      "open notional",
      position.openNotional,
      notionalUp(SCENARIO.longSize, SCENARIO.entryPrice, decimals),
    );
    return {
      value: undefined,
      details: [`tx ${transactionHash}`, "margined by collateral from a and c"],
      event: { transactionHash, size: position.size },
    };
  });

  const owner = b.local.walletClient(0);
  await step(reporter, `ETH falls to 2,350 on ${b.name}: the account is below maintenance`, async () => {
    const hash: Hash = await owner.writeContract({
      address: mB.feeds.ethUsd,
      abi: mockAggregatorAbi,
      functionName: "setAnswer",
      args: [SCENARIO.crashPrice],
    });
    await b.local.publicClient.waitForTransactionReceipt({ hash });
    const liquidatable = await b.local.publicClient.readContract({
      address: mB.contracts.marginLedger,
      abi: marginLedgerAbi,
      functionName: "isLiquidatable",
      args: [trader],
    });
    if (!liquidatable) throw new Error("the account is not liquidatable at 2,350");
    return {
      value: undefined,
      details: [`tx ${hash}`],
      event: { transactionHash: hash, price: SCENARIO.crashPrice },
    };
  });

  // The contracts' own math, through @ballast/margin: PnL floored, notional and penalty rounded up.
  const realized =
    markValueFloor(SCENARIO.longSize, SCENARIO.crashPrice, decimals) -
    notionalUp(SCENARIO.longSize, SCENARIO.entryPrice, decimals);
  const penalty = marginUp(
    notionalUp(SCENARIO.longSize, SCENARIO.crashPrice, decimals),
    devnet.deployment.config.ethPerp.liquidationPenaltyRate,
  );
  const expectedCash = realized - penalty;
  const keeperReward = (penalty * devnet.deployment.config.ethPerp.keeperRewardShare) / WAD;
  const cashAfterLiquidation = await step(reporter, "The keeper liquidates the position", async () => {
    const started = Date.now();
    await waitFor(
      "the keeper to liquidate the position",
      () =>
        b.local.publicClient.readContract({
          address: mB.contracts.perpMarket,
          abi: perpMarketAbi,
          functionName: "hasPosition",
          args: [trader],
        }),
      (open) => !open,
    );
    const cash = await cashOnB();
    expectEqual("cash after liquidation (PnL - penalty)", cash, expectedCash);
    return {
      value: cash,
      details: [
        `${Date.now() - started} ms after the price move`,
        `realized ${formatAmount(realized, 6, "USDC")}, penalty ${formatAmount(penalty, 6, "USDC")} (keeper ${formatAmount(keeperReward, 6, "USDC")})`,
      ],
      event: { realized, penalty, keeperReward, cash },
    };
  });

  await step(
    reporter,
    `Repay the debt: deposit ${formatAmount(-cashAfterLiquidation, 6, "USDC")} of cash on ${b.name}`,
    async () => {
      const { transactionHash } = await depositCash(walletB, { chain: mB, amount: -cashAfterLiquidation });
      expectEqual("cash", await cashOnB(), 0n);
      return {
        value: undefined,
        details: [`tx ${transactionHash}`],
        event: { transactionHash, amount: -cashAfterLiquidation },
      };
    },
  );

  const released = await step(
    reporter,
    `Release the 1,000 USDC from ${b.name} back to ${a.name}`,
    async () => {
      const result = await requestRelease(walletB, {
        chain: mB,
        srcEid: a.eid,
        asset: mA.tokens.usdc,
        amount: SCENARIO.usdcLocked,
      });
      const [valued, parked] = await ledgerBalance(a.eid, mA.tokens.usdc);
      expectEqual("ledger balance after the debit", valued + parked, 0n);
      return {
        value: result,
        details: [`tx ${result.transactionHash}`, `LayerZero guid ${result.guid}`],
        event: { transactionHash: result.transactionHash, guid: result.guid },
      };
    },
  );
  await step(reporter, `The relayer delivers it: 1,000 USDC paid on ${a.name}`, async () => {
    const balance = await waitFor(
      `the RELEASE ${released.guid} to be paid on ${a.name}`,
      () => balanceOn(a, mA.tokens.usdc, trader),
      // Back to what the wallet held before the lock.
      (value) => value === usdcOnABefore,
    );
    const locked = await a.local.publicClient.readContract({
      address: mA.contracts.collateralVault,
      abi: collateralVaultAbi,
      functionName: "locked",
      args: [b.eid, mA.tokens.usdc],
    });
    expectEqual("vault's locked amount for b", locked, lockedOnABefore);
    return {
      value: undefined,
      details: [`${formatAmount(balance, 6, "USDC")} in the trader's wallet on a`],
      event: { balance },
    };
  });

  await step(reporter, "The relayer reconciles every lane: all consistent", async () => {
    // A run that started after the last delivery: its `runs` count moves past the current one.
    const before = await readLanes(relayerApiUrl);
    const report = await waitFor(
      "a reconciliation with every lane consistent",
      () => readLanes(relayerApiUrl),
      (lanes) =>
        lanes !== undefined &&
        lanes.runs > (before?.runs ?? 0) &&
        lanes.lanes.length > 0 &&
        [...lanes.lanes, ...lanes.vaults].every((lane) => lane.status === "consistent"),
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    return {
      value: undefined,
      details: [
        `${report?.lanes.length} lanes and ${report?.vaults.length} vault assets, invariants 1, 2 and 4`,
      ],
      event: { lanes: report?.lanes.length, vaults: report?.vaults.length },
    };
  });
  return { trader, cashAfterLiquidation, keeperReward };
}
