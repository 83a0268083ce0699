import { Injectable } from "@nestjs/common";
import type { Insertable, Selectable } from "kysely";
import { Database, type StoreExecutor } from "./Database.js";
import type { BlockTable } from "./StoreSchema.js";

/** A block header the indexer recorded. */
export type StoredBlock = Selectable<BlockTable>;

/** The recent block headers of each chain, for reorg detection. */
@Injectable()
export class BlockRepository {
  constructor(private readonly db: Database) {}

  /** Records headers; a header already stored at the same height is replaced. */
  async insert(executor: StoreExecutor, blocks: readonly Insertable<BlockTable>[]): Promise<void> {
    if (blocks.length === 0) return;
    await executor
      .insertInto("blocks")
      .values([...blocks])
      .onConflict((conflict) =>
        conflict.columns(["chain_id", "number"]).doUpdateSet((update) => ({
          hash: update.ref("excluded.hash"),
          parent_hash: update.ref("excluded.parent_hash"),
        })),
      )
      .execute();
  }

  /** The chain's stored headers at or below `atOrBelow` (all when left out), newest first. */
  async recent(
    chainId: bigint,
    options: { atOrBelow?: bigint | undefined; limit?: number | undefined } = {},
    executor: StoreExecutor = this.db,
  ): Promise<StoredBlock[]> {
    let query = executor.selectFrom("blocks").selectAll().where("chain_id", "=", chainId);
    if (options.atOrBelow !== undefined) query = query.where("number", "<=", options.atOrBelow);
    return query
      .orderBy("number", "desc")
      .limit(options.limit ?? 1_000)
      .execute();
  }

  /** The stored header at `number`, or undefined. */
  async at(
    chainId: bigint,
    number: bigint,
    executor: StoreExecutor = this.db,
  ): Promise<StoredBlock | undefined> {
    return executor
      .selectFrom("blocks")
      .selectAll()
      .where("chain_id", "=", chainId)
      .where("number", "=", number)
      .executeTakeFirst();
  }

  /** Deletes the chain's headers above `number`; returns how many. */
  async deleteAbove(executor: StoreExecutor, chainId: bigint, number: bigint): Promise<number> {
    const result = await executor
      .deleteFrom("blocks")
      .where("chain_id", "=", chainId)
      .where("number", ">", number)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Keeps the chain's newest `keep` headers and deletes the older ones; returns how many went. */
  async prune(executor: StoreExecutor, chainId: bigint, keep: number): Promise<number> {
    const boundary = await executor
      .selectFrom("blocks")
      .select("number")
      .where("chain_id", "=", chainId)
      .orderBy("number", "desc")
      .offset(keep - 1)
      .limit(1)
      .executeTakeFirst();
    if (boundary === undefined) return 0;
    const result = await executor
      .deleteFrom("blocks")
      .where("chain_id", "=", chainId)
      .where("number", "<", boundary.number)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
