import { Injectable } from "@nestjs/common";
import type { Insertable, Selectable } from "kysely";
import { chunks } from "./chunks.js";
import { Database, type StoreExecutor } from "./Database.js";
import { nextMessageStatus } from "./nextMessageStatus.js";
import type { MessageStatus, MessageTable } from "./StoreSchema.js";

/** A stored message. */
export type StoredMessage = Selectable<MessageTable>;
/** A message as the indexer writes it. */
export type NewMessage = Insertable<MessageTable>;

/**
 * Destination blocks an indexer has just examined (committed or rewound) on chain `eid`: from
 * `fromBlock` to `toBlock` (no upper bound when undefined).
 */
export interface ExaminedBlocks {
  eid: number;
  fromBlock: bigint;
  toBlock?: bigint | undefined;
}

/** The newest message of a pathway (src eid, sender, dst eid, receiver). */
export interface PathwayHead {
  sender: string;
  dst_eid: number;
  receiver: string;
  /** The highest stored nonce. */
  nonce: bigint;
  /** The block its `PacketSent` is in. */
  sent_block_number: bigint;
}

/** A LayerZero pathway: source eid, sender (bytes32), destination eid, receiver (bytes32). */
export interface Pathway {
  src_eid: number;
  sender: string;
  dst_eid: number;
  receiver: string;
}

/** Parameters of {@link MessageRepository.lease}. */
export interface LeaseMessagesParameters {
  /** Who takes the lease (a replica id). */
  owner: string;
  now: Date;
  /** How long the lease lasts. */
  leaseMs: number;
  /** Most messages to take. */
  limit: number;
  /** Statuses to take; default sent, verified and failed (the ones delivery acts on). */
  statuses?: readonly MessageStatus[] | undefined;
  /** Only messages to this destination. */
  dstEid?: number | undefined;
  /** Leave the messages of these pathways (another pass of this process is on them). */
  excludePathways?: readonly Pathway[] | undefined;
}

/** Parameters of {@link MessageRepository.recordFailure}. */
export interface RecordFailureParameters {
  guid: string;
  /** The lease holder; the failure is recorded only while it holds the lease. */
  owner: string;
  error: string;
  now: Date;
  /** When to try again (ignored when the message goes dead). */
  retryAt: Date;
  /** Attempts after which the message is dead instead of failed. */
  maxAttempts: number;
}

/** What {@link MessageRepository.detachSentAbove} did. */
export interface DetachSentAboveReturnType {
  /** Messages whose `PacketSent` left the chain, deleted. */
  deleted: string[];
  /** Messages the destination already verified or delivered, kept and flagged in `last_error`. */
  flagged: string[];
}

/** Parameters of {@link MessageRepository.markDelivered}. */
export interface MarkDeliveredParameters {
  guid: string;
  /** The lease holder; nothing changes unless it holds the lease. */
  owner: string;
  now: Date;
  /** The execution transaction, when this relayer's own transaction delivered the packet. */
  txHash?: string | undefined;
  /** Its block on the destination chain. */
  blockNumber?: bigint | undefined;
}

/** Parameters of {@link MessageRepository.deferLease}. */
export interface DeferLeaseParameters {
  guid: string;
  /** The lease holder; nothing changes unless it holds the lease. */
  owner: string;
  now: Date;
  /** When the message is due again. */
  until: Date;
  /** Why it waits (kept in `last_error`); left as it is when undefined. */
  reason?: string | undefined;
}

const DELIVERABLE: readonly MessageStatus[] = ["sent", "verified", "failed"];

/**
 * LayerZero messages: created from `PacketSent`, moved by the destination's endpoint events, and
 * leased to one delivery worker at a time (`FOR UPDATE SKIP LOCKED`, on PGlite and PostgreSQL).
 */
@Injectable()
export class MessageRepository {
  constructor(private readonly db: Database) {}

