/** Thrown for a BENCH_* environment setting that is not a positive number. */
export class BenchSettingError extends Error {
  override name = "BenchSettingError";
}

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!(value > 0) || !Number.isSafeInteger(value)) {
    throw new BenchSettingError(`${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}

/** What the relayer bench runs; each figure can be changed through its BENCH_* variable. */
export interface BenchSettings {
  /** Interval-mining block time T of every chain during the latency runs (BENCH_BLOCK_TIME_MS). */
  blockTimeMs: number;
  /** Locks per latency run, relayer and perfect loop each (BENCH_LATENCY_LOCKS). */
  latencyLocks: number;
  /** Wall time between two latency locks (BENCH_LATENCY_SPACING_MS; default T). */
  latencySpacingMs: number;
  /** The relayer's index and deliver intervals (BENCH_RELAYER_INTERVAL_MS; default T/10). */
  relayerIntervalMs: number;
  /** viem's polling interval in the relayer, per chain (BENCH_RELAYER_POLLING_MS; default T/20). */
  relayerPollingMs: number;
  /** Messages of the sustained-throughput run (BENCH_THROUGHPUT_MESSAGES). */
  throughputMessages: number;
  /** Events the backfill must index at least (BENCH_BACKFILL_EVENTS). */
  backfillEvents: number;
  /**
   * The backfill relayer's `maxBlockRange` (BENCH_BACKFILL_BLOCK_RANGE; default 25): the filler blocks
   * hold 400 indexed logs each, so 25 blocks is 10,000 logs per `eth_getLogs`, a common provider limit.
   */
  backfillBlockRange: number;
  /** Credited accounts reconciled (BENCH_ACCOUNTS); at least the throughput messages. */
  accounts: number;
}

/** Reads the settings from the environment, with the figures as defaults. */
export function readBenchSettings(): BenchSettings {
  const blockTimeMs = setting("BENCH_BLOCK_TIME_MS", 1_000);
  const throughputMessages = setting("BENCH_THROUGHPUT_MESSAGES", 2_004);
  const accounts = setting("BENCH_ACCOUNTS", 10_000);
  if (accounts < throughputMessages) {
    throw new BenchSettingError(
      `BENCH_ACCOUNTS (${accounts}) must be at least BENCH_THROUGHPUT_MESSAGES (${throughputMessages}): every throughput message credits one of the accounts`,
    );
  }
  return {
    blockTimeMs,
    latencyLocks: setting("BENCH_LATENCY_LOCKS", 50),
    latencySpacingMs: setting("BENCH_LATENCY_SPACING_MS", blockTimeMs),
    relayerIntervalMs: setting("BENCH_RELAYER_INTERVAL_MS", Math.max(1, Math.round(blockTimeMs / 10))),
    relayerPollingMs: setting("BENCH_RELAYER_POLLING_MS", Math.max(1, Math.round(blockTimeMs / 20))),
    throughputMessages,
    backfillEvents: setting("BENCH_BACKFILL_EVENTS", 100_000),
    backfillBlockRange: setting("BENCH_BACKFILL_BLOCK_RANGE", 25),
    accounts,
  };
}
