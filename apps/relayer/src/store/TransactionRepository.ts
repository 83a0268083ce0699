import { Injectable } from "@nestjs/common";
import type { Selectable } from "kysely";
import { Database, type StoreExecutor } from "./Database.js";
import type { TransactionStatus, TransactionTable } from "./StoreSchema.js";

/** A recorded relayer transaction. */
export type StoredTransaction = Selectable<TransactionTable>;

/** Parameters of {@link TransactionRepository.record}. */
export interface RecordTransactionParameters {
  chainId: bigint;
  from: string;
  nonce: bigint;
  /** The signed transaction's hash. */
  hash: string;
  purpose: string;
  messageGuid?: string | undefined;
  /** The signed transaction, to rebroadcast after a restart. */
  raw?: string | undefined;
  now: Date;
}

/** Parameters of {@link TransactionRepository.setStatus}. */
export interface SetTransactionStatusParameters {
  status: TransactionStatus;
  blockNumber?: bigint | undefined;
  error?: string | undefined;
  now: Date;
}

/**
 * The relayer's own transactions. Each is recorded (as `pending`) before it is broadcast, so a
 * restart finds what may be in flight and checks it instead of sending again.
 */
@Injectable()
export class TransactionRepository {
  constructor(private readonly db: Database) {}

  /**
   * Records a signed transaction before its broadcast; returns the row. Addresses and hashes are
   * stored lowercase. The same signed transaction recorded again (signing is deterministic: a
   * transaction dropped, or reorged out, and signed again with the same nonce and fees has the same
   * hash) keeps its one row, back to `pending` for the broadcast about to happen.
   */
  async record(
    parameters: RecordTransactionParameters,
    executor: StoreExecutor = this.db,
  ): Promise<StoredTransaction> {
    const { chainId, from, nonce, hash, purpose, messageGuid, raw, now } = parameters;
    return executor
      .insertInto("transactions")
      .values({
        chain_id: chainId,
        from_address: from.toLowerCase(),
        nonce,
        hash: hash.toLowerCase(),
        purpose,
        message_guid: messageGuid?.toLowerCase() ?? null,
        raw: raw ?? null,
        status: "pending",
        block_number: null,
        error: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((conflict) =>
        conflict.columns(["chain_id", "hash"]).doUpdateSet((update) => ({
          purpose: update.ref("excluded.purpose"),
          message_guid: update.ref("excluded.message_guid"),
          raw: update.ref("excluded.raw"),
          status: "pending",
          block_number: null,
          error: null,
          updated_at: update.ref("excluded.updated_at"),
        })),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Sets the outcome of the transaction `hash` on `chainId`; false when there is no such row. */
  async setStatus(
    chainId: bigint,
    hash: string,
    parameters: SetTransactionStatusParameters,
    executor: StoreExecutor = this.db,
  ): Promise<boolean> {
    const { status, blockNumber, error, now } = parameters;
    const result = await executor
      .updateTable("transactions")
      .set({ status, block_number: blockNumber ?? null, error: error ?? null, updated_at: now })
      .where("chain_id", "=", chainId)
      .where("hash", "=", hash.toLowerCase())
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** The sender's `pending` transactions on the chain, by nonce. */
  async pending(
    chainId: bigint,
    from: string,
    executor: StoreExecutor = this.db,
  ): Promise<StoredTransaction[]> {
    return executor
      .selectFrom("transactions")
      .selectAll()
      .where("chain_id", "=", chainId)
      .where("from_address", "=", from.toLowerCase())
      .where("status", "=", "pending")
      .orderBy("nonce")
      .orderBy("id")
      .execute();
  }

  /** The transactions sent for a message, oldest first. */
  async forMessage(guid: string, executor: StoreExecutor = this.db): Promise<StoredTransaction[]> {
    return executor
      .selectFrom("transactions")
      .selectAll()
      .where("message_guid", "=", guid.toLowerCase())
      .orderBy("id")
      .execute();
  }

  /** The highest nonce the sender used on the chain (any status), or undefined: where a nonce manager resumes. */
  async highestNonce(
    chainId: bigint,
    from: string,
    executor: StoreExecutor = this.db,
  ): Promise<bigint | undefined> {
    const row = await executor
      .selectFrom("transactions")
      .select((eb) => eb.fn.max("nonce").as("nonce"))
      .where("chain_id", "=", chainId)
      .where("from_address", "=", from.toLowerCase())
      .executeTakeFirst();
    return row?.nonce ?? undefined;
  }
}
