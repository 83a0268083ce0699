import { Injectable } from "@nestjs/common";
import type { Insertable, Selectable } from "kysely";
import { chunks } from "./chunks.js";
import { Database, type StoreExecutor } from "./Database.js";
import type { EventTable } from "./StoreSchema.js";

/** An indexed event. */
export type StoredEvent = Selectable<EventTable>;
/** An event as the indexer writes it. */
export type NewEvent = Insertable<EventTable>;

/** Which events {@link EventRepository.list} and {@link EventRepository.count} return. */
export interface EventFilter {
  chainId?: bigint | undefined;
  eventName?: string | undefined;
  contract?: StoredEvent["contract"] | undefined;
  guid?: string | undefined;
  account?: string | undefined;
  fromBlock?: bigint | undefined;
  toBlock?: bigint | undefined;
  /** Only events inserted after this `id` (incremental readers). */
  afterId?: bigint | undefined;
  /** Only events with an `id` at or below this one (an incremental reader checking what it read is still there). */
  throughId?: bigint | undefined;
}

/** Parameters of {@link EventRepository.accountsSeen}. */
export interface AccountsSeenParameters {
  chainId: bigint;
  /** Only events of these contracts (e.g. a ledger and its markets). */
  contracts: readonly StoredEvent["contract"][];
  /** Only events inserted after this `id` (an incremental reader's watermark). */
  afterId?: bigint | undefined;
}

/** The return type of {@link EventRepository.accountsSeen}. */
export interface AccountsSeenReturnType {
  /** Distinct accounts, lowercase, sorted. */
  accounts: string[];
  /** The highest `id` of the events read; undefined when none matched. */
  lastId: bigint | undefined;
}

/** The `guid`s of endpoint events that carry delivery facts. */
const ENDPOINT_FACT_EVENTS = ["PacketVerified", "PacketDelivered"] as const;

/** A `PacketVerified`/`PacketDelivered` of a message. */
export interface EndpointFactEvent {
  guid: string;
  event_name: string;
  block_number: bigint;
  tx_hash: string;
}

/** Stores each log once, keyed by (chain id, block hash, log index). */
@Injectable()
export class EventRepository {
  constructor(private readonly db: Database) {}

  /** Inserts events; those already stored (same key) are skipped. Returns how many were new. */
  async insert(executor: StoreExecutor, events: readonly NewEvent[]): Promise<number> {
    let inserted = 0;
    for (const slice of chunks(events)) {
      const rows = await executor
        .insertInto("events")
        .values(slice)
        .onConflict((conflict) => conflict.columns(["chain_id", "block_hash", "log_index"]).doNothing())
        .returning("id")
        .execute();
      inserted += rows.length;
    }
    return inserted;
  }

  /**
   * Deletes the chain's events above `blockNumber` (a reorg's rewind): returns how many, and the
   * guids they carried, so the messages they concern can be brought back in line.
   */
  async deleteAbove(
    executor: StoreExecutor,
    chainId: bigint,
    blockNumber: bigint,
  ): Promise<{ deleted: number; guids: string[] }> {
    const rows = await executor
      .deleteFrom("events")
      .where("chain_id", "=", chainId)
      .where("block_number", ">", blockNumber)
      .returning("guid")
      .execute();
    return {
      deleted: rows.length,
      guids: [...new Set(rows.flatMap(({ guid }) => (guid === null ? [] : [guid])))],
    };
  }

  /** Events matching `filter`, in chain order (chain, block, log index); at most `limit`. */
  async list(
    filter: EventFilter = {},
    limit = 10_000,
    executor: StoreExecutor = this.db,
  ): Promise<StoredEvent[]> {
    return this.filtered(executor, filter)
      .selectAll()
      .orderBy("chain_id")
      .orderBy("block_number")
      .orderBy("log_index")
      .limit(limit)
      .execute();
  }