  /**
   * Inserts messages; one already stored keeps its delivery state, and takes the new `PacketSent`
   * position and packet (and loses its `source_reorged_at`) when a reorg re-included its guid in
   * another block. Returns the guids written.
   */
  async insert(executor: StoreExecutor, messages: readonly NewMessage[]): Promise<string[]> {
    const written: string[] = [];
    for (const slice of chunks(messages)) {
      const rows = await executor
        .insertInto("messages")
        .values(slice)
        .onConflict((conflict) =>
          conflict
            .column("guid")
            .doUpdateSet((update) => ({
              sent_block_number: update.ref("excluded.sent_block_number"),
              sent_block_hash: update.ref("excluded.sent_block_hash"),
              sent_tx_hash: update.ref("excluded.sent_tx_hash"),
              sent_log_index: update.ref("excluded.sent_log_index"),
              // The packet as the canonical chain has it now (another packet may reuse the guid's nonce).
              message_type: update.ref("excluded.message_type"),
              asset: update.ref("excluded.asset"),
              account: update.ref("excluded.account"),
              amount: update.ref("excluded.amount"),
              rate: update.ref("excluded.rate"),
              payload: update.ref("excluded.payload"),
              encoded_packet: update.ref("excluded.encoded_packet"),
              options: update.ref("excluded.options"),
              source_reorged_at: null,
              last_error: null,
              updated_at: update.ref("excluded.updated_at"),
            }))
            .where("messages.sent_block_hash", "<>", (eb) => eb.ref("excluded.sent_block_hash")),
        )
        .returning("guid")
        .execute();
      for (const { guid } of rows) written.push(guid);
    }
    return written;
  }

  /** The message, or undefined. */
  async get(guid: string, executor: StoreExecutor = this.db): Promise<StoredMessage | undefined> {
    return executor
      .selectFrom("messages")
      .selectAll()
      .where("guid", "=", guid.toLowerCase())
      .executeTakeFirst();
  }

  /** The stored messages among `guids` (any case), in no particular order; unknown guids are left out. */
  async getMany(guids: readonly string[], executor: StoreExecutor = this.db): Promise<StoredMessage[]> {
    const out: StoredMessage[] = [];
    const lower = [...new Set(guids.map((guid) => guid.toLowerCase()))];
    for (const slice of chunks(lower)) {
      out.push(...(await executor.selectFrom("messages").selectAll().where("guid", "in", slice).execute()));
    }
    return out;
  }

  /** Messages, oldest first, optionally of one status or pathway end. */
  async list(
    filter: {
      status?: MessageStatus | undefined;
      srcEid?: number | undefined;
      dstEid?: number | undefined;
    } = {},
    limit = 1_000,
    executor: StoreExecutor = this.db,
  ): Promise<StoredMessage[]> {
    let query = executor.selectFrom("messages").selectAll();
    if (filter.status !== undefined) query = query.where("status", "=", filter.status);
    if (filter.srcEid !== undefined) query = query.where("src_eid", "=", filter.srcEid);
    if (filter.dstEid !== undefined) query = query.where("dst_eid", "=", filter.dstEid);
    return query.orderBy("created_at").orderBy("src_eid").orderBy("nonce").limit(limit).execute();
  }

  /** How many messages are in each status (every status present, 0 when none). */
  async countByStatus(executor: StoreExecutor = this.db): Promise<Record<MessageStatus, number>> {
    const rows = await executor
      .selectFrom("messages")
      .select((eb) => ["status", eb.fn.countAll<bigint>().as("count")])
      .groupBy("status")
      .execute();
    const counts: Record<MessageStatus, number> = {
      sent: 0,
      verified: 0,
      delivered: 0,
      failed: 0,
      stuck: 0,
      dead: 0,
    };
    for (const { status, count } of rows) counts[status] = Number(count);
    return counts;
  }

  /** The newest stored message of each pathway leaving `srcEid`. */
  async pathwayHeads(executor: StoreExecutor, srcEid: number): Promise<PathwayHead[]> {
    return executor
      .selectFrom("messages")
      .select(["sender", "dst_eid", "receiver", "nonce", "sent_block_number"])
      .distinctOn(["sender", "dst_eid", "receiver"])
      .where("src_eid", "=", srcEid)
      .orderBy("sender")
      .orderBy("dst_eid")
      .orderBy("receiver")
      .orderBy("nonce", "desc")
      .execute();
  }

