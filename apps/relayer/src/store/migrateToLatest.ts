import { Migrator } from "kysely/migration";
import type { StoreExecutor } from "./Database.js";
import { MigrationError } from "./errors.js";
import { migrationProvider } from "./migrations/migrationProvider.js";

/** The return type of {@link migrateToLatest}: the migrations this call applied, in order. */
export type MigrateToLatestReturnType = string[];

/**
 * Applies every pending migration (Kysely's Migrator, which takes a lock so concurrent replicas
 * migrate once). Throws {@link MigrationError} naming the failed migration.
 */
export async function migrateToLatest(db: StoreExecutor): Promise<MigrateToLatestReturnType> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === "Error");
    throw new MigrationError(failed?.migrationName, { cause: error });
  }
  return results.filter((result) => result.status === "Success").map((result) => result.migrationName);
}
