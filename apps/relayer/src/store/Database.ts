import { Kysely, type KyselyConfig } from "kysely";
import type { StoreSchema } from "./StoreSchema.js";

/** Which server a {@link Database} talks to. */
export type DatabaseBackend = "pglite" | "postgres";

/**
 * The relayer's database: a Kysely instance over {@link StoreSchema}, injectable by this class.
 * int8 and numeric columns read as bigint on both backends (see `parseBigint`).
 */
export class Database extends Kysely<StoreSchema> {
  /** Embedded PGlite or a PostgreSQL server. */
  readonly backend: DatabaseBackend;

  constructor(config: KyselyConfig, backend: DatabaseBackend) {
    super(config);
    this.backend = backend;
  }
}

/** Anything queries can run on: the database or a transaction of it. */
export type StoreExecutor = Kysely<StoreSchema>;