  /**
   * Brings the messages' status in line with the indexed `PacketVerified`/`PacketDelivered` events
   * of the destination (after events were indexed or removed by a reorg). A verification or delivery
   * the message records without an indexed event (the relayer's own receipt) is undone only when its
   * block lies in `examined`, the destination blocks the caller's indexer has just committed or
   * rewound; above what the destination's indexer has examined, the receipt stands until it gets
   * there. Returns how many changed.
   */
  async syncEndpointFacts(
    executor: StoreExecutor,
    guids: readonly string[],
    now: Date,
    examined: ExaminedBlocks,
  ): Promise<number> {
    let changed = 0;
    for (const slice of chunks(guids)) {
      const messages = await executor
        .selectFrom("messages")
        .select([
          "guid",
          "dst_eid",
          "status",
          "verified_block_number",
          "verified_tx_hash",
          "delivered_block_number",
          "delivered_tx_hash",
        ])
        .where("guid", "in", slice)
        .execute();
      if (messages.length === 0) continue;
      const facts = await executor
        .selectFrom("events")
        .select(["guid", "event_name", "block_number", "tx_hash"])
        .where("contract", "=", "endpoint")
        .where("event_name", "in", ["PacketVerified", "PacketDelivered"])
        .where(
          "guid",
          "in",
          messages.map((message) => message.guid),
        )
        .orderBy("block_number")
        .execute();
      for (const message of messages) {
        const inExamined = (block: bigint | null) =>
          block !== null &&
          message.dst_eid === examined.eid &&
          block >= examined.fromBlock &&
          (examined.toBlock === undefined || block <= examined.toBlock);
        const fact = (eventName: string, block: bigint | null, txHash: string | null) => {
          const indexed = facts.find((f) => f.guid === message.guid && f.event_name === eventName);
          if (indexed !== undefined) return { block_number: indexed.block_number, tx_hash: indexed.tx_hash };
          // Recorded from a receipt in a block the destination's indexer has not examined: kept.
          if (block !== null && !inExamined(block)) return { block_number: block, tx_hash: txHash };
          return undefined;
        };
        const verified = fact("PacketVerified", message.verified_block_number, message.verified_tx_hash);
        const delivered = fact("PacketDelivered", message.delivered_block_number, message.delivered_tx_hash);
        const status = nextMessageStatus(message.status, {
          verified: verified !== undefined,
          delivered: delivered !== undefined,
        });
        const verifiedBlock = verified?.block_number ?? null;
        const deliveredBlock = delivered?.block_number ?? null;
        if (
          status === message.status &&
          verifiedBlock === message.verified_block_number &&
          deliveredBlock === message.delivered_block_number
        ) {
          continue;
        }
        await executor
          .updateTable("messages")
          .set({
            status,
            verified_block_number: verifiedBlock,
            verified_tx_hash: verified?.tx_hash ?? null,
            delivered_block_number: deliveredBlock,
            delivered_tx_hash: delivered?.tx_hash ?? null,
            updated_at: now,
            // First seen now; kept while the fact stays, cleared when a reorg removes it.
            ...(verified === undefined
              ? { verified_at: null }
              : message.verified_block_number === null
                ? { verified_at: now }
                : {}),
            ...(delivered === undefined
              ? { delivered_at: null }
              : message.delivered_block_number === null
                ? { delivered_at: now, next_attempt_at: null }
                : {}),
          })
          .where("guid", "=", message.guid)
          .execute();
        changed++;
      }
    }
    return changed;
  }

  /**
   * Guids of the messages to `dstEid` whose delivery is recorded in a block from `fromBlock` to
   * `toBlock` (no upper bound when undefined), however it was recorded: the indexed
   * `PacketDelivered`, or the delivery's own receipt (`markDelivered`) before the indexer reached
   * that block. The indexer re-checks them against the events of those blocks (a receipt of a block
   * that was reorged out leaves a message `delivered` that nothing on chain delivered).
   */
  async deliveredBetween(
    executor: StoreExecutor,
    dstEid: number,
    fromBlock: bigint,
    toBlock?: bigint | undefined,
  ): Promise<string[]> {
    let query = executor
      .selectFrom("messages")
      .select("guid")
      .where("dst_eid", "=", dstEid)
      .where("delivered_block_number", ">=", fromBlock);
    if (toBlock !== undefined) query = query.where("delivered_block_number", "<=", toBlock);
    return (await query.execute()).map(({ guid }) => guid);
  }

  /**
   * A reorg removed the source chain's blocks above `blockNumber`: deletes the messages whose
   * `PacketSent` was there, except those the destination already verified or delivered, which are
   * kept with `source_reorged_at` set and a `last_error` saying so: not delivered (a packet whose send
   * no longer exists would credit or pay what nobody sent) until a re-indexed `PacketSent` clears it.
   */
  async detachSentAbove(
    executor: StoreExecutor,
    chainId: bigint,
    blockNumber: bigint,
    now: Date,
  ): Promise<DetachSentAboveReturnType> {
    const flagged = await executor
      .updateTable("messages")
      .set({
        last_error: `its PacketSent was reorged out above block ${blockNumber}`,
        source_reorged_at: now,
        updated_at: now,
      })
      .where("sent_chain_id", "=", chainId)
      .where("sent_block_number", ">", blockNumber)
      .where((eb) =>
        eb.or([eb("verified_block_number", "is not", null), eb("delivered_block_number", "is not", null)]),
      )
      .returning("guid")
      .execute();
    const deleted = await executor
      .deleteFrom("messages")
      .where("sent_chain_id", "=", chainId)
      .where("sent_block_number", ">", blockNumber)
      .where("verified_block_number", "is", null)
      .where("delivered_block_number", "is", null)
      .returning("guid")
      .execute();
    return { deleted: deleted.map(({ guid }) => guid), flagged: flagged.map(({ guid }) => guid) };
  }

