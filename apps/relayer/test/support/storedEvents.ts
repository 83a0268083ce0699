import type { Database } from "../../src/store/Database.js";

/**
 * How many stored rows each `blockHash:logIndex` (lowercase) of the chain has in the relayer's
 * `events` table, up to `toBlock`: the key format of {@link referenceEvents}, so a test compares
 * the store with the chain's own logs key by key and sees a row stored twice.
 */
export async function storedEventCounts(
  db: Database,
  chainId: bigint,
  toBlock: bigint,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("events")
    .select(["block_hash", "log_index"])
    .where("chain_id", "=", chainId)
    .where("block_number", "<=", toBlock)
    .execute();
  const counts = new Map<string, number>();
  for (const { block_hash, log_index } of rows) {
    const key = `${block_hash.toLowerCase()}:${log_index}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The chain's indexed block: the cursor's `next_block - 1`, or undefined before the first range. */
export async function indexedBlock(db: Database, chainId: bigint): Promise<bigint | undefined> {
  const cursor = await db
    .selectFrom("chain_cursors")
    .select(["next_block", "indexed_block_hash"])
    .where("chain_id", "=", chainId)
    .executeTakeFirst();
  if (cursor === undefined || cursor.indexed_block_hash === null) return undefined;
  return cursor.next_block - 1n;
}
