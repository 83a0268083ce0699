// The ledger's `health` view through `eth_call` against the same health computed by
// `@ballast/margin`, for a sample of accounts built on the devnet (issue 4). Runs against the built
// packages (turbo's `bench` task builds first): `pnpm --filter @ballast/devnet bench`.
//
//   1. createTestNetwork (`@ballast/devnet/testing`, built into dist/testing)
//      starts 3 chains with Ballast deployed; a BTC perp with its own feed joins the ETH perp on
//      the middle chain's ledger;
//   2. BENCH_ACCOUNTS accounts (default 100) each get 5 valued collaterals locked from the two other
//      chains and delivered, 2 positions, realized PnL or cash (buildSampleAccounts.ts);
//   3. margin's inputs are read from the chain (the sdk's readMarginInputs, the reader getAccount
//      uses) and margin's result must equal
//      every field of the view's for every account (and initialHealth / isLiquidatable);
//   4. timed: BENCH_VIEW_PASSES passes (default 5) of `eth_call health(account)` over the sample,
//      one call at a time, and `accountHealth` over the same accounts for BENCH_MARGIN_SECONDS
//      (default 2). Parity is checked again on every timed pass.
//
// Prints a table; the last line is JSON (ratio = margin ops/s / view calls/s).

import { marginLedgerAbi } from "@ballast/contracts";
import { accountHealth, type Health } from "@ballast/margin";
import { readMarginInputs } from "@ballast/sdk";
import { type Address, decodeFunctionResult, encodeFunctionData, type Hex } from "viem";
import { createTestNetwork, ROLE, testManifest } from "../dist/testing/index.js";
import { buildSampleAccounts } from "./buildSampleAccounts.ts";
import { checkHealthParity, HEALTH_FIELDS, HealthParityError } from "./checkHealthParity.ts";
import { deployPerpMarket } from "./deployPerpMarket.ts";
import { seededRandom } from "./seededRandom.ts";

/** Thrown for an environment setting that is not a positive number. */
class BenchSettingError extends Error {
  override name = "BenchSettingError";
}
function setting(name: string, fallback: number, integer: boolean): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!(value > 0) || (integer && !Number.isSafeInteger(value))) {
    throw new BenchSettingError(`${name} must be a positive ${integer ? "integer" : "number"}, got "${raw}"`);
  }
  return value;
}
const ACCOUNTS = setting("BENCH_ACCOUNTS", 100, true);
const VIEW_PASSES = setting("BENCH_VIEW_PASSES", 5, true);
const MARGIN_SECONDS = setting("BENCH_MARGIN_SECONDS", 2, false);
const SEED = setting("BENCH_SEED", 0x5eed, true);

const PRICE = 10n ** 8n; // the mock feeds' 8 decimals
const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const seconds = (from: number) => (performance.now() - from) / 1000;
/** The q-quantile of sorted values. */
const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

// ---------------------------------------------------------------- 1-2. network and sample

const setupStart = performance.now();
const network = await createTestNetwork({ chains: 3 });
const [a, b, c] = network.chains;
if (a === undefined || b === undefined || c === undefined)
  throw new Error("createTestNetwork gave fewer than 3 chains");
const marginLedger = b.deployment.contracts.marginLedger;
const deployedAt = seconds(setupStart);

let sampleAccounts: Address[];
let sampleTransactions: number;
try {
  const btc = await deployPerpMarket({
    walletClient: b.wallet(ROLE.owner),
    publicClient: b.publicClient,
    marginLedger,
    feed: { description: "BTC / USD", answer: 60_000n * PRICE },
  });
  const sample = await buildSampleAccounts({
    network,
    ledger: b,
    sources: [a, c],
    markets: [{ perpMarket: b.deployment.contracts.perpMarket }, btc],
    feeds: [
      { feed: b.deployment.feeds.ethUsd, answers: [3_000n * PRICE, 3_150n * PRICE, 257_123_456_789n] },
      { feed: b.deployment.feeds.usdcUsd, answers: [PRICE, PRICE, 99_987_654n] },
      { feed: btc.feed, answers: [60_000n * PRICE, 57_000n * PRICE, 6_723_456_789_012n] },
    ],
    count: ACCOUNTS,
    random: seededRandom(SEED),
  });
  sampleAccounts = sample.accounts;
  sampleTransactions = sample.transactions;
} catch (error) {
  await network.close();
  throw error;
}
const accounts = sampleAccounts;
const setupSeconds = seconds(setupStart);

// ---------------------------------------------------------------- 3. inputs from the chain, parity