  /**
   * Takes a lease on up to `limit` due messages nobody holds (free or expired lease, `next_attempt_at`
   * passed), oldest first, and returns them. Rows another transaction is leasing are skipped
   * (`FOR UPDATE SKIP LOCKED`), so concurrent replicas get disjoint sets.
   */
  async lease(
    parameters: LeaseMessagesParameters,
    executor: StoreExecutor = this.db,
  ): Promise<StoredMessage[]> {
    const { owner, now, leaseMs, limit, statuses = DELIVERABLE, dstEid, excludePathways = [] } = parameters;
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const leased = await executor
      .updateTable("messages")
      .set({ lease_owner: owner, lease_until: leaseUntil, updated_at: now })
      .where("guid", "in", (eb) => {
        let due = eb
          .selectFrom("messages")
          .select("guid")
          .where("status", "in", statuses)
          .where("source_reorged_at", "is", null) // its send is not on the canonical chain
          .where((w) => w.or([w("next_attempt_at", "is", null), w("next_attempt_at", "<=", now)]))
          .where((w) => w.or([w("lease_until", "is", null), w("lease_until", "<=", now)]));
        if (dstEid !== undefined) due = due.where("dst_eid", "=", dstEid);
        if (excludePathways.length > 0) {
          due = due.where((w) =>
            w.not(
              w.or(
                excludePathways.map((p) =>
                  w.and([
                    w("src_eid", "=", p.src_eid),
                    w("sender", "=", p.sender),
                    w("dst_eid", "=", p.dst_eid),
                    w("receiver", "=", p.receiver),
                  ]),
                ),
              ),
            ),
          );
        }
        return due.orderBy("created_at").orderBy("nonce").limit(limit).forUpdate().skipLocked();
      })
      .returningAll()
      .execute();
    // UPDATE ... RETURNING does not keep the subquery's order
    return leased.sort(
      (x, y) =>
        x.created_at.getTime() - y.created_at.getTime() ||
        (x.nonce < y.nonce ? -1 : x.nonce > y.nonce ? 1 : 0),
    );
  }

