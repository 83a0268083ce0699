// The relayer benchmark of issue 6: `pnpm --filter @ballast/relayer bench` (builds dist/, then runs
// this file with Node's type stripping; the relayer itself runs from dist/, where tsc emitted Nest's
// decorator metadata). On a 3-chain devnet in this process:
//
//   1. latency at interval mining T (BENCH_BLOCK_TIME_MS, default 1000; chains' blocks staggered by
//      T/3): lock block -> `Credited` block, with the relayer delivering, against an in-process perfect
//      delivery loop (sdk verifyPacket + executePacket as soon as the lock's receipt is pushed);
//   2. sustained delivery: >= 2,000 LOCKs sent at once (LockBatcher), automine, relayer delivering;
//   3. indexing throughput: a fresh relayer (no keys) backfills >= 100,000 stored events;
//   4. account reconciliation of >= 10,000 accounts: Multicall3 batches against per-account calls.
//
// Human-readable lines, then one line of JSON (milliseconds, counts, ratios).

import { loadavg } from "node:os";
import { BlockClock } from "./BlockClock.ts";
import { readBenchSettings } from "./benchSettings.ts";
import { creditLocalAccounts } from "./creditLocalAccounts.ts";
import { measureAccountReconciliation } from "./measureAccountReconciliation.ts";
import { addFillerEvents, measureBackfill } from "./measureBackfill.ts";
import { type LatencySample, measureLatency } from "./measureLatency.ts";
import { measureThroughput } from "./measureThroughput.ts";
import { perfectDelivery } from "./perfectDelivery.ts";
import { startBenchDevnet } from "./startBenchDevnet.ts";
import { startBenchRelayer } from "./startBenchRelayer.ts";
import { quantile, round, sleep } from "./stats.ts";

/** The development account the perfect loop executes with (the relayer uses #10). */
const PERFECT_EXECUTOR_ACCOUNT = 11;

const settings = readBenchSettings();
const T = settings.blockTimeMs;
const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);

