import type { CreateDatabaseParameters } from "./createDatabase.js";

/** Injection token of the {@link StoreModuleOptions}. */
export const STORE_OPTIONS = Symbol("STORE_OPTIONS");

/** The store's settings: the config's `database` section (`url` for PostgreSQL, else PGlite in `dataDir`). */
export type StoreModuleOptions = CreateDatabaseParameters;