  /** Extends `owner`'s lease; false when it no longer holds it. */
  async renewLease(guid: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
    const result = await this.db
      .updateTable("messages")
      .set({ lease_until: new Date(now.getTime() + leaseMs), updated_at: now })
      .where("guid", "=", guid)
      .where("lease_owner", "=", owner)
      .where("lease_until", ">", now)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** Gives back `owner`'s lease (work done or abandoned at shutdown); false when it did not hold it. */
  async releaseLease(guid: string, owner: string, executor: StoreExecutor = this.db): Promise<boolean> {
    const result = await executor
      .updateTable("messages")
      .set({ lease_owner: null, lease_until: null })
      .where("guid", "=", guid)
      .where("lease_owner", "=", owner)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /**
   * Records a failed attempt by the lease holder: one more attempt, the reason, and either
   * `failed` with `next_attempt_at = retryAt` or `dead` after `maxAttempts`. Releases the lease.
   * Returns the new status, or undefined when `owner` did not hold the lease (nothing changed).
   */
  async recordFailure(parameters: RecordFailureParameters): Promise<MessageStatus | undefined> {
    const { guid, owner, error, now, retryAt, maxAttempts } = parameters;
    const row = await this.db
      .updateTable("messages")
      .set((eb) => ({
        attempts: eb("attempts", "+", 1),
        status: eb
          .case()
          .when("attempts", ">=", maxAttempts - 1)
          .then(eb.val<MessageStatus>("dead"))
          .else(eb.val<MessageStatus>("failed"))
          .end(),
        next_attempt_at: eb
          .case()
          .when("attempts", ">=", maxAttempts - 1)
          .then(null)
          .else(eb.cast<Date | null>(eb.val(retryAt), "timestamptz"))
          .end(),
        last_error: error,
        lease_owner: null,
        lease_until: null,
        updated_at: now,
      }))
      .where("guid", "=", guid)
      .where("lease_owner", "=", owner)
      .where("status", "<>", "delivered")
      .returning("status")
      .executeTakeFirst();
    return row?.status;
  }

  // ---------------------------------------------------------------- delivery (additive)

  /**
   * The lease holder records the packet as delivered (its own execution, or one found on chain):
   * status `delivered`, `delivered_at` (kept when already set), the transaction and block when
   * given (kept when the indexer already set them), no retry, lease released. Returns false when
   * `owner` did not hold the lease (nothing changed).
   */
  async markDelivered(parameters: MarkDeliveredParameters): Promise<boolean> {
    const { guid, owner, now, txHash, blockNumber } = parameters;
    const result = await this.db
      .updateTable("messages")
      .set((eb) => ({
        status: "delivered",
        delivered_at: eb.fn.coalesce("delivered_at", eb.cast<Date>(eb.val(now), "timestamptz")),
        delivered_tx_hash: eb.fn.coalesce(
          "delivered_tx_hash",
          eb.cast<string | null>(eb.val(txHash?.toLowerCase() ?? null), "text"),
        ),
        delivered_block_number: eb.fn.coalesce(
          "delivered_block_number",
          eb.cast<bigint | null>(eb.val(blockNumber ?? null), "bigint"),
        ),
        next_attempt_at: null,
        lease_owner: null,
        lease_until: null,
        updated_at: now,
      }))
      .where("guid", "=", guid.toLowerCase())
      .where("lease_owner", "=", owner)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /**
   * The lease holder gives the message back without counting an attempt (it waits for something
   * outside the relayer: an RPC that did not answer, DVNs, an earlier nonce): due again at `until`,
   * with `reason` in `last_error` when given. Returns false when `owner` did not hold the lease.
   */
  async deferLease(parameters: DeferLeaseParameters): Promise<boolean> {
    const { guid, owner, now, until, reason } = parameters;
    const result = await this.db
      .updateTable("messages")
      .set({
        next_attempt_at: until,
        lease_owner: null,
        lease_until: null,
        updated_at: now,
        ...(reason === undefined ? {} : { last_error: reason }),
      })
      .where("guid", "=", guid.toLowerCase())
      .where("lease_owner", "=", owner)
      .where("status", "<>", "delivered")
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /**
   * Leases one message by guid (not delivered, and free, expired or already `owner`'s), e.g. to
   * reconcile a transaction recorded for it. Returns the leased row, or undefined.
   */
  async claimLease(
    guid: string,
    owner: string,
    now: Date,
    leaseMs: number,
  ): Promise<StoredMessage | undefined> {
    return this.db
      .updateTable("messages")
      .set({ lease_owner: owner, lease_until: new Date(now.getTime() + leaseMs), updated_at: now })
      .where("guid", "=", guid.toLowerCase())
      .where("status", "<>", "delivered")
      .where((w) =>
        w.or([w("lease_until", "is", null), w("lease_until", "<=", now), w("lease_owner", "=", owner)]),
      )
      .returningAll()
      .executeTakeFirst();
  }

  /** Releases every lease `owner` holds (a replica starting again under the same id, or stopping). Returns how many. */
  async releaseLeasesOf(owner: string): Promise<number> {
    const result = await this.db
      .updateTable("messages")
      .set({ lease_owner: null, lease_until: null })
      .where("lease_owner", "=", owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Marks `sent`/`verified` messages among `guids` as `stuck` (delivery's judgment: older than the
   * threshold). Returns the guids this call changed, so one replica alerts once.
   */
  async markStuck(guids: readonly string[], now: Date): Promise<string[]> {
    if (guids.length === 0) return [];
    const changed: string[] = [];
    for (const slice of chunks(guids)) {
      const rows = await this.db
        .updateTable("messages")
        .set({ status: "stuck", updated_at: now })
        .where("guid", "in", slice)
        .where("status", "in", ["sent", "verified"])
        .returning("guid")
        .execute();
      for (const { guid } of rows) changed.push(guid);
    }
    return changed;
  }

  /**
   * The operator's retry: a `failed` or `dead` message goes back to `verified` (when the
   * destination's `PacketVerified` is indexed) or `sent`, with no attempts and due at once.
   * Returns the row, or undefined when there is no such message in one of those statuses.
   */
  async requeue(guid: string, now: Date): Promise<StoredMessage | undefined> {
    return this.db
      .updateTable("messages")
      .set((eb) => ({
        status: eb
          .case()
          .when("verified_block_number", "is not", null)
          .then(eb.val<MessageStatus>("verified"))
          .else(eb.val<MessageStatus>("sent"))
          .end(),
        attempts: 0,
        next_attempt_at: null,
        lease_owner: null,
        lease_until: null,
        updated_at: now,
      }))
      .where("guid", "=", guid.toLowerCase())
      .where("status", "in", ["failed", "dead"])
      .returningAll()
      .executeTakeFirst();
  }
}
