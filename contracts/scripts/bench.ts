// Gas benchmark of the Ballast contracts: `pnpm --filter @ballast/contracts bench`.
//
// 1. Runs the unit, flow and invariant tests (everything under test/solidity except bench/) with
//    Hardhat's --gas-stats-json and prints min/avg/max gas per external function of CollateralVault,
//    MarginLedger, RiskEngine and PerpMarket, plus the external functions no test called.
// 2. Prints the deployed size of each contract against the EIP-170 limit.
// 3. Runs test/solidity/bench/Gas.t.sol, which measures Ballast against LayerZero's reference
//    OFTAdapter/OFT on the same endpoints and token, and prints the comparison, the worst-path
//    lzReceive of each message type and the enforced executor gas it implies (+30%).
// The LAST line is JSON: {"lockGas":..,"oftSendGas":..,"lockReceiveGas":..,"oftReceiveGas":..}.
// FUZZ_RUNS (default 32 here) bounds the fuzz and invariant runs of step 1.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const hardhatPackage: { bin: Record<string, string> } = require("hardhat/package.json");
const hardhatCli = join(dirname(require.resolve("hardhat/package.json")), hardhatPackage.bin.hardhat ?? "");

const CONTRACTS = ["CollateralVault", "MarginLedger", "RiskEngine", "PerpMarket"] as const;
const EIP170_LIMIT = 24_576;
const ENFORCED_MARGIN = 1.3;
const outDir = join(root, "cache", "gas-bench");
const resultsDir = join(outDir, "results");
const statsFile = join(outDir, "gas-stats.json");
const benchTest = "test/solidity/bench/Gas.t.sol";

interface FunctionStats {
  min: number;
  max: number;
  avg: number;
  median: number;
  count: number;
}

interface GasStats {
  contracts: Record<
    string,
    { contractName: string; deployment?: { runtimeSize?: number }; functions: Record<string, FunctionStats> }
  >;
}

interface Measurement {
  name: string;
  side: "source" | "receive";
  system: string;
  exec: number;
  gasleftDelta: number;
  refund: number;
  calldataBytes?: number;
  calldataZeroBytes?: number;
  calldataGas?: number;
  floorGas?: number;
  standardGas?: number;
  txGas?: number;
}

interface AbiItem {
  type: string;
  name?: string;
  stateMutability?: string;
  inputs?: { type: string }[];
}

let failed = false;

function run(args: string[], env: Record<string, string>): { ok: boolean; output: string } {
  const result = spawnSync(process.execPath, [hardhatCli, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

function summary(output: string): string {
  const passing = /(\d+) passing/.exec(output)?.[1] ?? "0";
  const failing = /(\d+) failing/.exec(output)?.[1] ?? "0";
  return `${passing} passing, ${failing} failing`;
}

function testFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (entry !== "bench") files.push(...testFiles(path));
    } else if (entry.endsWith(".t.sol")) {
      files.push(relative(root, path));
    }
  }
  return files.sort();
}

const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");

