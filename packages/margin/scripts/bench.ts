// Benchmarks of @ballast/margin, against the built package (run `pnpm build` first; turbo's
// `bench` task does). Run: `pnpm --filter @ballast/margin bench` (node --expose-gc scripts/bench.ts).
//
//   1. health of 100,000 accounts with 5 collateral assets and 2 positions each (accountHealth,
//      then valueAccount with free collateral and liquidation amounts);
//   2. projection of 1,000,000 events over 3 chains, applied in 10 calls of 100,000 (a relayer
//      catching up), then the same million applied again (every event a duplicate);
//   3. stress of 10,000 accounts over 100 correlated scenarios (1,000,000 valuations).
//
// Inputs come from a seeded generator, so runs are comparable. Prints ops/s and peak memory
// (RSS from the kernel's high-water mark, heap sampled during the work); the last line is JSON.

import type {
  AccountView,
  Address,
  BallastEvent,
  MarginConfig,
  Prices,
  StressScenario,
} from "../dist/index.js";
import * as m from "../dist/index.js";

const WAD = 10n ** 18n;
const gc = (globalThis as { gc?: () => void }).gc; // present under --expose-gc

// ---------------------------------------------------------------- measurement

let peakHeap = 0;
let peakRss = 0;
function sample(): void {
  const { heapUsed, rss } = process.memoryUsage();
  if (heapUsed > peakHeap) peakHeap = heapUsed;
  if (rss > peakRss) peakRss = rss;
}
/** Runs `fn` once: wall-clock seconds, and CPU seconds of this process (GC threads included). */
function time<T>(fn: () => T): { result: T; seconds: number; cpuSeconds: number } {
  gc?.();
  sample();
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = fn();
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - start) / 1000;
  sample();
  return { result, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}
const cpuNote = (t: { cpuSeconds: number }) => ` [cpu ${t.cpuSeconds.toFixed(2)} s]`;
const rate = (n: number, seconds: number) => Math.round(n / seconds);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const fmt = (n: number) => n.toLocaleString("en-US");

// ---------------------------------------------------------------- seeded generator

let seed = 0x9e3779b9;
function rand(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
}
const int = (n: number) => Math.floor(rand() * n);
const big = (lo: number, hi: number) => BigInt(lo + int(hi - lo));
const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");
const addr = (tag: number, n: number): Address => `0x${hex(tag, 2)}${hex(n, 38)}`;
const bytes32 = (tag: number, n: number): Address => `0x${hex(tag, 2)}${hex(n, 62)}`;
// As behind viem's decoder: hashes and guids are new strings in every event (sliced from the log),
// addresses are checksummed (mixed case) and, like viem's checksum cache, the same string each time.
const decoded = (value: Address): Address => `0x${value.slice(2).toUpperCase().toLowerCase()}`;
const checksums = new Map<Address, Address>();
const checksummed = (value: Address): Address => {
  let mixed = checksums.get(value);
  if (mixed === undefined) {
    mixed = `0x${value.slice(2, 22).toUpperCase()}${value.slice(22).toLowerCase()}`;
    checksums.set(value, mixed);
  }
  return mixed;
};

// ---------------------------------------------------------------- 1. health of 100,000 accounts

const LEDGER = 2;
const collaterals = [
  {
    srcEid: 1,
    asset: addr(0xc1, 1),
    priceId: "ETH/USD",
    tokenDecimals: 18,
    isShare: false,
    cf: 80n,
    lf: 85n,
  },
  { srcEid: 3, asset: addr(0xc3, 2), priceId: "BTC/USD", tokenDecimals: 8, isShare: false, cf: 75n, lf: 82n },
  {
    srcEid: 2,
    asset: addr(0xc2, 3),
    priceId: "USDC/USD",
    tokenDecimals: 6,
    isShare: false,
    cf: 95n,
    lf: 97n,
  },
  { srcEid: 1, asset: addr(0xc1, 4), priceId: "ETH/USD", tokenDecimals: 18, isShare: true, cf: 70n, lf: 78n },
  { srcEid: 3, asset: addr(0xc3, 5), priceId: "SOL/USD", tokenDecimals: 9, isShare: false, cf: 60n, lf: 70n },
];
const markets = [
  { market: addr(0xdd, 1), priceId: "ETH/USD" },
  { market: addr(0xdd, 2), priceId: "BTC/USD" },
];
const config: MarginConfig = {
  ledgers: [
    {
      ledgerEid: LEDGER,
      quoteDecimals: 6,
      collaterals: collaterals.map((c) => ({
        srcEid: c.srcEid,
        asset: c.asset,
        priceId: c.priceId,
        tokenDecimals: c.tokenDecimals,
        isShare: c.isShare,
        ...(c.isShare ? { rateId: "stETH/ETH" } : {}),
        collateralFactor: c.cf * 10n ** 16n,
        liquidationFactor: c.lf * 10n ** 16n,
        liquidationBonus: 5n * 10n ** 16n,
      })),
      markets: markets.map((x) => ({
        market: x.market,
        priceId: x.priceId,
        initialMarginRate: 10n ** 17n,
        maintenanceMarginRate: 5n * 10n ** 16n,
      })),
    },
  ],
};
const prices: Prices = {
  "ETH/USD": { answer: 3_000n * 10n ** 8n, decimals: 8 },
  "BTC/USD": { answer: 60_000n * 10n ** 8n, decimals: 8 },
  "USDC/USD": { answer: 10n ** 8n, decimals: 8 },
  "SOL/USD": { answer: 150n * 10n ** 8n, decimals: 8 },
};
const unit = [10n ** 16n, 10n ** 5n, 10n ** 6n, 10n ** 16n, 10n ** 8n];

