import {
  type DynamicModule,
  type FactoryProvider,
  Injectable,
  type InjectionToken,
  Logger,
  Module,
  type ModuleMetadata,
  type OnApplicationShutdown,
} from "@nestjs/common";
import { BlockRepository } from "./BlockRepository.js";
import { CursorRepository } from "./CursorRepository.js";
import { createDatabase } from "./createDatabase.js";
import { Database } from "./Database.js";
import { EventRepository } from "./EventRepository.js";
import { MessageRepository } from "./MessageRepository.js";
import { migrateToLatest } from "./migrateToLatest.js";
import { ReplicaLocks } from "./ReplicaLocks.js";
import { STORE_OPTIONS, type StoreModuleOptions } from "./storeOptions.js";
import { TransactionRepository } from "./TransactionRepository.js";

export { STORE_OPTIONS, type StoreModuleOptions } from "./storeOptions.js";

/** {@link StoreModule.forRootAsync}'s options: a factory of {@link StoreModuleOptions} with its dependencies. */
export interface StoreModuleAsyncOptions {
  imports?: ModuleMetadata["imports"];
  inject?: InjectionToken[];
  /** Receives the `inject` tokens' values. */
  useFactory: (...args: never[]) => StoreModuleOptions | Promise<StoreModuleOptions>;
}

const REPOSITORIES = [
  CursorRepository,
  BlockRepository,
  EventRepository,
  MessageRepository,
  TransactionRepository,
] as const;

/** Closes the database when the application shuts down, after every other module's destroy hooks ran. */
@Injectable()
class StoreShutdown implements OnApplicationShutdown {
  constructor(private readonly db: Database) {}
  async onApplicationShutdown(): Promise<void> {
    await this.db.destroy();
  }
}

const databaseProvider: FactoryProvider<Database> = {
  provide: Database,
  inject: [STORE_OPTIONS],
  useFactory: async (options: StoreModuleOptions) => {
    const logger = new Logger("Store");
    const db = await createDatabase({
      ...options,
      onPoolError:
        options.onPoolError ?? ((error) => logger.warn(`idle database connection failed: ${error.message}`)),
    });
    try {
      const applied = await migrateToLatest(db);
      logger.log(`${db.backend} ready${applied.length > 0 ? `, applied ${applied.join(", ")}` : ""}`);
    } catch (error) {
      await db.destroy();
      throw error;
    }
    return db;
  },
};

/**
 * The relayer's database (global): the {@link Database} (opened and migrated at start, closed at
 * shutdown), the repositories over it and the {@link ReplicaLocks} replicas share roles by.
 *
 * @example
 * StoreModule.forRoot({ dataDir: "memory://" });
 * StoreModule.forRootAsync({ inject: [RELAYER_CONFIG], useFactory: (config: RelayerConfig) => config.database });
 */
@Module({})
export class StoreModule {
  /** The store over fixed options. */
  static forRoot(options: StoreModuleOptions): DynamicModule {
    return StoreModule.build([], { provide: STORE_OPTIONS, useValue: options });
  }

  /** The store over options a factory computes (e.g. from the config provider). */
  static forRootAsync(options: StoreModuleAsyncOptions): DynamicModule {
    return StoreModule.build(options.imports ?? [], {
      provide: STORE_OPTIONS,
      inject: options.inject ?? [],
      useFactory: options.useFactory,
    });
  }

  private static build(
    imports: NonNullable<ModuleMetadata["imports"]>,
    optionsProvider: NonNullable<ModuleMetadata["providers"]>[number],
  ): DynamicModule {
    return {
      module: StoreModule,
      global: true,
      imports,
      providers: [optionsProvider, databaseProvider, StoreShutdown, ReplicaLocks, ...REPOSITORIES],
      exports: [Database, ReplicaLocks, ...REPOSITORIES],
    };
  }
}
