import type { Migration, MigrationProvider } from "kysely/migration";
import * as initial from "./0001_initial.js";
import * as sourceReorged from "./0002_source_reorged.js";

/** Every migration, by name; names sort in the order they run. Add one file per migration. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  "0001_initial": initial,
  "0002_source_reorged": sourceReorged,
};

/** Kysely's provider over {@link MIGRATIONS}: migrations are code, nothing is read from disk at run time. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};
