// Copy on write for one applyEvents call. Each record carries the generation (the call) that made
// it; a call writes in place only to records of its own generation and copies any other on first
// write (nested maps are copied lazily, on their own first write). The large tables are tries
// (shards.ts) copied leaf by leaf. The state given to applyEvents is never mutated, and a call
// costs about what its events touch, not the size of the state.

import type { Hex } from "./address.js";
import type { BallastEvent } from "./events.js";
import { pairKey, tripleKey } from "./internKey.js";
import { readBytes32 } from "./readEvent.js";
import type {
  AccountRecord,
  BalanceRecord,
  InternalState,
  LaneRecord,
  LedgerAccountRecord,
  LedgerRecord,
  MessageRecord,
  ParkedOp,
  PositionRecord,
  VaultAssetRecord,
} from "./records.js";
import { ShardedDraft } from "./shards.js";

/** The block a chain's events last came from, and its seen log indexes. */
interface LastBlock {
  /** The hash as given (compared first: the same string object, or equal text). */
  rawHash: string;
  /** The hash lowercase. */
  hash: Hex;
  /** `${chainId}:${hash}`. */
  key: string;
  set: ReadonlySet<number>;
  /** `set` when this call owns it (may add to it). */
  owned: Set<number> | undefined;
}

function readBlockHash(event: BallastEvent, value: Hex): Hex {
  return `0x${readBytes32(event, "key.blockHash", value).slice(2)}`;
}

let generations = 0;

/** A number no earlier applyEvents call used. */
function nextGeneration(): number {
  generations += 1;
  return generations;
}

/** A projection being advanced by one applyEvents call. */
export class Draft {
  /** This call's generation: records with this `gen` were created or copied by it and may change in place. */
  private readonly gen = nextGeneration();
  private readonly seen: ShardedDraft<ReadonlySet<number>>;
  /** Log-index sets created or copied in this call, by seen key. */
  private readonly seenOwned = new Map<string, Set<number>>();
  private readonly accounts: ShardedDraft<AccountRecord>;
  private readonly messages: ShardedDraft<MessageRecord>;
  /** Messages in flight or unmatched, by guid. */
  readonly open: ShardedDraft<MessageRecord>;
  private readonly lanes: Map<string, LaneRecord>;
  private readonly vaults: Map<string, VaultAssetRecord>;
  private readonly ledgers: Map<number, LedgerRecord>;
  readonly flagged: Set<string>;
  latestTimestamp: bigint;
  eventCount: number;

  constructor(base: InternalState) {
    this.seen = new ShardedDraft(base.seen);
    this.accounts = new ShardedDraft(base.accounts);
    this.messages = new ShardedDraft(base.messages);
    this.open = new ShardedDraft(base.open);
    this.lanes = new Map(base.lanes);
    this.vaults = new Map(base.vaults);
    this.ledgers = new Map(base.ledgers);
    this.flagged = new Set(base.flagged);
    this.latestTimestamp = base.latestTimestamp;
    this.eventCount = base.eventCount;
  }

  /** Per chain, the block last looked up (events of one block come together, chains interleave). */
  private readonly lastBlocks = new Map<number, LastBlock>();

  /**
   * Records log (chainId, blockHash, logIndex) as applied and returns the block hash lowercase, or
   * undefined when the log was applied before (the event is then skipped).
   */
  markSeen(event: BallastEvent, chainId: number, rawHash: Hex, logIndex: number): Hex | undefined {
    let last = this.lastBlocks.get(chainId);
    if (last === undefined || rawHash !== last.rawHash) {
      const hash = readBlockHash(event, rawHash);
      const key = `${chainId}:${hash}`;
      const owned = this.seenOwned.get(key);
      last = { rawHash, hash, key, set: owned ?? this.seen.get(key) ?? new Set(), owned };
      this.lastBlocks.set(chainId, last);
    }
    if (last.set.has(logIndex)) return undefined;
    let set = last.owned;
    if (set === undefined) {
      set = new Set(last.set);
      this.seenOwned.set(last.key, set);
      this.seen.set(last.key, set);
      last.set = set;
      last.owned = set;
    }
    set.add(logIndex);
    return last.hash;
  }