function table(headers: string[], rows: (string | number)[][], rightAlignFrom = 1): string {
  const cells = [headers, ...rows.map((row) => row.map((c) => (typeof c === "number" ? fmt(c) : c)))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length)));
  const line = (row: string[]): string =>
    `| ${row.map((c, i) => (i >= rightAlignFrom ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(" | ")} |`;
  const separator = `|${widths.map((w, i) => (i >= rightAlignFrom ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  return [line(cells[0] ?? []), separator, ...cells.slice(1).map(line)].join("\n");
}

function artifact(name: string): { abi: AbiItem[]; deployedBytecode: string } {
  return JSON.parse(
    readFileSync(join(root, "artifacts", "contracts", `${name}.sol`, `${name}.json`), "utf8"),
  );
}

/** Gas-stats keys are plain names unless the function is overloaded. */
function externalFunctions(abi: AbiItem[]): string[] {
  const fns = abi.filter((item) => item.type === "function" && item.name !== undefined);
  const counts = new Map<string, number>();
  for (const fn of fns) counts.set(fn.name ?? "", (counts.get(fn.name ?? "") ?? 0) + 1);
  return fns.map((fn) =>
    (counts.get(fn.name ?? "") ?? 0) > 1
      ? `${fn.name}(${(fn.inputs ?? []).map((i) => i.type).join(",")})`
      : (fn.name ?? ""),
  );
}

// ------------------------------------------------------------------ run the tests

mkdirSync(outDir, { recursive: true });
rmSync(statsFile, { force: true });
const files = testFiles(join(root, "test", "solidity"));
const fuzzRuns = process.env.FUZZ_RUNS ?? "32";
const unit = run(["test", "solidity", "--gas-stats-json", statsFile, ...files], { FUZZ_RUNS: fuzzRuns });

// Gas statistics turn on call isolation, which changes what vm.lastCallGas reports: the bench
// runs on its own, without them.
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
const bench = run(["test", "solidity", benchTest], { GAS_BENCH_OUT: relative(root, resultsDir) });

const results = new Map<string, Measurement>();
for (const file of readdirSync(resultsDir)) {
  const m: Measurement = JSON.parse(readFileSync(join(resultsDir, file), "utf8"));
  results.set(m.name, m);
}
function get(name: string): Measurement {
  const m = results.get(name);
  if (m === undefined) {
    failed = true;
    console.error(`error: no measurement ${name}`);
    return { name, side: "source", system: "", exec: Number.NaN, gasleftDelta: Number.NaN, refund: 0 };
  }
  return m;
}

/** lzReceive cases of the bench per contract, shown with the per-function statistics. */
const LZ_RECEIVE_CASES: Record<string, [string, string[]][]> = {
  CollateralVault: [["lzReceive [RELEASE]", ["releaseReceive_paid", "releaseReceive_parked"]]],
  MarginLedger: [
    [
      "lzReceive [LOCK]",
      [
        "lockReceive_repeat",
        "lockReceive_newAccount",
        "lockReceive_firstOfLane",
        "lockReceive_shareFirstOfLane",
      ],
    ],
    ["lzReceive [RATE]", ["rateReceive_listed", "rateReceive_unlisted"]],
  ],
};
/** State-changing functions only another contract calls; Hardhat's statistics hold no such nested call. */
const CALLED_BY_CONTRACTS: Record<string, string[]> = {
  CollateralVault: ["lzReceive", "releaseLocal"],
  MarginLedger: [
    "lzReceive",
    "creditLocal",
    "syncRateLocal",
    "settlePnl",
    "chargePenalty",
    "marketDeposit",
    "marketWithdraw",
  ],
};

// ------------------------------------------------------------------ 1. per-function gas

console.log(`\n== Gas per external function (${files.length} test files, FUZZ_RUNS=${fuzzRuns}) ==`);
console.log(`tests: ${summary(unit.output)}`);
if (!unit.ok) console.warn("warning: some tests failed; the statistics below cover the calls that ran");

if (existsSync(statsFile)) {
  const stats: GasStats = JSON.parse(readFileSync(statsFile, "utf8"));
  const rows: (string | number)[][] = [];
  const uncalled: string[] = [];
  const calledByContracts: string[] = [];
  for (const name of CONTRACTS) {
    const entry = Object.values(stats.contracts).find((c) => c.contractName === name);
    const functions = entry?.functions ?? {};
    for (const [fn, s] of Object.entries(functions).sort(([a], [b]) => a.localeCompare(b))) {
      rows.push([name, fn, s.min, s.avg, s.median, s.max, s.count]);
    }
    for (const [label, cases] of LZ_RECEIVE_CASES[name] ?? []) {
      const gas = cases.map((c) => get(c).exec);
      const avg = gas.reduce((a, b) => a + b, 0) / gas.length;
      const sorted = [...gas].sort((a, b) => a - b);
      const median = ((sorted[(sorted.length - 1) >> 1] ?? 0) + (sorted[sorted.length >> 1] ?? 0)) / 2;
      rows.push([name, `${label} *`, Math.min(...gas), avg, median, Math.max(...gas), gas.length]);
    }
    const nested = CALLED_BY_CONTRACTS[name] ?? [];
    const missing = externalFunctions(artifact(name).abi).filter(
      (fn) => functions[fn] === undefined && !nested.includes(fn),
    );
    if (missing.length > 0) uncalled.push(`  ${name}: ${missing.sort().join(", ")}`);
    if (nested.length > 0) calledByContracts.push(`  ${name}: ${nested.join(", ")}`);
  }
  console.log(table(["contract", "function", "min", "avg", "median", "max", "calls"], rows, 2));
  console.log(
    "Hardhat gas statistics: a call made by the test itself is measured as a transaction (21,000 +\n" +
      "calldata + execution, net of refunds); a view one contract calls on another (valuedCap,\n" +
      "accountMargin, ...) is that call frame's gas.",
  );
  console.log(
    "* from the bench (test/solidity/bench): endpoint.lzReceive execution over its cases, not Hardhat's statistics.",
  );
  console.log(
    uncalled.length > 0
      ? `External functions no test called:\n${uncalled.join("\n")}`
      : "Every external function was called.",
  );
  console.log(
    "Called only by other contracts (the endpoint, the vault, the ledger, the market), which Hardhat's\n" +
      `statistics do not record as calls of their own:\n${calledByContracts.join("\n")}`,
  );
} else {
  failed = true;
  console.error(`error: ${relative(root, statsFile)} was not written`);
  console.error(unit.output.slice(-4000));
}

// ------------------------------------------------------------------ 2. sizes

console.log("\n== Deployed size (EIP-170 limit 24,576 bytes) ==");
console.log(
  table(
    ["contract", "bytes", "headroom"],
    CONTRACTS.map((name) => {
      const size = (artifact(name).deployedBytecode.length - 2) / 2;
      if (size > EIP170_LIMIT) failed = true;
      return [name, size, EIP170_LIMIT - size];
    }),
  ),
);

// ------------------------------------------------------------------ 3. side by side

console.log("\n== Ballast vs LayerZero reference OFT (same EndpointV2 + SimpleMessageLib, same USDC) ==");
console.log(`bench tests: ${summary(bench.output)}`);
if (!bench.ok) {
  failed = true;
  console.error(bench.output.slice(-4000));
}

const diff = (a: number, b: number): string =>
  `${a - b >= 0 ? "+" : ""}${fmt(a - b)} (${(((a - b) / b) * 100).toFixed(1)}%)`;

console.log("\nSource transaction: CollateralVault.lock vs OFTAdapter.send (1,000 USDC, fee paid)");
const sourceRows: (string | number)[][] = [];
for (const [label, lockName, sendName] of [
  ["first of asset/adapter", "lock_first", "oftSend_first"],
  ["steady state", "lock_steady", "oftSend_steady"],
] as const) {
  const lock = get(lockName);
  const send = get(sendName);
  sourceRows.push(
    [`${label}: execution`, lock.exec, send.exec, diff(lock.exec, send.exec)],
    [
      `${label}: full tx`,
      lock.txGas ?? Number.NaN,
      send.txGas ?? Number.NaN,
      diff(lock.txGas ?? 0, send.txGas ?? 0),
    ],
  );
}
console.log(table(["case", "Ballast lock", "OFTAdapter.send", "lock - send"], sourceRows));
const lockSteady = get("lock_steady");
const sendSteady = get("oftSend_steady");
console.log(
  `calldata: lock ${lockSteady.calldataBytes} bytes (${lockSteady.calldataZeroBytes} zero) = ${fmt(lockSteady.calldataGas ?? 0)} gas; ` +
    `send ${sendSteady.calldataBytes} bytes (${sendSteady.calldataZeroBytes} zero) = ${fmt(sendSteady.calldataGas ?? 0)} gas.\n` +
    `EIP-7623 floor: lock ${fmt(lockSteady.floorGas ?? 0)}, send ${fmt(sendSteady.floorGas ?? 0)} (below the standard cost, so it does not apply).\n` +
    "execution = the callee's gas (vm.lastCallGas), gross of refunds; full tx = 21,000 + calldata (16/4 per byte)\n" +
    "+ execution - refund (capped at 1/5), or the EIP-7623 floor if higher. The gasleft() delta in the test\n" +
    `frame (execution + the test's CALL overhead) is also recorded: lock ${fmt(lockSteady.gasleftDelta)}, send ${fmt(sendSteady.gasleftDelta)}.`,
);