const readStart = performance.now();
const manifestB = testManifest(network).chains[1];
if (manifestB === undefined) throw new Error("the test manifest has fewer than 3 chains");
// One read per account (setup, not timed); the chain is idle, so every read sees the same block.
const inputs = await Promise.all(
  accounts.map((account) => readMarginInputs(b.publicClient, { chain: manifestB, account })),
);
const readSeconds = seconds(readStart);
const marginOf = (i: number) => {
  const input = inputs[i];
  return input === undefined ? undefined : accountHealth(input.view, input.config, input.prices)[0];
};
const reference = accounts.map((_, i) => marginOf(i));
const ledger = { address: marginLedger, abi: marginLedgerAbi } as const;
const viewHealth: Health[] = [];
for (const account of accounts) {
  viewHealth.push(await b.publicClient.readContract({ ...ledger, functionName: "health", args: [account] }));
}
checkHealthParity({
  label: "readContract",
  accounts,
  view: viewHealth,
  margin: reference.map((h) => h?.health),
});
// The strict views (reverting on an unusable price) must agree with margin's derived figures too.
let liquidatable = 0;
for (const [i, account] of accounts.entries()) {
  const initial = await b.publicClient.readContract({
    ...ledger,
    functionName: "initialHealth",
    args: [account],
  });
  const isLiquidatable = await b.publicClient.readContract({
    ...ledger,
    functionName: "isLiquidatable",
    args: [account],
  });
  const m = reference[i];
  if (m === undefined || m.initialHealth !== initial || m.liquidatable !== isLiquidatable) {
    throw new HealthParityError(
      `health parity (strict views): ${account} initialHealth ${initial}, isLiquidatable ${isLiquidatable} ` +
        `on chain; margin ${m?.initialHealth}, ${m?.liquidatable}`,
    );
  }
  if (isLiquidatable) liquidatable += 1;
}

// ---------------------------------------------------------------- 4a. the view through eth_call

const calls = accounts.map((account) =>
  encodeFunctionData({ abi: marginLedgerAbi, functionName: "health", args: [account] }),
);
const ethCall = (data: Hex) =>
  b.publicClient.request({ method: "eth_call", params: [{ to: marginLedger, data }, "latest"] });
for (const data of calls) await ethCall(data); // warm-up, untimed
const latencies: number[] = [];
const passes: Hex[][] = [];
const viewStart = performance.now();
for (let pass = 0; pass < VIEW_PASSES; pass++) {
  const results: Hex[] = [];
  for (const data of calls) {
    const start = performance.now();
    results.push(await ethCall(data));
    latencies.push(performance.now() - start);
  }
  passes.push(results);
}
const viewSeconds = seconds(viewStart);
const viewCalls = VIEW_PASSES * accounts.length;
for (const [pass, results] of passes.entries()) {
  const decoded = results.map((data) =>
    decodeFunctionResult({ abi: marginLedgerAbi, functionName: "health", data }),
  );
  checkHealthParity({
    label: `eth_call pass ${pass + 1}`,
    accounts,
    view: decoded,
    margin: reference.map((h) => h?.health),
  });
}
latencies.sort((x, y) => x - y);

// The same through viem's readContract (ABI encoding and decoding included), for comparison.
const readContractStart = performance.now();
for (let pass = 0; pass < VIEW_PASSES; pass++) {
  for (const account of accounts)
    await b.publicClient.readContract({ ...ledger, functionName: "health", args: [account] });
}
const readContractSeconds = seconds(readContractStart);
// The provider's round-trip floor: a request that runs no EVM code.
const floorStart = performance.now();
for (let i = 0; i < viewCalls; i++) await b.publicClient.request({ method: "eth_blockNumber" });
const floorMs = (seconds(floorStart) * 1000) / viewCalls;
await network.close();

// ---------------------------------------------------------------- 4b. the same health through @ballast/margin

let sink = 0;
const sweep = () => {
  for (const { view, config, prices } of inputs)
    for (const h of accountHealth(view, config, prices)) if (h.liquidatable) sink += 1;
};
const warmUntil = performance.now() + 300;
while (performance.now() < warmUntil) sweep();
let marginOps = 0;
const marginStart = performance.now();
const marginCpu = process.cpuUsage();
do {
  sweep();
  marginOps += inputs.length;
} while (seconds(marginStart) < MARGIN_SECONDS);
const marginSeconds = seconds(marginStart);
const marginCpuUsed = process.cpuUsage(marginCpu);
const marginCpuSeconds = (marginCpuUsed.user + marginCpuUsed.system) / 1e6;
const timedMargin = accounts.map((_, i) => marginOf(i));
checkHealthParity({
  label: "margin after timing",
  accounts,
  view: viewHealth,
  margin: timedMargin.map((h) => h?.health),
});

// ---------------------------------------------------------------- report

