import { type DynamicModule, type InjectionToken, Module, type ModuleMetadata } from "@nestjs/common";
import { INDEXER_OPTIONS, type IndexerOptions, IndexerService } from "./IndexerService.js";

/** {@link IndexerModule.forRootAsync}'s options. */
export interface IndexerModuleAsyncOptions {
  /** Modules providing what the indexer injects when not global: `ChainRegistry`, and the factory's tokens. */
  imports?: ModuleMetadata["imports"];
  inject?: InjectionToken[];
  /** Receives the `inject` tokens' values. */
  useFactory: (...args: never[]) => IndexerOptions | Promise<IndexerOptions>;
}

/**
 * The indexer: an {@link IndexerService} running one loop per chain of the injected
 * `ChainRegistry`, writing through the (global) store module's repositories. `Clock` is used when
 * provided, else the system clock.
 *
 * @example
 * IndexerModule.forRootAsync({ inject: [RELAYER_CONFIG], useFactory: (config: RelayerConfig) => ({ intervalMs: config.intervals.index }) });
 */
@Module({})
export class IndexerModule {
  /** The indexer over fixed options. */
  static forRoot(
    options: IndexerOptions,
    imports: NonNullable<ModuleMetadata["imports"]> = [],
  ): DynamicModule {
    return {
      module: IndexerModule,
      imports,
      providers: [{ provide: INDEXER_OPTIONS, useValue: options }, IndexerService],
      exports: [IndexerService],
    };
  }

  /** The indexer over options a factory computes (e.g. from the config provider). */
  static forRootAsync(options: IndexerModuleAsyncOptions): DynamicModule {
    return {
      module: IndexerModule,
      imports: options.imports ?? [],
      providers: [
        { provide: INDEXER_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
        IndexerService,
      ],
      exports: [IndexerService],
    };
  }
}
