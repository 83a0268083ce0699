// Internal records of the projection. Every record reachable from a returned state is frozen by
// convention: `applyEvents` copies a record the first time it writes to it (copy on write, see
// Draft), so states share everything they did not change and an input state is never mutated.

import type { Hex } from "./address.js";
import type { EventKey } from "./events.js";
import type { Shards } from "./shards.js";

/** Order of an event on its chain: (blockNumber, logIndex), then block hash to break reorg ties. */
export interface EventOrder {
  blockNumber: bigint;
  logIndex: number;
  blockHash: string;
}

/**
 * What a parked-balance operation does: `add` grows parked (a credit over the cap, a seizure without
 * a free slot), `remove` shrinks it by exactly the amount (ParkedActivated), `release` takes
 * min(amount, parked) from parked and the rest from valued (MarginLedger._debit).
 */
export type ParkedOpKind = "add" | "remove" | "release";

/** One operation on the parked part of a balance, kept in chain order so the split is order-independent. */
export interface ParkedOp extends EventOrder {
  kind: ParkedOpKind;
  amount: bigint;
}

/**
 * A record `applyEvents` may change in place: `gen` is the generation (the applyEvents call) that
 * created or copied it. A call writes in place only to its own generation's records and copies any
 * other first; maps inside a record carry their own generation and are copied on their own first write.
 */
export interface Owned {
  gen: number;
}

/** An account's balance of one collateral (srcEid, asset) on one ledger. valued = total - parked. */
export interface BalanceRecord extends Owned {
  srcEid: number;
  asset: string;
  /** valued + parked: a plain sum of deltas, independent of order. */
  total: bigint;
  /** The parked part: the fold of `ops` in chain order. */
  parked: bigint;
  /** Parked-affecting operations and releases, sorted by chain order. */
  ops: ParkedOp[];
  /** Generation owning `ops` (shared with the record copied from until an operation is inserted). */
  opsGen: number;
}

/** A perp position, the latest PositionChanged by chain order. */
export interface PositionRecord extends EventOrder {
  size: bigint;
  openNotional: bigint;
}

/** One account on one ledger chain. */
export interface LedgerAccountRecord extends Owned {
  /** Signed quote cash (negative is debt): a sum of deltas. */
  cash: bigint;
  /** Keyed `${srcEid}:${asset}`; created on first use (most accounts have no collateral on most ledgers). */
  collateral: Map<string, BalanceRecord> | undefined;
  /** Keyed by market address; created on first use. */
  positions: Map<string, PositionRecord> | undefined;
  /** LP shares per market address; created on first use. */
  lpShares: Map<string, bigint> | undefined;
  /** Generation owning each map: a copied record shares its maps until one is written. */
  collateralGen: number;
  positionsGen: number;
  lpSharesGen: number;
}

/** One account across every chain. */
export interface AccountRecord extends Owned {
  /** Keyed by ledger eid. */
  ledgers: Map<number, LedgerAccountRecord>;
  /** Claimable per `${vaultEid}:${asset}`; created on first use. */
  claimable: Map<string, bigint> | undefined;
  /** Generation owning `claimable` (shared with the record copied from until written). */
  claimableGen: number;
}

/** One side of a message: its send (Locked, ReleaseRequested) or a delivery (Credited, Released, ReleaseClaimable). */
export interface MessageSide extends EventOrder {
  kind: "lock" | "release";
  /** Chain of the log (with blockHash and logIndex: its key). */
  chainId: number;
  vaultEid: number;
  ledgerEid: number;
  asset: string;
  /** Beneficiary of a LOCK, requester of a RELEASE (sends and Credited); recipient for Released/ReleaseClaimable. */
  account: string;
  /** The RELEASE recipient (ReleaseRequested, Released, ReleaseClaimable). */
  recipient: string | undefined;
  amount: bigint;
  blockTimestamp: bigint | undefined;
  /** A RELEASE that became claimable instead of being paid. */
  claimable: boolean;
}

/** A LayerZero message (LOCK or RELEASE) by guid, seen from both ends. Every field is always set (one shape). */
export interface MessageRecord extends Owned {
  guid: string;
  /** The kind of the earliest send (else of the earliest delivery). */
  kind: "lock" | "release";
  /** The earliest send by chain order. */
  send: MessageSide | undefined;
  /** The earliest delivery by chain order. */
  delivery: MessageSide | undefined;
  /** Later sends of the same guid (a duplicate), sorted; undefined in the normal case. */
  moreSends: readonly MessageSide[] | undefined;
  /** Later deliveries of the same guid (applied twice: invariant 4), sorted; undefined in the normal case. */
  moreDeliveries: readonly MessageSide[] | undefined;
}

