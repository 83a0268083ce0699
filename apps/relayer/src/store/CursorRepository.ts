import { Injectable } from "@nestjs/common";
import type { Selectable } from "kysely";
import { Database, type StoreExecutor } from "./Database.js";
import { StoreError } from "./errors.js";
import type { ChainCursorTable } from "./StoreSchema.js";

/** A chain's indexing position. */
export type ChainCursor = Selectable<ChainCursorTable>;

/** Parameters of {@link CursorRepository.ensure}. */
export interface EnsureCursorParameters {
  chainId: bigint;
  eid: number;
  /** Where indexing starts on a new cursor (the manifest's `startBlock`). */
  startBlock: bigint;
}

/** Parameters of {@link CursorRepository.move}. */
export interface MoveCursorParameters {
  chainId: bigint;
  /** The cursor's `next_block` the caller read: the move fails when another writer moved it since. */
  expectedNextBlock: bigint;
  nextBlock: bigint;
  /** Hash of block `nextBlock - 1` (null when rewound below the start block). */
  indexedBlockHash: string | null;
}

/** The cursor moved under the caller (another replica indexed the chain): its work is rolled back. */
export class CursorMovedError extends StoreError {
  override name = "CursorMovedError";
  constructor(chainId: bigint, expected: bigint, found: bigint | undefined) {
    super(`cursor of chain ${chainId} is at ${found ?? "nothing"}, expected ${expected}`);
  }
}

/** Reads and moves the per-chain indexing cursors. */
@Injectable()
export class CursorRepository {
  constructor(private readonly db: Database) {}

  /** The chain's cursor, created at `startBlock` when it has none. */
  async ensure(parameters: EnsureCursorParameters, executor: StoreExecutor = this.db): Promise<ChainCursor> {
    const { chainId, eid, startBlock } = parameters;
    await executor
      .insertInto("chain_cursors")
      .values({
        chain_id: chainId,
        eid,
        start_block: startBlock,
        next_block: startBlock,
        indexed_block_hash: null,
      })
      .onConflict((conflict) => conflict.column("chain_id").doNothing())
      .execute();
    const cursor = await this.get(chainId, executor);
    if (cursor === undefined) throw new StoreError(`cursor of chain ${chainId} vanished`);
    return cursor;
  }

  /** The chain's cursor, or undefined. */
  async get(chainId: bigint, executor: StoreExecutor = this.db): Promise<ChainCursor | undefined> {
    return executor
      .selectFrom("chain_cursors")
      .selectAll()
      .where("chain_id", "=", chainId)
      .executeTakeFirst();
  }

  /** Every cursor, by chain id. */
  async list(executor: StoreExecutor = this.db): Promise<ChainCursor[]> {
    return executor.selectFrom("chain_cursors").selectAll().orderBy("chain_id").execute();
  }

  /**
   * Locks the chain's cursor row until the transaction ends (`SELECT ... FOR UPDATE`), so two
   * replicas never commit the same chain's range at once. Call inside a transaction.
   */
  async lock(executor: StoreExecutor, chainId: bigint): Promise<ChainCursor | undefined> {
    return executor
      .selectFrom("chain_cursors")
      .selectAll()
      .where("chain_id", "=", chainId)
      .forUpdate()
      .executeTakeFirst();
  }

  /**
   * Moves the cursor (forward after a range, back after a reorg). Throws {@link CursorMovedError}
   * when it is no longer at `expectedNextBlock`, which rolls back the caller's transaction.
   */
  async move(executor: StoreExecutor, parameters: MoveCursorParameters): Promise<void> {
    const { chainId, expectedNextBlock, nextBlock, indexedBlockHash } = parameters;
    const result = await executor
      .updateTable("chain_cursors")
      .set({ next_block: nextBlock, indexed_block_hash: indexedBlockHash, updated_at: new Date() })
      .where("chain_id", "=", chainId)
      .where("next_block", "=", expectedNextBlock)
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) {
      const found = await this.get(chainId, executor);
      throw new CursorMovedError(chainId, expectedNextBlock, found?.next_block);
    }
  }
}
