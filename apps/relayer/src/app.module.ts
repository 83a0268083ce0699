import { type DynamicModule, Module } from "@nestjs/common";
import { ScheduleModule } from "@nestjs/schedule";
import { ApiModule } from "./api/ApiModule.js";
import { ChainsModule } from "./chains/ChainsModule.js";
import { ClockModule } from "./clock/ClockModule.js";
import { ConfigModule } from "./config/ConfigModule.js";
import { RELAYER_CONFIG } from "./config/configTokens.js";
import type { LoadedRelayerConfig } from "./config/loadRelayerConfig.js";
import type { RelayerConfig } from "./config/relayerConfigSchema.js";
import { DeliveryModule } from "./delivery/DeliveryModule.js";
import { IndexerModule } from "./indexer/IndexerModule.js";
import { KeeperModule } from "./keeper/KeeperModule.js";
import { createLoggerModule } from "./logging/createLoggerModule.js";
import { LifecycleLogger } from "./logging/LifecycleLogger.js";
import { MetricsModule } from "./metrics/MetricsModule.js";
import { ProjectionModule } from "./projection/ProjectionModule.js";
import { ReconciliationModule } from "./reconciliation/ReconciliationModule.js";
import { SignalsModule } from "./schedule/SignalsModule.js";
import { StoreModule } from "./store/StoreModule.js";

/** The relayer: every module, composed for one loaded config. */
@Module({})
export class AppModule {
  static forRoot(loaded: LoadedRelayerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // Infrastructure, global: config, logs, metrics, time, scheduled jobs and their signals.
        ConfigModule.forRoot(loaded),
        createLoggerModule(loaded.config),
        MetricsModule,
        ClockModule,
        ScheduleModule.forRoot(),
        SignalsModule,
        // Chain I/O.
        ChainsModule,
        // Data: PGlite in database.dataDir, or PostgreSQL at database.url (global).
        StoreModule.forRootAsync({
          inject: [RELAYER_CONFIG],
          useFactory: (config: RelayerConfig) => config.database,
        }),
        // Work: the indexer (then projection, reconciliation, delivery and keeper).
        IndexerModule.forRootAsync({
          imports: [ChainsModule],
          inject: [RELAYER_CONFIG],
          useFactory: (config: RelayerConfig) => ({ intervalMs: config.intervals.index }),
        }),
        DeliveryModule,
        ProjectionModule,
        ReconciliationModule,
        KeeperModule,
        // HTTP.
        ApiModule,
      ],
      providers: [LifecycleLogger],
    };
  }
}
