import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DEVNET_ROLES, devnetPrivateKey } from "@ballast/devnet";
import type { NestFastifyApplication } from "@nestjs/platform-fastify";
import { loadRelayerConfig } from "../dist/config/loadRelayerConfig.js";
import { createRelayerApp } from "../dist/createRelayerApp.js";
import { IndexerService } from "../dist/indexer/IndexerService.js";
import { CursorRepository } from "../dist/store/CursorRepository.js";
import { EventRepository } from "../dist/store/EventRepository.js";
import { MessageRepository } from "../dist/store/MessageRepository.js";
import type { BenchDevnet } from "./startBenchDevnet.ts";
import { waitUntil } from "./stats.ts";

/** The development account the bench's relayer executes with (not a role or a funded user). */
export const RELAYER_EXECUTOR_ACCOUNT = 10;

/** Parameters of {@link startBenchRelayer}. */
export interface StartBenchRelayerParameters {
  net: BenchDevnet;
  /** Names the config file. */
  name: string;
  /** Milliseconds between index steps at the head and between delivery passes. */
  intervalMs: number;
  /** viem's polling interval of the relayer's clients (receipts), per chain. */
  pollingMs: number;
  /** With the executor and the devnet verifier keys (delivers); without, it only indexes. */
  deliver: boolean;
  /** Most blocks per `eth_getLogs` (`chains.<name>.maxBlockRange`); default the relayer's (2,000). */
  maxBlockRange?: number | undefined;
}

/** A relayer app of the bench (initialised, jobs running, not listening). */
export interface BenchRelayer {
  app: NestFastifyApplication;
  /** Events stored (every chain). */
  storedEvents(): Promise<number>;
  /** True when every chain's cursor is past `heads[i]` (manifest order). */
  indexedThrough(heads: readonly bigint[]): Promise<boolean>;
  /** Waits until every chain's cursor is past its current head and no stored message is waiting for delivery. */
  settle(timeoutMs: number): Promise<void>;
  /** Each chain's indexer: where it stands and its last error (for a wait that timed out). */
  indexerStatus(): string;
  close(): Promise<void>;
}

/**
 * Boots the real relayer in this process the way `ballast-relayer` does (`loadRelayerConfig` then
 * `createRelayerApp`, from the built `dist/`): devnet mode, PGlite in memory, silent logs, the given
 * index/deliver intervals and polling; other settings (reconciliation every 10 s, confirmations 0,
 * 2,000-block log ranges, delivery batches) are the defaults.
 */
export async function startBenchRelayer(parameters: StartBenchRelayerParameters): Promise<BenchRelayer> {
  const { net, name, intervalMs, pollingMs, deliver, maxBlockRange } = parameters;
  const file = join(net.dir, `relayer-${name}.json`);
  const chains = Object.fromEntries(
    net.chains.map(({ manifest }) => [manifest.name, { pollingIntervalMs: pollingMs, maxBlockRange }]),
  );
  await writeFile(
    file,
    JSON.stringify({
      manifest: net.manifestPath,
      database: { dataDir: "memory://" },
      log: { level: "silent" },
      intervals: { index: intervalMs, deliver: intervalMs },
      chains,
    }),
  );
  const env: Record<string, string> = deliver
    ? {
        BALLAST_EXECUTOR_KEY: devnetPrivateKey(RELAYER_EXECUTOR_ACCOUNT),
        BALLAST_VERIFIER_KEY: devnetPrivateKey(DEVNET_ROLES.verifier),
      }
    : {};
  const app = await createRelayerApp(await loadRelayerConfig({ file, env }));
  const cursors = app.get(CursorRepository);
  const events = app.get(EventRepository);
  const messages = app.get(MessageRepository);
  const indexedThrough = async (heads: readonly bigint[]) => {
    const list = await cursors.list();
    return net.chains.every(({ manifest }, i) => {
      const cursor = list.find((c) => c.chain_id === BigInt(manifest.chainId));
      const head = heads[i];
      return cursor !== undefined && head !== undefined && cursor.next_block > head;
    });
  };
  const indexerStatus = () =>
    app
      .get(IndexerService)
      .status()
      .map(
        (s) =>
          `${s.name}: next ${s.nextBlock} head ${s.head} errors ${s.errors} events ${s.eventsIndexed}${s.lastError === undefined ? "" : ` last error ${s.lastError.split("\n")[0]}`}`,
      )
      .join("; ");
  let closing: Promise<void> | undefined;
  return {
    app,
    storedEvents: () => events.count(),
    indexerStatus,
    indexedThrough,
    async settle(timeoutMs) {
      const heads = await Promise.all(net.chains.map(({ publicClient }) => publicClient.getBlockNumber()));
      await waitUntil("the relayer to index every chain's head", () => indexedThrough(heads), {
        timeoutMs,
      }).catch((error: unknown) => {
        throw new Error(`${error instanceof Error ? error.message : String(error)} (${indexerStatus()})`, {
          cause: error,
        });
      });
      if (!deliver) return;
      await waitUntil(
        "the relayer to deliver every stored message",
        async () => {
          const counts = await messages.countByStatus();
          return Object.entries(counts).every(([status, count]) => status === "delivered" || count === 0);
        },
        { timeoutMs },
      );
    },
    close: () => (closing ??= app.close()),
  };
}
