import { describe, expect, test } from "vitest";
import { BACKENDS, useTestDatabase } from "../../test/support/testDatabase.js";
import { BlockRepository } from "./BlockRepository.js";
import { CursorRepository } from "./CursorRepository.js";

describe.each(BACKENDS)("BlockRepository on %s", (backend) => {
  const db = useTestDatabase(backend);
  const blocks = () => new BlockRepository(db());
  const header = (number: bigint, fork = "a") => ({
    chain_id: 5n,
    number,
    hash: `0x${fork}${number}`,
    parent_hash: `0x${fork}${number - 1n}`,
  });

  async function seed(numbers: bigint[]) {
    await new CursorRepository(db()).ensure({ chainId: 5n, eid: 5, startBlock: 0n });
    await blocks().insert(
      db(),
      numbers.map((n) => header(n)),
    );
  }

  test("recent lists the newest headers first, at or below a height", async () => {
    await seed([1n, 2n, 3n, 10n]);
    expect((await blocks().recent(5n)).map((b) => b.number)).toEqual([10n, 3n, 2n, 1n]);
    expect((await blocks().recent(5n, { atOrBelow: 3n, limit: 2 })).map((b) => b.number)).toEqual([3n, 2n]);
    expect(await blocks().at(5n, 3n)).toEqual(header(3n));
    expect(await blocks().at(5n, 4n)).toBeUndefined();
  });

  test("a header stored again at the same height replaces the old one", async () => {
    await seed([1n, 2n]);
    await blocks().insert(db(), [header(2n, "b")]);
    expect(await blocks().at(5n, 2n)).toEqual(header(2n, "b"));
  });

  test("deleteAbove removes what a rewind drops", async () => {
    await seed([1n, 2n, 3n, 4n]);
    expect(await blocks().deleteAbove(db(), 5n, 2n)).toBe(2);
    expect((await blocks().recent(5n)).map((b) => b.number)).toEqual([2n, 1n]);
  });

  test("prune keeps the newest headers", async () => {
    await seed([1n, 2n, 5n, 8n, 9n]);
    expect(await blocks().prune(db(), 5n, 3)).toBe(2);
    expect((await blocks().recent(5n)).map((b) => b.number)).toEqual([9n, 8n, 5n]);
    expect(await blocks().prune(db(), 5n, 10)).toBe(0);
  });
});