function randomAccount(i: number): AccountView {
  return {
    address: addr(0xaa, i),
    ledgers: [
      {
        ledgerEid: LEDGER,
        cash: big(-20_000, 20_000) * 10n ** 6n,
        collateral: collaterals.map((c, k) => ({
          srcEid: c.srcEid,
          asset: c.asset,
          valued: big(1, 1_000) * (unit[k] ?? 1n),
          parked: int(10) === 0 ? big(1, 100) * (unit[k] ?? 1n) : 0n,
          ...(c.isShare ? { rate: WAD + big(0, 10 ** 6) * 10n ** 11n } : {}),
        })),
        positions: markets.map((x, k) => {
          const size = (int(2) === 0 ? 1n : -1n) * big(1, 1_000) * 10n ** (k === 0 ? 16n : 14n);
          const entry = k === 0 ? big(2_500, 3_500) : big(50_000, 70_000);
          return { market: x.market, size, openNotional: (size * entry) / 10n ** 12n };
        }),
        lpShares: [],
      },
    ],
    inFlightLocks: [],
    inFlightReleases: [],
    claimable: [],
  };
}

const ACCOUNTS = 100_000;
const accounts = Array.from({ length: ACCOUNTS }, (_, i) => randomAccount(i));
const health = time(() => {
  let liquidatable = 0;
  for (const [i, view] of accounts.entries()) {
    for (const h of m.accountHealth(view, config, prices)) if (h.liquidatable) liquidatable += 1;
    if (i % 5_000 === 0) sample();
  }
  return liquidatable;
});
console.log(
  `health:     ${fmt(ACCOUNTS)} accounts (5 collaterals, 2 positions) in ${health.seconds.toFixed(2)} s: ` +
    `${fmt(rate(ACCOUNTS, health.seconds))} accounts/s (${fmt(health.result)} liquidatable)${cpuNote(health)}`,
);
const valuation = time(() => {
  let free = 0n;
  for (const [i, view] of accounts.entries()) {
    for (const l of m.valueAccount(view, config, prices).ledgers)
      for (const c of l.collateral) free += c.free;
    if (i % 5_000 === 0) sample();
  }
  return free;
});
console.log(
  `valuation:  ${fmt(ACCOUNTS)} accounts with free collateral and liquidation amounts in ` +
    `${valuation.seconds.toFixed(2)} s: ${fmt(rate(ACCOUNTS, valuation.seconds))} accounts/s${cpuNote(valuation)}`,
);

// ---------------------------------------------------------------- 2. projection of 1,000,000 events

const EVENTS = 1_000_000;
const CHUNK = 100_000;
const USERS = 20_000;
const users = Array.from({ length: USERS }, (_, i) => addr(0xab, i));
const chains = [1, 2, 3].map((eid) => ({
  eid,
  assets: [addr(0xc0 + eid, 1), addr(0xc0 + eid, 2)],
  market: addr(0xdd, eid),
  block: 1n,
  log: 0,
  hash: bytes32(eid, 1),
  time: 1_700_000_000n,
}));
interface Message {
  guid: Address;
  kind: "lock" | "release";
  from: number;
  to: number;
  asset: Address;
  account: Address;
  amount: bigint;
}
/** Messages sent and not yet delivered, oldest first. */
const pending: Message[] = [];
let guids = 0;
const pick = <T>(items: readonly T[]): T => {
  const item = items[int(items.length)];
  if (item === undefined) throw new Error("empty");
  return item;
};

