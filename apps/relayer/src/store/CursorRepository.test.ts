import { describe, expect, test } from "vitest";
import { BACKENDS, useTestDatabase } from "../../test/support/testDatabase.js";
import { CursorMovedError, CursorRepository } from "./CursorRepository.js";

describe.each(BACKENDS)("CursorRepository on %s", (backend) => {
  const db = useTestDatabase(backend);
  const cursors = () => new CursorRepository(db());

  test("ensure creates a cursor at the start block once, then returns the stored one", async () => {
    const created = await cursors().ensure({ chainId: 31_401n, eid: 40_101, startBlock: 7n });
    expect(created).toMatchObject({ chain_id: 31_401n, eid: 40_101, start_block: 7n, next_block: 7n });
    expect(created.indexed_block_hash).toBeNull();
    await db()
      .transaction()
      .execute(async (trx) => {
        await cursors().move(trx, {
          chainId: 31_401n,
          expectedNextBlock: 7n,
          nextBlock: 20n,
          indexedBlockHash: "0x19",
        });
      });
    const again = await cursors().ensure({ chainId: 31_401n, eid: 40_101, startBlock: 7n });
    expect(again).toMatchObject({ next_block: 20n, indexed_block_hash: "0x19" });
    expect(await cursors().list()).toHaveLength(1);
  });

  test("move refuses when the cursor is not where the caller read it, rolling back its transaction", async () => {
    await cursors().ensure({ chainId: 1n, eid: 1, startBlock: 0n });
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await trx
            .insertInto("blocks")
            .values({ chain_id: 1n, number: 4n, hash: "0x04", parent_hash: "0x03" })
            .execute();
          await cursors().move(trx, {
            chainId: 1n,
            expectedNextBlock: 3n,
            nextBlock: 5n,
            indexedBlockHash: "0x04",
          });
        }),
    ).rejects.toBeInstanceOf(CursorMovedError);
    expect(await cursors().get(1n)).toMatchObject({ next_block: 0n });
    expect(await db().selectFrom("blocks").selectAll().execute()).toEqual([]);
  });

  test("lock reads the cursor inside a transaction", async () => {
    await cursors().ensure({ chainId: 2n, eid: 2, startBlock: 3n });
    const locked = await db()
      .transaction()
      .execute((trx) => cursors().lock(trx, 2n));
    expect(locked?.next_block).toBe(3n);
    expect(
      await db()
        .transaction()
        .execute((trx) => cursors().lock(trx, 99n)),
    ).toBeUndefined();
  });
});
