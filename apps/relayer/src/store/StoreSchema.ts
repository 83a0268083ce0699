import type { ColumnType, Generated } from "kysely";

/**
 * A JSON document (a `jsonb` column): read as the parsed value, written as its JSON text.
 * Bigints inside are decimal strings (see {@link toJsonArgs}).
 */
export type JsonColumn = ColumnType<JsonValue, string, string>;

/** A value that survives `JSON.stringify`/`JSON.parse` unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A `timestamptz` the database fills in on insert. */
type CreatedAt = ColumnType<Date, Date | undefined, Date>;

/**
 * `chain_cursors`: where the indexer of each chain stands. `next_block` is the first block not
 * indexed yet; `indexed_block_hash` is the hash of block `next_block - 1` as the indexer saw it
 * (null before the first range), which the next range's first block must name as its parent.
 */
export interface ChainCursorTable {
  chain_id: bigint;
  eid: number;
  /** The first block of the chain the indexer reads (the manifest's `startBlock`). */
  start_block: bigint;
  next_block: bigint;
  indexed_block_hash: string | null;
  updated_at: CreatedAt;
}

/** `blocks`: headers the indexer fetched (at least each range's first and last), for reorg detection. */
export interface BlockTable {
  chain_id: bigint;
  number: bigint;
  hash: string;
  parent_hash: string;
}

/** The contract of the manifest that emitted an event. */
export type ContractRole = "collateralVault" | "marginLedger" | "riskEngine" | "perpMarket" | "endpoint";

/**
 * `events`: every log of our contracts, once, keyed by (chain_id, block_hash, log_index). `id` is
 * an insertion sequence for consumers that read incrementally.
 */
export interface EventTable {
  id: Generated<bigint>;
  chain_id: bigint;
  block_hash: string;
  log_index: number;
  block_number: bigint;
  tx_hash: string;
  tx_index: number;
  /** Lowercase address of the emitting contract. */
  address: string;
  contract: ContractRole;
  event_name: string;
  /** Decoded arguments by name; bigints as decimal strings, addresses checksummed, bytes as hex. */
  args: JsonColumn;
  /** The LayerZero guid the event concerns (lowercase), when it has one. */
  guid: string | null;
  /** The `asset` argument (lowercase), when the event has one. */
  asset: string | null;
  /** The `account` argument (lowercase), when the event has one. */
  account: string | null;
  /** The `amount` argument (numeric(78,0)), when the event has one. */
  amount: bigint | null;
}

/** Where a LayerZero message stands. `failed`, `stuck` and `dead` are the delivery's judgments. */
export type MessageStatus = "sent" | "verified" | "delivered" | "failed" | "stuck" | "dead";

/** Every {@link MessageStatus}, for checks and queries. */
export const MESSAGE_STATUSES = ["sent", "verified", "delivered", "failed", "stuck", "dead"] as const;

/** The Ballast payload type of a message; `UNKNOWN` when the payload did not decode. */
export type MessageKind = "LOCK" | "RELEASE" | "RATE" | "UNKNOWN";

/**
 * `messages`: one row per LayerZero packet our OApps sent, keyed by guid (and unique per pathway
 * and nonce). The lease columns let several relayer replicas split delivery without doing a
 * packet twice.
 */
export interface MessageTable {
  guid: string;
  src_eid: number;
  dst_eid: number;
  /** bytes32 sender (lowercase). */
  sender: string;
  /** bytes32 receiver (lowercase). */
  receiver: string;
  /** uint64, kept exact in numeric(20,0). */
  nonce: bigint;
  message_type: MessageKind;
  /** The asset on the vault's chain (lowercase); null for UNKNOWN. */
  asset: string | null;
  /** LOCK beneficiary or RELEASE recipient (lowercase). */
  account: string | null;
  /** LOCK/RELEASE amount (numeric(78,0)). */
  amount: bigint | null;
  /** LOCK/RATE share rate (numeric(78,0)). */
  rate: bigint | null;
  /** The OApp message bytes. */
  payload: string;
  /** The whole packet (`PacketSent.encodedPayload`): what the receive library verifies. */
  encoded_packet: string;
  options: string;
  status: MessageStatus;
  attempts: number;
  next_attempt_at: Date | null;
  last_error: string | null;
  lease_owner: string | null;
  lease_until: Date | null;
  sent_chain_id: bigint;
  sent_block_number: bigint;
  sent_block_hash: string;
  sent_tx_hash: string;
  sent_log_index: number;
  verified_block_number: bigint | null;
  verified_tx_hash: string | null;
  delivered_block_number: bigint | null;
  delivered_tx_hash: string | null;
  created_at: Date;
  updated_at: Date;
  verified_at: Date | null;
  delivered_at: Date | null;
  /**
   * When a reorg removed the block of its `PacketSent` after the destination had verified or
   * delivered it; while set, the relayer does not deliver it. Cleared when the packet is indexed again.
   */
  source_reorged_at: Date | null;
}

/** Where a relayer transaction stands. */
export type TransactionStatus = "pending" | "mined" | "reverted" | "replaced" | "dropped";

/** Every {@link TransactionStatus}. */
export const TRANSACTION_STATUSES = ["pending", "mined", "reverted", "replaced", "dropped"] as const;

/** `transactions`: each transaction the relayer signs, recorded before it is broadcast. */
export interface TransactionTable {
  id: Generated<bigint>;
  chain_id: bigint;
  /** Lowercase sender. */
  from_address: string;
  nonce: bigint;
  /** Lowercase transaction hash (known once signed). */
  hash: string;
  /** What it is for: "verify", "execute", "liquidate", "syncRate", "pause", ... */
  purpose: string;
  message_guid: string | null;
  /** The signed transaction, to rebroadcast after a restart. */
  raw: string | null;
  status: TransactionStatus;
  block_number: bigint | null;
  error: string | null;
  created_at: Date;
  updated_at: Date;
}

/** The relayer's database, as Kysely sees it. */
export interface StoreSchema {
  chain_cursors: ChainCursorTable;
  blocks: BlockTable;
  events: EventTable;
  messages: MessageTable;
  transactions: TransactionTable;
}