  /**
   * Events matching `filter` in insertion order (`id`); at most `limit`. An incremental reader pages
   * with `afterId` set to the last `id` it read. Within one chain, ids follow commit order (the
   * indexer inserts a chain's range after locking its cursor row), so a reader that keeps one
   * watermark per chain misses nothing.
   */
  async listInIdOrder(
    filter: EventFilter = {},
    limit = 10_000,
    executor: StoreExecutor = this.db,
  ): Promise<StoredEvent[]> {
    return this.filtered(executor, filter).selectAll().orderBy("id").limit(limit).execute();
  }

  /** How many events match `filter`. */
  async count(filter: EventFilter = {}, executor: StoreExecutor = this.db): Promise<number> {
    const { count } = await this.filtered(executor, filter)
      .select((eb) => eb.fn.countAll<bigint>().as("count"))
      .executeTakeFirstOrThrow();
    return Number(count);
  }

  /** The indexed `PacketVerified`/`PacketDelivered` events of these messages. */
  async endpointFacts(executor: StoreExecutor, guids: readonly string[]): Promise<EndpointFactEvent[]> {
    const out: EndpointFactEvent[] = [];
    for (const slice of chunks(guids)) {
      const rows = await executor
        .selectFrom("events")
        .select(["guid", "event_name", "block_number", "tx_hash"])
        .where("contract", "=", "endpoint")
        .where("event_name", "in", ENDPOINT_FACT_EVENTS)
        .where("guid", "in", slice)
        .orderBy("block_number")
        .execute();
      for (const row of rows) if (row.guid !== null) out.push({ ...row, guid: row.guid });
    }
    return out;
  }

  /**
   * The distinct `account`s of a chain's events emitted by `contracts` (lowercase, sorted), and the
   * highest event `id` among them: an incremental reader (the keeper's candidate list) passes it back
   * as `afterId` to read only the accounts of newer events.
   */
  async accountsSeen(
    parameters: AccountsSeenParameters,
    executor: StoreExecutor = this.db,
  ): Promise<AccountsSeenReturnType> {
    const { chainId, contracts, afterId } = parameters;
    if (contracts.length === 0) return { accounts: [], lastId: undefined };
    let query = executor
      .selectFrom("events")
      .select((eb) => ["account", eb.fn.max<bigint>("id").as("last_id")])
      .where("chain_id", "=", chainId)
      .where("contract", "in", contracts)
      .where("account", "is not", null);
    if (afterId !== undefined) query = query.where("id", ">", afterId);
    const rows = await query.groupBy("account").orderBy("account").execute();
    let lastId: bigint | undefined;
    const accounts: string[] = [];
    for (const row of rows) {
      if (row.account === null) continue;
      accounts.push(row.account);
      const id = BigInt(row.last_id); // int8: bigint on both backends (pgValues), BigInt() keeps it exact either way
      if (lastId === undefined || id > lastId) lastId = id;
    }
    return { accounts, lastId };
  }

  private filtered(executor: StoreExecutor, filter: EventFilter) {
    let query = executor.selectFrom("events");
    if (filter.chainId !== undefined) query = query.where("chain_id", "=", filter.chainId);
    if (filter.eventName !== undefined) query = query.where("event_name", "=", filter.eventName);
    if (filter.contract !== undefined) query = query.where("contract", "=", filter.contract);
    if (filter.guid !== undefined) query = query.where("guid", "=", filter.guid.toLowerCase());
    if (filter.account !== undefined) query = query.where("account", "=", filter.account.toLowerCase());
    if (filter.fromBlock !== undefined) query = query.where("block_number", ">=", filter.fromBlock);
    if (filter.toBlock !== undefined) query = query.where("block_number", "<=", filter.toBlock);
    if (filter.afterId !== undefined) query = query.where("id", ">", filter.afterId);
    if (filter.throughId !== undefined) query = query.where("id", "<=", filter.throughId);
    return query;
  }
}
