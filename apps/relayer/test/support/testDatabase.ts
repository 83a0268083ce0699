import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { createDatabase } from "../../src/store/createDatabase.js";
import type { Database, DatabaseBackend } from "../../src/store/Database.js";
import { migrateToLatest } from "../../src/store/migrateToLatest.js";
import { type PostgresServer, startPostgresServer } from "./postgresServer.js";

/** Both store backends, for `describe.each`. */
export const BACKENDS: readonly DatabaseBackend[] = ["pglite", "postgres"];

let server: Promise<PostgresServer> | undefined;
let databases = 0;

/** One PostgreSQL server per test file (worker), started on first use and stopped with {@link stopTestPostgres}. */
export function testPostgres(): Promise<PostgresServer> {
  server ??= startPostgresServer();
  return server;
}

/** Stops the file's PostgreSQL server, if one was started. */
export async function stopTestPostgres(): Promise<void> {
  const started = server;
  server = undefined;
  if (started !== undefined) await (await started).stop();
}

/** The URL of a fresh, empty database on the file's PostgreSQL server. */
export async function createTestPostgresDatabase(): Promise<string> {
  return (await testPostgres()).createDatabase(`relayer_test_${process.pid}_${++databases}`);
}

/** A fresh, migrated database on `backend` (an in-memory PGlite, or a new database on the file's server). */
export async function openTestDatabase(backend: DatabaseBackend): Promise<Database> {
  const db =
    backend === "pglite"
      ? await createDatabase({ dataDir: "memory://" })
      : await createDatabase({ url: await createTestPostgresDatabase() });
  await migrateToLatest(db);
  return db;
}

/**
 * Test hooks: a migrated database on `backend` for the enclosing `describe` (opened before its
 * tests, closed after), emptied before each test. Returns a getter of it.
 */
export function useTestDatabase(backend: DatabaseBackend): () => Database {
  let db: Database | undefined;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
  });
  beforeEach(async () => {
    if (db === undefined) throw new Error("the test database did not open");
    await sql`truncate transactions, messages, events, blocks, chain_cursors restart identity cascade`.execute(
      db,
    );
  });
  afterAll(async () => {
    await db?.destroy();
    if (backend === "postgres") await stopTestPostgres();
  });
  return () => {
    if (db === undefined) throw new Error("the test database did not open");
    return db;
  };
}
