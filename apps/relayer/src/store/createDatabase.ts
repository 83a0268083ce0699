import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGliteDialect, PostgresDialect } from "kysely";
import pg from "pg";
import { Database } from "./Database.js";
import { StoreError } from "./errors.js";
import { BIGINT_TYPE_OIDS, parseBigint } from "./pgValues.js";

/** The in-memory PGlite location (tests). */
export const MEMORY_DATA_DIR = "memory://";

/** Parameters of {@link createDatabase}: the config's `database` section. */
export interface CreateDatabaseParameters {
  /** A PostgreSQL server (`postgres://...`); when set, `dataDir` is ignored. */
  url?: string | undefined;
  /** PGlite's folder (created when missing), or `memory://`. */
  dataDir?: string | undefined;
  /** Most pooled connections to a PostgreSQL server; default 10. */
  maxConnections?: number | undefined;
  /** Told about errors of idle pooled connections (e.g. the server restarted); default ignores them. */
  onPoolError?: ((error: Error) => void) | undefined;
}

/** The return type of {@link createDatabase}. */
export type CreateDatabaseReturnType = Database;

const bigintParsers = Object.fromEntries(BIGINT_TYPE_OIDS.map((oid) => [oid, parseBigint]));

/**
 * Opens the relayer's database without migrating it: a pg pool when `url` is given, otherwise
 * embedded PGlite in `dataDir` (default `.ballast/relayer/pglite`). Both read int8 and numeric as
 * bigint. Call `destroy()` to close it.
 *
 * @example
 * const db = await createDatabase({ dataDir: "memory://" });
 */
export async function createDatabase(
  parameters: CreateDatabaseParameters = {},
): Promise<CreateDatabaseReturnType> {
  const { url, dataDir = ".ballast/relayer/pglite", maxConnections = 10, onPoolError } = parameters;
  if (url !== undefined) {
    const pool = new pg.Pool({
      connectionString: url,
      max: maxConnections,
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary") =>
          (BIGINT_TYPE_OIDS as readonly number[]).includes(oid)
            ? parseBigint
            : format === "binary"
              ? pg.types.getTypeParser(oid, "binary")
              : pg.types.getTypeParser(oid, "text")) as typeof pg.types.getTypeParser, // pg's overloads cannot be written as one arrow
      },
    });
    // An idle client's error (server gone) is emitted on the pool; unhandled it would crash the process.
    pool.on("error", (error) => onPoolError?.(error));
    return new Database({ dialect: new PostgresDialect({ pool }) }, "postgres");
  }
  const location = dataDir === MEMORY_DATA_DIR ? dataDir : resolve(dataDir);
  if (location !== MEMORY_DATA_DIR) {
    try {
      await mkdir(location, { recursive: true });
    } catch (cause) {
      throw new StoreError(`cannot create the PGlite folder ${location}`, { cause });
    }
  }
  const pglite = new PGlite(location, { parsers: bigintParsers });
  return new Database({ dialect: new PGliteDialect({ pglite }) }, "pglite");
}
