import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { describe, expect, test } from "vitest";
import { BACKENDS, useTestDatabase } from "../../test/support/testDatabase.js";
import { createDatabase } from "./createDatabase.js";
import { migrateToLatest } from "./migrateToLatest.js";
import { MIGRATIONS } from "./migrations/migrationProvider.js";

const MAX_UINT256 = 2n ** 256n - 1n;

describe.each(BACKENDS)("database on %s", (backend) => {
  const db = useTestDatabase(backend);

  test("is the backend it says, migrated, and migrating again applies nothing", async () => {
    expect(db().backend).toBe(backend);
    expect(await migrateToLatest(db())).toEqual([]);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(
      db(),
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(["blocks", "chain_cursors", "events", "messages", "transactions"]),
    );
  });

  test("numeric(78,0) and int8 round-trip exactly as bigint", async () => {
    const { rows } = await sql<{ big: bigint; small: bigint; eight: bigint }>`
      select ${MAX_UINT256}::numeric(78,0) as big, ${1n}::numeric(78,0) as small, ${2n ** 62n + 1n}::int8 as eight`.execute(
      db(),
    );
    expect(rows[0]).toEqual({ big: MAX_UINT256, small: 1n, eight: 2n ** 62n + 1n });
    // a uint256 sum stays exact too
    const sum = await sql<{ total: bigint }>`
      select sum(v) as total from (values (${MAX_UINT256 - 5n}::numeric), (${5n}::numeric)) as t(v)`.execute(
      db(),
    );
    expect(sum.rows[0]?.total).toBe(MAX_UINT256);
  });

  test("a fractional numeric is refused rather than rounded", async () => {
    await expect(sql`select 1.5::numeric as n`.execute(db())).rejects.toThrow(/not an integer/);
  });

  test("numeric(78,0) refuses a value beyond 78 digits", async () => {
    await expect(sql`select ${10n ** 78n}::numeric(78,0) as n`.execute(db())).rejects.toThrow();
  });
});

describe("PGlite in a folder", () => {
  test("keeps its data across a reopen", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ballast-pglite-"));
    try {
      const first = await createDatabase({ dataDir: join(dir, "nested", "pglite") });
      expect(await migrateToLatest(first)).toEqual(Object.keys(MIGRATIONS));
      await first
        .insertInto("chain_cursors")
        .values({ chain_id: 1n, eid: 40_101, start_block: 5n, next_block: 9n, indexed_block_hash: "0xab" })
        .execute();
      await first.destroy();

      const second = await createDatabase({ dataDir: join(dir, "nested", "pglite") });
      expect(await migrateToLatest(second)).toEqual([]);
      const cursor = await second.selectFrom("chain_cursors").selectAll().executeTakeFirst();
      expect(cursor).toMatchObject({ chain_id: 1n, next_block: 9n, indexed_block_hash: "0xab" });
      await second.destroy();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
