import { describe, expect, test } from "vitest";
import { eventRow, hash32 } from "../../test/support/storeFixtures.js";
import { BACKENDS, useTestDatabase } from "../../test/support/testDatabase.js";
import { CursorRepository } from "./CursorRepository.js";
import { EventRepository } from "./EventRepository.js";

describe.each(BACKENDS)("EventRepository on %s", (backend) => {
  const db = useTestDatabase(backend);
  const events = () => new EventRepository(db());
  const ensureChain = () =>
    new CursorRepository(db()).ensure({ chainId: 31_401n, eid: 40_101, startBlock: 0n });

  test("stores each (chain, block hash, log index) once", async () => {
    await ensureChain();
    const rows = [eventRow({ blockNumber: 1n, logIndex: 0 }), eventRow({ blockNumber: 1n, logIndex: 1 })];
    expect(await events().insert(db(), rows)).toBe(2);
    expect(await events().insert(db(), [...rows, eventRow({ blockNumber: 2n, logIndex: 0 })])).toBe(1);
    expect(await events().count({ chainId: 31_401n })).toBe(3);
    // the same height and index in another block (a fork) is another log
    expect(
      await events().insert(db(), [eventRow({ blockNumber: 2n, logIndex: 0, block_hash: hash32("fork") })]),
    ).toBe(1);
    expect(await events().count()).toBe(4);
  });

  test("keeps amounts and args exactly", async () => {
    await ensureChain();
    await events().insert(db(), [eventRow({ blockNumber: 3n, logIndex: 0, amount: 2n ** 256n - 1n })]);
    const [stored] = await events().list();
    expect(stored?.amount).toBe(2n ** 256n - 1n);
    expect(stored?.args).toEqual({ amount: (2n ** 200n).toString(), asset: stored?.asset });
    expect(typeof stored?.id).toBe("bigint");
  });

  test("inserts many rows across statement chunks", async () => {
    await ensureChain();
    const rows = Array.from({ length: 2_345 }, (_, i) => eventRow({ blockNumber: BigInt(i), logIndex: 0 }));
    expect(await events().insert(db(), rows)).toBe(2_345);
    expect(await events().count({ fromBlock: 100n, toBlock: 199n })).toBe(100);
  });

  test("list filters and orders by block and log index", async () => {
    await ensureChain();
    await events().insert(db(), [
      eventRow({ blockNumber: 5n, logIndex: 2, event_name: "Released", guid: hash32("g1") }),
      eventRow({ blockNumber: 5n, logIndex: 1 }),
      eventRow({ blockNumber: 4n, logIndex: 7, account: "0xabc" }),
    ]);
    expect((await events().list()).map((e) => [e.block_number, e.log_index])).toEqual([
      [4n, 7],
      [5n, 1],
      [5n, 2],
    ]);
    expect(await events().list({ eventName: "Released" })).toHaveLength(1);
    expect(await events().list({ guid: hash32("g1").toUpperCase().replace("0X", "0x") })).toHaveLength(1);
    expect(await events().list({ account: "0xABC" })).toHaveLength(1);
    // `id` follows insertion, not chain order: the Released row went in first
    const [firstInserted] = await events().list({ eventName: "Released" });
    expect(await events().count({ afterId: firstInserted?.id })).toBe(2);
    expect(await events().count({ afterId: (firstInserted?.id ?? 0n) + 2n })).toBe(0);
  });

  test("deleteAbove drops a rewound range and returns the guids it carried", async () => {
    await ensureChain();
    await events().insert(db(), [
      eventRow({ blockNumber: 1n, logIndex: 0, guid: hash32("keep") }),
      eventRow({ blockNumber: 2n, logIndex: 0, guid: hash32("gone") }),
      eventRow({ blockNumber: 3n, logIndex: 0, guid: hash32("gone") }),
      eventRow({ blockNumber: 3n, logIndex: 1 }),
    ]);
    expect(await events().deleteAbove(db(), 31_401n, 1n)).toEqual({ deleted: 3, guids: [hash32("gone")] });
    expect((await events().list()).map((e) => e.guid)).toEqual([hash32("keep")]);
  });

  test("a rolled-back transaction leaves no event behind", async () => {
    await ensureChain();
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await events().insert(trx, [eventRow({ blockNumber: 1n, logIndex: 0 })]);
          throw new Error("crash between the data and the cursor");
        }),
    ).rejects.toThrow(/crash/);
    expect(await events().count()).toBe(0);
  });
});