console.log("\nDestination: endpoint.lzReceive execution (what the executor's gas limit must cover)");
const receiveRows: (string | number)[][] = [];
for (const [label, suffix, oftSuffix] of [
  ["first message of the lane/token, new account", "firstOfLane", "firstOfToken"],
  ["first credit of a new account (lane live)", "newAccount", "newAccount"],
  ["repeat credit", "repeat", "repeat"],
] as const) {
  const lock = get(`lockReceive_${suffix}`);
  const oft = get(`oftReceive_${oftSuffix}`);
  const adapter = get(`oftAdapterReceive_${suffix === "firstOfLane" ? "first" : suffix}`);
  receiveRows.push([label, lock.exec, oft.exec, diff(lock.exec, oft.exec), adapter.exec]);
}
console.log(table(["case", "Ballast LOCK", "OFT (mint)", "LOCK - OFT", "OFTAdapter (unlock)"], receiveRows));

// ------------------------------------------------------------------ worst paths

const CASE_DESCRIPTIONS: Record<string, string> = {
  lockReceive_shareFirstOfLane:
    "a listed ERC-4626 share, first LOCK of the lane, new account (rate applied, new collateral slot)",
  lockReceive_firstOfLane:
    "USDC, first LOCK of the lane, new account (lane totals and a new collateral slot)",
  lockReceive_newAccount: "USDC, new account on a live lane (new balance and collateral slot)",
  lockReceive_repeat: "USDC, the account already holds it",
  releaseReceive_paid: "paid to a recipient holding none of the token (its balance slot is new)",
  releaseReceive_parked: "the transfer fails (blacklisted recipient): parked as the asset's first claimable",
  rateReceive_unlisted:
    "a share the ledger's risk engine does not list (its rate state is written from zero)",
  rateReceive_listed: "a listed share (rate state updated)",
};
const base = readFileSync(join(root, "test", "solidity", "utils", "BallastTestBase.sol"), "utf8");
const current = (name: string): number =>
  Number((new RegExp(`${name}\\s*=\\s*([\\d_]+)`).exec(base)?.[1] ?? "NaN").replaceAll("_", ""));