const setupStart = performance.now();
const net = await startBenchDevnet();
const clocks = net.chains.map(({ wsClient }) => new BlockClock(wsClient));
try {
  const deployedMs = performance.now() - setupStart;
  progress(
    `devnet up in ${seconds(deployedMs)}; crediting ${fmt(settings.accounts - settings.throughputMessages)} accounts locally`,
  );
  const localAccounts = await creditLocalAccounts(net, settings.throughputMessages, settings.accounts);
  const setupMs = performance.now() - setupStart;

  // ------------------------------------------------------------------ 1. latency
  await net.setMining({ kind: "interval", blockTimeMs: T });
  await sleep(2 * T);
  const latencyTimeoutMs = settings.latencyLocks * settings.latencySpacingMs + 60 * T + 60_000;
  const executor = net.devnet.chains[0]?.local.accounts[PERFECT_EXECUTOR_ACCOUNT];
  if (executor === undefined) throw new Error(`no development account #${PERFECT_EXECUTOR_ACCOUNT}`);
  progress(`latency: perfect loop, ${settings.latencyLocks} locks`);
  const perfect = await measureLatency({
    net,
    clocks,
    locks: settings.latencyLocks,
    spacingMs: settings.latencySpacingMs,
    onLocked: ({ src, dst, receipt }) =>
      perfectDelivery({ src, dst, receipt, verifier: net.devnet.roles.verifier, executor }),
    timeoutMs: latencyTimeoutMs,
  });

  const relayerStart = performance.now();
  const relayer = await startBenchRelayer({
    net,
    name: "main",
    intervalMs: settings.relayerIntervalMs,
    pollingMs: settings.relayerPollingMs,
    deliver: true,
  });
  await relayer.settle(120_000);
  const relayerCatchUpMs = performance.now() - relayerStart;
  progress(`latency: relayer (caught up in ${seconds(relayerCatchUpMs)}), ${settings.latencyLocks} locks`);
  const relayed = await measureLatency({
    net,
    clocks,
    locks: settings.latencyLocks,
    spacingMs: settings.latencySpacingMs,
    timeoutMs: latencyTimeoutMs,
  });

  const p50 = (samples: readonly LatencySample[]) =>
    quantile(
      samples.map(({ latencyMs }) => latencyMs),
      0.5,
    );
  progress(`latency p50: perfect ${fmt(p50(perfect))} ms, relayer ${fmt(p50(relayed))} ms`);

  // ------------------------------------------------------------------ 2. throughput
  await relayer.settle(60_000);
  await net.setMining({ kind: "auto" });
  progress(`throughput: ${fmt(settings.throughputMessages)} messages`);
  const throughput = await measureThroughput({
    net,
    clocks,
    messages: settings.throughputMessages,
    timeoutMs: 900_000,
  });
  progress(
    `throughput: ${fmt(throughput.messagesPerSecond, 1)} messages/s over ${seconds(throughput.elapsedMs)}`,
  );
  await relayer.settle(120_000);
  const eventsBefore = await relayer.storedEvents();
  await relayer.close();

  // ------------------------------------------------------------------ 3. backfill
  // 1% over the target: the count above is exact, this only covers rounding.
  const missing = Math.ceil(settings.backfillEvents * 1.01) - eventsBefore;
  progress(`backfill: ${fmt(eventsBefore)} events so far, adding about ${fmt(Math.max(0, missing))}`);
  const fillerStart = performance.now();
  const fillerLocks = await addFillerEvents(net, missing);
  const fillerMs = performance.now() - fillerStart;
  progress(`backfill: ${fmt(fillerLocks)} filler locks in ${seconds(fillerMs)}; indexing from scratch`);
  const backfill = await measureBackfill(net, {
    intervalMs: settings.relayerIntervalMs,
    pollingMs: settings.relayerPollingMs,
    maxBlockRange: settings.backfillBlockRange,
    timeoutMs: 900_000,
  });
  progress(`backfill: ${fmt(backfill.events)} events in ${seconds(backfill.elapsedMs)}`);
  if (backfill.events < settings.backfillEvents) {
    throw new Error(`the backfill stored ${backfill.events} events, fewer than ${settings.backfillEvents}`);
  }

  // ------------------------------------------------------------------ 4. account reconciliation
  progress("reconciliation: multicall and per-account passes");
  const reconciliation = await measureAccountReconciliation(backfill.relayer.app, settings.accounts);
  await backfill.relayer.close();

  // ------------------------------------------------------------------ report
  const stats = (samples: readonly LatencySample[]) => {
    const ms = samples.map(({ latencyMs }) => latencyMs);
    return { p50: quantile(ms, 0.5), p99: quantile(ms, 0.99), max: Math.max(...ms) };
  };
  const p = stats(perfect);
  const r = stats(relayed);
  const perPathway = (samples: readonly LatencySample[]) => {
    const names = [...new Set(samples.map(({ pathway }) => pathway))].sort();
    return names
      .map((name) => {
        const ms = samples.filter((s) => s.pathway === name).map((s) => s.latencyMs);
        return `${name} ${fmt(quantile(ms, 0.5))}`;
      })
      .join(", ");
  };
  const ratioP50 = r.p50 / p.p50;
  const ratioP99 = r.p99 / p.p99;
  console.log(
    `relayer bench: 3 chains, interval mining T = ${fmt(T)} ms (chain i's blocks ${fmt(T / 3)} ms x i after chain a's), ` +
      `relayer index/deliver every ${fmt(settings.relayerIntervalMs)} ms, viem polling ${fmt(settings.relayerPollingMs)} ms, PGlite in memory`,
  );
  console.log(
    `machine: 1-minute load average ${loadavg()[0]?.toFixed(1)} at the end (timings are wall clock)`,
  );
  console.log(
    `setup: devnet in ${seconds(deployedMs)}, ${fmt(localAccounts.length)} accounts credited by same-chain locks, ${seconds(setupMs)} in all`,
  );
  console.log("");
  console.log(
    `latency, lock block -> Credited block on the destination (${settings.latencyLocks} locks each, one every ${fmt(settings.latencySpacingMs)} ms over 6 pathways):`,
  );
  console.log(
    `  perfect loop  p50 ${fmt(p.p50)} ms (${(p.p50 / T).toFixed(2)} T)  p99 ${fmt(p.p99)} ms (${(p.p99 / T).toFixed(2)} T)  max ${fmt(p.max)} ms`,
  );
  console.log(
    `  relayer       p50 ${fmt(r.p50)} ms (${(r.p50 / T).toFixed(2)} T)  p99 ${fmt(r.p99)} ms (${(r.p99 / T).toFixed(2)} T)  max ${fmt(r.max)} ms`,
  );
  console.log(
    `  relayer / perfect: p50 ${ratioP50.toFixed(2)}, p99 ${ratioP99.toFixed(2)} (aim: p50 <= 2.5 T, ratio <= 1.25)`,
  );
  console.log(`  p50 by pathway, perfect: ${perPathway(perfect)}`);
  console.log(`  p50 by pathway, relayer: ${perPathway(relayed)}`);
  console.log(
    `throughput: ${fmt(throughput.messages)} LOCKs delivered in ${seconds(throughput.elapsedMs)} = ${fmt(throughput.messagesPerSecond, 1)} messages/s ` +
      `(automine; first send to last PacketDelivered block; sending took ${seconds(throughput.sendMs)})`,
  );
  console.log(
    `backfill: ${fmt(backfill.events)} events over ${fmt(backfill.blocks)} blocks indexed from scratch (maxBlockRange ${settings.backfillBlockRange}) in ${seconds(backfill.elapsedMs)} ` +
      `= ${fmt(backfill.eventsPerSecond)} events/s (creating the app included: ${seconds(backfill.startMs)}; ${fmt(fillerLocks)} undelivered filler locks added in ${seconds(fillerMs)})`,
  );
  const { multicall, perAccount } = reconciliation;
  console.log(
    `reconciliation: ${fmt(multicall.accounts)} accounts, ${fmt(multicall.balances)} balances, 0 mismatches: ` +
      `multicall ${fmt(multicall.ms)} ms, per-account calls ${fmt(perAccount.ms)} ms (${reconciliation.speedup.toFixed(1)}x); ` +
      `projection refresh ${fmt(reconciliation.projectionMs)} ms`,
  );
  console.log(
    JSON.stringify({
      blockTimeMs: T,
      latencyLocks: settings.latencyLocks,
      relayerIntervalMs: settings.relayerIntervalMs,
      relayerPollingMs: settings.relayerPollingMs,
      relayerP50Ms: round(r.p50),
      relayerP99Ms: round(r.p99),
      perfectP50Ms: round(p.p50),
      perfectP99Ms: round(p.p99),
      ratioP50: round(ratioP50, 3),
      ratioP99: round(ratioP99, 3),
      relayerP50OverT: round(r.p50 / T, 3),
      throughputMessages: throughput.messages,
      throughputMs: round(throughput.elapsedMs),
      messagesPerSec: round(throughput.messagesPerSecond, 1),
      backfillEvents: backfill.events,
      backfillBlocks: backfill.blocks,
      backfillBlockRange: settings.backfillBlockRange,
      backfillMs: round(backfill.elapsedMs),
      backfillAppStartMs: round(backfill.startMs),
      eventsPerSec: round(backfill.eventsPerSecond),
      reconcileAccounts: multicall.accounts,
      reconcileBalances: multicall.balances,
      multicallMs: round(multicall.ms),
      perAccountMs: round(perAccount.ms),
      reconcileSpeedup: round(reconciliation.speedup, 2),
      loadAverage: round(loadavg()[0] ?? 0, 1),
    }),
  );
} finally {
  for (const clock of clocks) clock.stop();
  await net.stop();
}