/** The next log on chain `index`: 20 logs a block, a block every 2 seconds. */
function base(index: number) {
  const c = chains[index];
  if (c === undefined) throw new Error("no chain");
  if (c.log >= 20) {
    c.block += 1n;
    c.log = 0;
    c.hash = bytes32(c.eid, Number(c.block));
    c.time += 2n;
  }
  const key = { chainId: 1000 + c.eid, blockHash: decoded(c.hash), logIndex: c.log };
  c.log += 1;
  return { key, eid: c.eid, blockNumber: c.block, blockTimestamp: c.time };
}

/**
 * A plausible mix: 25% LOCKs sent, 30% messages delivered (any of the 64 oldest: LayerZero does
 * not order across paths), 7% RELEASEs requested, then cash deposits and withdrawals, position
 * changes, PnL settlements and penalties on the ledgers.
 */
function nextEvent(): BallastEvent {
  const r = rand();
  const account = pick(users);
  if (r < 0.25 || (r < 0.55 && pending.length === 0)) {
    const from = int(3);
    const to = (from + 1 + int(2)) % 3;
    const asset = pick(chains[from]?.assets ?? []);
    const amount = big(1, 1_000) * 10n ** 15n;
    guids += 1;
    const guid = bytes32(0xf0, guids);
    pending.push({ guid, kind: "lock", from, to, asset, account, amount });
    return {
      ...base(from),
      type: "Locked",
      guid: decoded(guid),
      dstEid: to + 1,
      asset: checksummed(asset),
      sender: checksummed(account),
      beneficiary: checksummed(account),
      amount,
      rate: 0n,
    };
  }
  if (r < 0.55) {
    const [m] = pending.splice(int(Math.min(pending.length, 64)), 1);
    if (m === undefined) throw new Error("no message");
    const common = { ...base(m.to), guid: decoded(m.guid), srcEid: m.from + 1, asset: checksummed(m.asset) };
    return m.kind === "lock"
      ? {
          ...common,
          type: "Credited",
          account: checksummed(m.account),
          amount: m.amount,
          valued: m.amount,
          parked: 0n,
        }
      : { ...common, type: "Released", recipient: checksummed(m.account), amount: m.amount };
  }
  const ledger = int(3);
  const market = checksummed(chains[ledger]?.market ?? addr(0, 0));
  const who = checksummed(account);
  if (r < 0.62) {
    const src = (ledger + 1 + int(2)) % 3;
    const asset = pick(chains[src]?.assets ?? []);
    const amount = big(1, 100) * 10n ** 15n;
    guids += 1;
    const guid = bytes32(0xf0, guids);
    pending.push({ guid, kind: "release", from: ledger, to: src, asset, account, amount });
    return {
      ...base(ledger),
      type: "ReleaseRequested",
      guid: decoded(guid),
      srcEid: src + 1,
      asset: checksummed(asset),
      account: who,
      recipient: who,
      amount,
    };
  }
  if (r < 0.75)
    return {
      ...base(ledger),
      type: "CashDeposited",
      account: who,
      from: who,
      amount: big(1, 10_000) * 10n ** 6n,
    };
  if (r < 0.88) {
    const size = big(-1_000, 1_000) * 10n ** 16n;
    const openNotional = (size * 3_000n) / 10n ** 12n;
    return {
      ...base(ledger),
      type: "PositionChanged",
      market,
      account: who,
      sizeDelta: size,
      size,
      openNotional,
      price: 3_000n * 10n ** 8n,
      realizedPnl: 0n,
    };
  }
  if (r < 0.96)
    return {
      ...base(ledger),
      type: "PnlSettled",
      market,
      account: who,
      amount: big(-5_000, 5_000) * 10n ** 6n,
    };
  if (r < 0.98)
    return { ...base(ledger), type: "CashWithdrawn", account: who, to: who, amount: big(1, 100) * 10n ** 6n };
  return {
    ...base(ledger),
    type: "PenaltyCharged",
    market,
    account: who,
    penalty: 10n ** 6n,
    keeper: checksummed(pick(users)),
    keeperReward: 10n ** 5n,
  };
}