const worstRows: (string | number)[][] = [];
for (const [type, constant, cases] of [
  [
    "LOCK",
    "LOCK_GAS",
    [
      "lockReceive_shareFirstOfLane",
      "lockReceive_firstOfLane",
      "lockReceive_newAccount",
      "lockReceive_repeat",
    ],
  ],
  ["RELEASE", "RELEASE_GAS", ["releaseReceive_parked", "releaseReceive_paid"]],
  ["RATE", "RATE_GAS", ["rateReceive_unlisted", "rateReceive_listed"]],
] as const) {
  const measured = cases.map(get);
  const worst = measured.reduce((a, b) => (b.exec > a.exec ? b : a));
  const enforced = Math.ceil((worst.exec * ENFORCED_MARGIN) / 1_000) * 1_000;
  worstRows.push([type, worst.name, worst.exec, enforced, current(constant)]);
}
console.log("\nWorst-path lzReceive per message type (endpoint.lzReceive execution, cold slots)");
console.log(
  table(["message", "worst case", "gas", "enforced (+30%, ceil 1k)", "test base now"], worstRows, 2),
);
for (const [, name] of worstRows) console.log(`${name}: ${CASE_DESCRIPTIONS[String(name)] ?? ""}`);

// ------------------------------------------------------------------ result

const lockReceive = get("lockReceive_newAccount");
const oftReceive = get("oftReceive_newAccount");
console.log(
  "\nJSON: lockGas/oftSendGas = full source transaction, steady state; lockReceiveGas/oftReceiveGas =\n" +
    "endpoint.lzReceive execution, first credit of a new account on a live lane (cold slots).",
);
if (failed) process.exitCode = 1;
console.log(
  JSON.stringify({
    lockGas: lockSteady.txGas,
    oftSendGas: sendSteady.txGas,
    lockReceiveGas: lockReceive.exec,
    oftReceiveGas: oftReceive.exec,
  }),
);