const viewCallsPerSec = viewCalls / viewSeconds;
const readContractPerSec = viewCalls / readContractSeconds;
const marginOpsPerSec = marginOps / marginSeconds;
const ratio = marginOpsPerSec / viewCallsPerSec;
const meanMs = latencies.reduce((sum, x) => sum + x, 0) / latencies.length;
const row = (name: string, count: string, time: string, rate: string, latency: string) =>
  `${name.padEnd(34)}${count.padStart(12)}${time.padStart(10)}${rate.padStart(14)}${latency.padStart(14)}`;
const collateralsPerAccount = inputs[0]?.view.ledgers[0]?.collateral.length ?? 0;
const positionsPerAccount = inputs[0]?.view.ledgers[0]?.positions.length ?? 0;
const cashes = inputs.map(({ view }) => view.ledgers[0]?.cash ?? 0n);
const sizes = inputs.flatMap(({ view }) => view.ledgers[0]?.positions.map((p) => p.size) ?? []);
const maintenance = reference
  .map((h) => h?.maintenanceHealth ?? 0n)
  .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
const shareRates =
  inputs[0]?.config.ledgers[0]?.collaterals.filter((x) => x.isShare).map((x) => `${x.srcEid}: ${x.rate}`) ??
  [];
const usd = (quote: bigint | undefined) => fmt(Number(quote ?? 0n) / 1e6, 2);

console.log(
  `devnet health bench: ${fmt(ACCOUNTS)} accounts on the ledger of eid ${b.eid} ` +
    `(${collateralsPerAccount} collaterals from eids ${a.eid} and ${c.eid}, ${positionsPerAccount} positions each; ` +
    `${fmt(liquidatable)} liquidatable)`,
);
console.log(
  `setup: 3 chains deployed in ${deployedAt.toFixed(2)} s, sample built with ${fmt(sampleTransactions)} transactions ` +
    `in ${(setupSeconds - deployedAt).toFixed(2)} s; margin inputs read from the chain in ${readSeconds.toFixed(2)} s`,
);
console.log(
  `sample: cash < 0 for ${cashes.filter((x) => x < 0n).length}, > 0 for ${cashes.filter((x) => x > 0n).length}; ` +
    `${sizes.filter((x) => x > 0n).length} longs, ${sizes.filter((x) => x < 0n).length} shorts; maintenance health ` +
    `${usd(maintenance[0])} to ${usd(maintenance.at(-1))} USDC; share rates by source eid ${shareRates.join(", ")}`,
);
console.log(
  `parity: ${HEALTH_FIELDS.length} fields x ${fmt(ACCOUNTS)} accounts equal on readContract, ` +
    `${VIEW_PASSES} timed eth_call passes and after timing; initialHealth and isLiquidatable equal`,
);
console.log("");
console.log(row("", "calls", "seconds", "per second", "mean latency"));
console.log(
  row(
    "MarginLedger.health via eth_call",
    fmt(viewCalls),
    viewSeconds.toFixed(3),
    fmt(viewCallsPerSec),
    `${fmt(meanMs * 1000, 1)} µs`,
  ),
);
console.log(
  row(
    "  same via viem readContract",
    fmt(viewCalls),
    readContractSeconds.toFixed(3),
    fmt(readContractPerSec),
    `${fmt((readContractSeconds / viewCalls) * 1e6, 1)} µs`,
  ),
);
console.log(
  row(
    "@ballast/margin accountHealth",
    fmt(marginOps),
    marginSeconds.toFixed(3),
    fmt(marginOpsPerSec),
    `${fmt((marginSeconds / marginOps) * 1e6, 2)} µs`,
  ),
);
console.log("");
console.log(
  `eth_call latency: p50 ${fmt(quantile(latencies, 0.5) * 1000, 1)} µs, p99 ${fmt(quantile(latencies, 0.99) * 1000, 1)} µs, ` +
    `max ${fmt((latencies.at(-1) ?? Number.NaN) * 1000, 1)} µs (in-process EDR, no HTTP; ` +
    `an eth_blockNumber round trip: ${fmt(floorMs * 1000, 1)} µs)`,
);
console.log(
  `margin: ${marginCpuSeconds.toFixed(2)} s CPU in ${marginSeconds.toFixed(2)} s, one thread, inputs built once ` +
    `(${fmt(sink)} liquidatable results, warm-up included)`,
);
console.log(`ratio: margin is ${fmt(ratio)}x the view's call rate`);
console.log(
  JSON.stringify({
    accounts: ACCOUNTS,
    viewCallsPerSec: Math.round(viewCallsPerSec),
    marginOpsPerSec: Math.round(marginOpsPerSec),
    ratio: Number(ratio.toFixed(1)),
    parity: true,
    viewPasses: VIEW_PASSES,
    viewMeanLatencyUs: Number((meanMs * 1000).toFixed(1)),
    readContractCallsPerSec: Math.round(readContractPerSec),
    marginOps,
    marginMeanLatencyUs: Number(((marginSeconds / marginOps) * 1e6).toFixed(3)),
  }),
);