/** Every send of a message, earliest first. */
export function sendsOf(message: MessageRecord): MessageSide[] {
  return message.send === undefined ? [] : [message.send, ...(message.moreSends ?? [])];
}

/** Every delivery of a message, earliest first. */
export function deliveriesOf(message: MessageRecord): MessageSide[] {
  return message.delivery === undefined ? [] : [message.delivery, ...(message.moreDeliveries ?? [])];
}

/** Totals of one lane (vault chain, ledger chain, asset). */
export interface LaneRecord extends Owned {
  vaultEid: number;
  ledgerEid: number;
  asset: string;
  /** Sum of Locked on the vault for this ledger. */
  lockedSent: bigint;
  /** Sum of Credited on the ledger from this vault. */
  credited: bigint;
  /** Sum of ReleaseRequested on the ledger for this vault. */
  releaseRequested: bigint;
  /** Sum of Released and ReleaseClaimable on the vault from this ledger. */
  released: bigint;
  /** Amount of LOCKs sent and not yet credited. */
  inFlightLock: bigint;
  /** Amount of RELEASEs debited and not yet applied on the vault. */
  inFlightRelease: bigint;
}

/** Totals of one asset in one vault. */
export interface VaultAssetRecord extends Owned {
  vaultEid: number;
  asset: string;
  /** Tokens that came in (Locked). */
  tokensIn: bigint;
  /** Tokens that went out (Released, Claimed). */
  tokensOut: bigint;
  /** Sum of claimable balances. */
  totalClaimable: bigint;
}

/** The latest applied rate of a share, by chain order. */
export interface RateRecord extends EventOrder {
  rate: bigint;
}

/** Totals of one ledger. */
export interface LedgerRecord extends Owned {
  eid: number;
  /** Sum of every account's cash, markets included. */
  totalCash: bigint;
  insuranceFund: bigint;
  /** Quote tokens that came in: cash and LP deposits, insurance deposits, liquidators' repayments. */
  quoteIn: bigint;
  /** Quote tokens that went out: cash and LP withdrawals, insurance withdrawals. */
  quoteOut: bigint;
  /** Sum of BadDebtSettled.socialized. */
  socializedLoss: bigint;
  /** Sum of BadDebtSettled.debt. */
  badDebt: bigint;
  /** Applied share rates per `${srcEid}:${asset}`. */
  rates: Map<string, RateRecord>;
}

/** The whole projection. */
export interface InternalState {
  /** Seen logs: `${chainId}:${blockHash}` -> log indexes, sharded by block hash. */
  seen: Shards<ReadonlySet<number>>;
  /** Accounts by lowercase address, sharded. */
  accounts: Shards<AccountRecord>;
  /** LOCK and RELEASE messages by lowercase guid, sharded. */
  messages: Shards<MessageRecord>;
  /**
   * Messages in flight (send seen, no delivery) and unmatched (delivery seen, no send), by guid,
   * sharded. Small in steady state; queries index them by account and lane (inFlightIndex).
   */
  open: Shards<MessageRecord>;
  /** Keyed `${vaultEid}:${ledgerEid}:${asset}`. */
  lanes: ReadonlyMap<string, LaneRecord>;
  /** Keyed `${vaultEid}:${asset}`. */
  vaults: ReadonlyMap<string, VaultAssetRecord>;
  /** Keyed by ledger eid. */
  ledgers: ReadonlyMap<number, LedgerRecord>;
  /** Guids of messages with an anomaly: duplicate send or delivery, or sides that disagree. */
  flagged: ReadonlySet<string>;
  /** Latest block timestamp seen on any chain (the default "now" of ages). */
  latestTimestamp: bigint;
  /** Number of distinct events applied. */
  eventCount: number;
}

/** a < b in chain order. */
export function isBefore(a: EventOrder, b: EventOrder): boolean {
  if (a.blockNumber !== b.blockNumber) return a.blockNumber < b.blockNumber;
  if (a.logIndex !== b.logIndex) return a.logIndex < b.logIndex;
  return a.blockHash < b.blockHash;
}

/** The key of the log a message side comes from. */
export function sideKey(side: MessageSide): EventKey {
  // Block hashes are stored lowercase 0x-hex (validated on the way in).
  return { chainId: side.chainId, blockHash: side.blockHash as Hex, logIndex: side.logIndex };
}
