import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ScheduleModule, SchedulerRegistry } from "@nestjs/schedule";
import { Test, type TestingModule } from "@nestjs/testing";
import { Registry, type RegistryContentType } from "prom-client";
import type { Hex } from "viem";
import { ChainsModule } from "../../src/chains/ChainsModule.js";
import { ClockModule } from "../../src/clock/ClockModule.js";
import { ConfigModule } from "../../src/config/ConfigModule.js";
import { loadRelayerConfig } from "../../src/config/loadRelayerConfig.js";
import type { RelayerConfigInput } from "../../src/config/relayerConfigSchema.js";
import { IndexerModule } from "../../src/indexer/IndexerModule.js";
import { IndexerService } from "../../src/indexer/IndexerService.js";
import { KeeperModule } from "../../src/keeper/KeeperModule.js";
import { KeeperService } from "../../src/keeper/KeeperService.js";
import { MetricsModule } from "../../src/metrics/MetricsModule.js";
import { StoreModule } from "../../src/store/StoreModule.js";

/** Parameters of {@link startKeeperApp}. */
export interface StartKeeperAppParameters {
  /** The devnet's manifest file. */
  manifestPath: string;
  /** Where the app's config file is written. */
  dir: string;
  /** `BALLAST_KEEPER_KEY`; left out: an idle keeper. */
  keeperKey?: Hex | undefined;
  /** The config file's `keeper` section (`minProfitWei` as a decimal string). */
  keeper?: RelayerConfigInput["keeper"];
  /** `intervals.keeper`; default one hour, so only the test's own `run()` calls run. */
  intervalMs?: number | undefined;
  /** Run the indexer loops (every 50 ms); default false: the test indexes with `indexAll()`. */
  indexerLoops?: boolean | undefined;
}

/** A keeper in a Nest testing module over a devnet: config, metrics, clock, schedule, PGlite in memory, indexer. */
export interface KeeperApp {
  moduleRef: TestingModule;
  keeper: KeeperService;
  registry: Registry<RegistryContentType>;
  scheduler: SchedulerRegistry;
  /** Steps every chain's indexer until it has read the chain's head (indexer loops off). */
  indexAll(): Promise<void>;
  /** The value of a counter or gauge for `labels` (0 when the series does not exist). */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  close(): Promise<void>;
}

let files = 0;

/**
 * Boots the keeper the way `AppModule` composes it (without HTTP, delivery, projection or
 * reconciliation): the real config loader, chain registry (with the keeper's wallet), store, indexer
 * and `KeeperModule`. Logs below `warn` are dropped unless `BALLAST_TEST_LOGS` is set.
 */
export async function startKeeperApp(parameters: StartKeeperAppParameters): Promise<KeeperApp> {
  const { manifestPath, dir, keeperKey, keeper, intervalMs = 3_600_000, indexerLoops = false } = parameters;
  const file = join(dir, `keeper-${process.pid}-${++files}.json`);
  await writeFile(
    file,
    JSON.stringify({ manifest: manifestPath, intervals: { keeper: intervalMs, index: 50 }, keeper }),
  );
  const loaded = await loadRelayerConfig({
    file,
    env: {
      BALLAST_DATA_DIR: "memory://",
      BALLAST_LOG_LEVEL: "silent",
      ...(keeperKey === undefined ? {} : { BALLAST_KEEPER_KEY: keeperKey }),
    },
  });
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(loaded),
      MetricsModule,
      ClockModule,
      ScheduleModule.forRoot(),
      StoreModule.forRoot({ dataDir: "memory://" }),
      IndexerModule.forRoot({ intervalMs: 50, autoStart: indexerLoops }, [ChainsModule]),
      KeeperModule,
    ],
  }).compile();
  if (process.env.BALLAST_TEST_LOGS === undefined) moduleRef.useLogger(["warn", "error"]);
  await moduleRef.init();
  const registry = moduleRef.get(Registry);
  const indexer = moduleRef.get(IndexerService);
  return {
    moduleRef,
    keeper: moduleRef.get(KeeperService),
    registry,
    scheduler: moduleRef.get(SchedulerRegistry),
    async indexAll() {
      for (const chain of indexer.indexers()) {
        while ((await chain.step()).kind !== "idle") {
          // a backfill steps until it reaches the head
        }
      }
    },
    async metric(name, labels = {}) {
      const metric = registry.getSingleMetric(name);
      if (metric === undefined) throw new Error(`no metric ${name}`);
      const { values } = await metric.get();
      const match = values.find((value) =>
        Object.entries(labels).every(([key, wanted]) => String(value.labels[key]) === wanted),
      );
      return match?.value ?? 0;
    },
    close: () => moduleRef.close(),
  };
}