  /** The account last returned (events touch the same account several times in a row). */
  private lastAccount: AccountRecord | undefined;
  private lastAddress = "";

  account(address: string): AccountRecord {
    if (address === this.lastAddress && this.lastAccount !== undefined) return this.lastAccount;
    const record = this.ownAccount(address);
    this.lastAddress = address;
    this.lastAccount = record;
    return record;
  }

  private ownAccount(address: string): AccountRecord {
    let record = this.accounts.get(address);
    if (record === undefined) {
      record = { gen: this.gen, ledgers: new Map(), claimable: undefined, claimableGen: this.gen };
    } else if (record.gen === this.gen) {
      return record;
    } else {
      record = { ...record, gen: this.gen, ledgers: new Map(record.ledgers) };
    }
    this.accounts.set(address, record);
    return record;
  }

  /** The account's claimable balances, writable. */
  claimable(address: string): Map<string, bigint> {
    const account = this.account(address);
    if (account.claimable === undefined || account.claimableGen !== this.gen) {
      account.claimable = new Map(account.claimable);
      account.claimableGen = this.gen;
    }
    return account.claimable;
  }

  ledgerAccount(address: string, ledgerEid: number): LedgerAccountRecord {
    const account = this.account(address);
    let record = account.ledgers.get(ledgerEid);
    if (record === undefined) {
      const gen = this.gen;
      record = {
        gen,
        cash: 0n,
        collateral: undefined,
        positions: undefined,
        lpShares: undefined,
        collateralGen: gen,
        positionsGen: gen,
        lpSharesGen: gen,
      };
    } else if (record.gen === this.gen) {
      return record;
    } else {
      // The maps stay shared (their own generations tell) until an event writes to one.
      record = { ...record, gen: this.gen };
    }
    account.ledgers.set(ledgerEid, record);
    return record;
  }

  /** The account's collateral balances on a ledger, writable (the records in it are not). */
  private collateral(address: string, ledgerEid: number): Map<string, BalanceRecord> {
    const ledgerAccount = this.ledgerAccount(address, ledgerEid);
    if (ledgerAccount.collateral === undefined || ledgerAccount.collateralGen !== this.gen) {
      ledgerAccount.collateral = new Map(ledgerAccount.collateral);
      ledgerAccount.collateralGen = this.gen;
    }
    return ledgerAccount.collateral;
  }

  /** The account's positions on a ledger, writable. */
  positions(address: string, ledgerEid: number): Map<string, PositionRecord> {
    const ledgerAccount = this.ledgerAccount(address, ledgerEid);
    if (ledgerAccount.positions === undefined || ledgerAccount.positionsGen !== this.gen) {
      ledgerAccount.positions = new Map(ledgerAccount.positions);
      ledgerAccount.positionsGen = this.gen;
    }
    return ledgerAccount.positions;
  }

  /** The account's LP shares on a ledger, writable. */
  lpShares(address: string, ledgerEid: number): Map<string, bigint> {
    const ledgerAccount = this.ledgerAccount(address, ledgerEid);
    if (ledgerAccount.lpShares === undefined || ledgerAccount.lpSharesGen !== this.gen) {
      ledgerAccount.lpShares = new Map(ledgerAccount.lpShares);
      ledgerAccount.lpSharesGen = this.gen;
    }
    return ledgerAccount.lpShares;
  }

  balance(address: string, ledgerEid: number, srcEid: number, asset: string): BalanceRecord {
    const key = pairKey(srcEid, asset);
    const collateral = this.ledgerAccount(address, ledgerEid).collateral;
    let record = collateral?.get(key);
    if (record === undefined) {
      record = { gen: this.gen, srcEid, asset, total: 0n, parked: 0n, ops: [], opsGen: this.gen };
    } else if (record.gen === this.gen) {
      return record;
    } else {
      // The operations stay shared until one is inserted (writableOps).
      record = { ...record, gen: this.gen };
    }
    this.collateral(address, ledgerEid).set(key, record);
    return record;
  }