gc?.();
const heapBeforeProjection = process.memoryUsage().heapUsed;
const chunks: BallastEvent[][] = [];
for (let i = 0; i < EVENTS; i += CHUNK) chunks.push(Array.from({ length: CHUNK }, nextEvent));
sample();
const projection = time(() => {
  let state = m.createProjection();
  for (const chunk of chunks) {
    state = m.applyEvents(state, chunk);
    sample();
  }
  return state;
});
console.log(
  `projection: ${fmt(EVENTS)} events (3 chains, ${fmt(USERS)} accounts) in ${EVENTS / CHUNK} calls in ` +
    `${projection.seconds.toFixed(2)} s: ${fmt(rate(EVENTS, projection.seconds))} events/s${cpuNote(projection)}`,
);
const replay = time(() => {
  let state = projection.result;
  for (const chunk of chunks) state = m.applyEvents(state, chunk);
  return state;
});
console.log(
  `replay:     the same ${fmt(EVENTS)} events again (all duplicates) in ${replay.seconds.toFixed(2)} s: ` +
    `${fmt(rate(EVENTS, replay.seconds))} events/s${cpuNote(replay)}`,
);
const inFlight = m
  .listLanes(projection.result)
  .reduce((n, l) => n + m.getLane(projection.result, l.vaultEid, l.ledgerEid, l.asset).inFlight.length, 0);
const oneBlock = time(() => m.applyEvents(projection.result, Array.from({ length: 20 }, nextEvent)));
console.log(
  `            ${fmt(m.listAccounts(projection.result).length)} accounts, ${fmt(inFlight)} messages in flight; ` +
    `one more block of 20 events on that state: ${(oneBlock.seconds * 1000).toFixed(1)} ms`,
);
chunks.length = 0;
gc?.();
sample();
// The projection's own size: the heap with it (and the replays sharing it) minus the heap before.
const retainedHeap = process.memoryUsage().heapUsed - heapBeforeProjection;

// ---------------------------------------------------------------- 3. stress of 10,000 accounts x 100 scenarios

const STRESSED = 10_000;
const SCENARIOS = 100;
const ids = ["ETH/USD", "BTC/USD", "USDC/USD", "SOL/USD", "stETH/ETH"];
const scenarios: StressScenario[] = Array.from({ length: SCENARIOS }, (_, i) => {
  // A common market move plus an idiosyncratic one per factor: correlated scenarios.
  const market = big(-40, 20);
  return {
    name: `scenario ${i}`,
    shocks: Object.fromEntries(ids.map((id) => [id, (market + big(-10, 10)) * 10n ** 16n])),
  };
});
const stress = time(() => {
  let underwater = 0;
  for (let i = 0; i < STRESSED; i++) {
    const view = accounts[i];
    if (view === undefined) continue;
    const result = m.stressAccount(view, config, prices, scenarios);
    if (result.worst !== undefined && result.worst.shortfall > 0n) underwater += 1;
    if (i % 500 === 0) sample();
  }
  return underwater;
});
const valuations = STRESSED * SCENARIOS;
console.log(
  `stress:     ${fmt(STRESSED)} accounts x ${SCENARIOS} scenarios in ${stress.seconds.toFixed(2)} s: ` +
    `${fmt(rate(valuations, stress.seconds))} valuations/s (${fmt(stress.result)} accounts short in some scenario)` +
    cpuNote(stress),
);

sample();
const maxRss = process.resourceUsage().maxRSS * 1024;
if (maxRss > peakRss) peakRss = maxRss;
console.log(
  `memory:     peak RSS ${mb(peakRss)}, peak heap used ${mb(peakHeap)} (sampled), ` +
    `the projection of 1M events holds ${mb(retainedHeap)} of heap`,
);
console.log(
  JSON.stringify({
    healthAccounts: ACCOUNTS,
    healthSeconds: Number(health.seconds.toFixed(3)),
    healthAccountsPerSecond: rate(ACCOUNTS, health.seconds),
    healthAccountsPerCpuSecond: rate(ACCOUNTS, health.cpuSeconds),
    valueAccountsPerSecond: rate(ACCOUNTS, valuation.seconds),
    projectionEvents: EVENTS,
    projectionSeconds: Number(projection.seconds.toFixed(3)),
    projectionEventsPerSecond: rate(EVENTS, projection.seconds),
    projectionEventsPerCpuSecond: rate(EVENTS, projection.cpuSeconds),
    duplicateEventsPerSecond: rate(EVENTS, replay.seconds),
    stressAccounts: STRESSED,
    stressScenarios: SCENARIOS,
    stressSeconds: Number(stress.seconds.toFixed(3)),
    stressValuationsPerSecond: rate(valuations, stress.seconds),
    stressValuationsPerCpuSecond: rate(valuations, stress.cpuSeconds),
    peakRssBytes: peakRss,
    peakHeapUsedBytes: peakHeap,
    retainedProjectionHeapBytes: retainedHeap,
  }),
);
