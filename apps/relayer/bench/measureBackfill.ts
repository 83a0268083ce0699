import { lockFee, lockMany } from "./locks.ts";
import type { BenchDevnet } from "./startBenchDevnet.ts";
import { type BenchRelayer, startBenchRelayer } from "./startBenchRelayer.ts";
import { waitUntil } from "./stats.ts";

/** Indexed events per filler lock: the vault's `Locked` and the endpoint's `PacketSent`. */
export const EVENTS_PER_FILLER_LOCK = 2;

/**
 * Adds cross-chain locks that are never delivered (a -> b, b -> c, c -> a, through the LockBatchers,
 * 1 raw unit each) until the chains hold about `events` more indexed events. Returns the locks sent.
 */
export async function addFillerEvents(net: BenchDevnet, events: number): Promise<number> {
  if (events <= 0) return 0;
  const sender = net.users[1];
  if (sender === undefined) throw new Error("no second funded user");
  const locks = Math.ceil(events / EVENTS_PER_FILLER_LOCK);
  const count = net.chains.length;
  await Promise.all(
    net.chains.map(async (src, i) => {
      const dst = net.chains[(i + 1) % count];
      if (dst === undefined) throw new Error("no destination chain");
      const mine = Math.floor(locks / count) + (i < locks % count ? 1 : 0);
      await lockMany({
        src,
        dstEid: dst.manifest.eid,
        sender,
        beneficiaries: Array.from({ length: mine }, () => sender),
        amountOf: () => 1n,
        fee: await lockFee(src, dst.manifest.eid, sender),
      });
    }),
  );
  return locks;
}

/** What {@link measureBackfill} found. */
export interface BackfillResult {
  events: number;
  blocks: number;
  /** From creating the app to every chain's cursor past its head (ms). */
  elapsedMs: number;
  /** Of which creating the app (migrations, module init; the indexer starts at its end). */
  startMs: number;
  eventsPerSecond: number;
  relayer: BenchRelayer;
}

/**
 * Starts a fresh relayer (no keys: it indexes, delivers nothing) on an empty database and times its
 * backfill from the manifest's start blocks to the heads the chains have now (they are idle: automine
 * with no transactions). Events/s is the stored events over that time. The relayer is left running
 * (its store and projection hold everything) for the reconciliation measurement.
 */
export async function measureBackfill(
  net: BenchDevnet,
  settings: { intervalMs: number; pollingMs: number; maxBlockRange: number; timeoutMs: number },
): Promise<BackfillResult> {
  const heads = await Promise.all(net.chains.map(({ publicClient }) => publicClient.getBlockNumber()));
  const blocks = net.chains.reduce(
    (sum, { manifest }, i) => sum + Number((heads[i] ?? 0n) - manifest.startBlock + 1n),
    0,
  );
  const start = performance.now();
  const relayer = await startBenchRelayer({
    net,
    name: "backfill",
    intervalMs: settings.intervalMs,
    pollingMs: settings.pollingMs,
    maxBlockRange: settings.maxBlockRange,
    deliver: false,
  });
  const startMs = performance.now() - start;
  await waitUntil("the backfill to reach every head", () => relayer.indexedThrough(heads), {
    timeoutMs: settings.timeoutMs,
    intervalMs: 20,
  }).catch((error: unknown) => {
    throw new Error(
      `${error instanceof Error ? error.message : String(error)} (${relayer.indexerStatus()})`,
      {
        cause: error,
      },
    );
  });
  const elapsedMs = performance.now() - start;
  const events = await relayer.storedEvents();
  return { events, blocks, elapsedMs, startMs, eventsPerSecond: (events * 1000) / elapsedMs, relayer };
}