  /** The parked operations of a balance this call owns, writable. */
  writableOps(balance: BalanceRecord): ParkedOp[] {
    if (balance.opsGen !== this.gen) {
      balance.ops = balance.ops.slice();
      balance.opsGen = this.gen;
    }
    return balance.ops;
  }

  /** The message of `guid` (read only: messages are replaced, never mutated). */
  message(guid: string): MessageRecord | undefined {
    return this.messages.get(guid);
  }

  /** Stores a message created by this call. */
  setMessage(record: MessageRecord): void {
    record.gen = this.gen;
    this.messages.set(record.guid, record);
  }

  /** `record` (the stored message of its guid) writable: itself when this call made it, else a copy stored in its place. */
  writableMessage(record: MessageRecord): MessageRecord {
    if (record.gen === this.gen) return record;
    const copy = { ...record, gen: this.gen };
    this.messages.set(copy.guid, copy);
    return copy;
  }

  /** The lane last returned (a message's event and its in-flight bookkeeping hit the same lane). */
  private lastLane: LaneRecord | undefined;

  lane(vaultEid: number, ledgerEid: number, asset: string): LaneRecord {
    const last = this.lastLane;
    if (
      last !== undefined &&
      last.vaultEid === vaultEid &&
      last.ledgerEid === ledgerEid &&
      last.asset === asset
    ) {
      return last;
    }
    const record = this.ownLane(vaultEid, ledgerEid, asset);
    this.lastLane = record;
    return record;
  }

  private ownLane(vaultEid: number, ledgerEid: number, asset: string): LaneRecord {
    const key = tripleKey(vaultEid, ledgerEid, asset);
    let record = this.lanes.get(key);
    if (record === undefined) {
      record = {
        gen: this.gen,
        vaultEid,
        ledgerEid,
        asset,
        lockedSent: 0n,
        credited: 0n,
        releaseRequested: 0n,
        released: 0n,
        inFlightLock: 0n,
        inFlightRelease: 0n,
      };
    } else if (record.gen === this.gen) {
      return record;
    } else {
      record = { ...record, gen: this.gen };
    }
    this.lanes.set(key, record);
    return record;
  }

  vault(vaultEid: number, asset: string): VaultAssetRecord {
    const key = pairKey(vaultEid, asset);
    let record = this.vaults.get(key);
    if (record === undefined) {
      record = { gen: this.gen, vaultEid, asset, tokensIn: 0n, tokensOut: 0n, totalClaimable: 0n };
    } else if (record.gen === this.gen) {
      return record;
    } else {
      record = { ...record, gen: this.gen };
    }
    this.vaults.set(key, record);
    return record;
  }

  ledger(eid: number): LedgerRecord {
    let record = this.ledgers.get(eid);
    if (record === undefined) {
      record = {
        gen: this.gen,
        eid,
        totalCash: 0n,
        insuranceFund: 0n,
        quoteIn: 0n,
        quoteOut: 0n,
        socializedLoss: 0n,
        badDebt: 0n,
        rates: new Map(),
      };
    } else if (record.gen === this.gen) {
      return record;
    } else {
      record = { ...record, gen: this.gen, rates: new Map(record.rates) };
    }
    this.ledgers.set(eid, record);
    return record;
  }

  finish(): InternalState {
    return {
      seen: this.seen.finish(),
      accounts: this.accounts.finish(),
      messages: this.messages.finish(),
      open: this.open.finish(),
      lanes: this.lanes,
      vaults: this.vaults,
      ledgers: this.ledgers,
      flagged: this.flagged,
      latestTimestamp: this.latestTimestamp,
      eventCount: this.eventCount,
    };
  }
}
