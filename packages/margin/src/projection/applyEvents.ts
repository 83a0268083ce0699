import { InvalidEventError } from "../errors.js";
import { type Hex, ZERO_GUID } from "./address.js";
import { type ProjectionState, toInternal, toPublic } from "./createProjection.js";
import { Draft } from "./draft.js";
import type { BallastEvent } from "./events.js";
import { pairKey } from "./internKey.js";
import { recordMessageEnd } from "./messageBook.js";
import { insertParkedOp } from "./parkedOps.js";
import {
  check,
  fail,
  readAddress,
  readBlockField,
  readBool,
  readBytes32,
  readChainId,
  readEid,
  readInt,
  readLogIndex,
  readUint,
} from "./readEvent.js";
import { type EventOrder, isBefore, type MessageSide, type ParkedOpKind } from "./records.js";

/**
 * The projection after `events`: a pure, deterministic reducer over the events of every chain.
 *
 * - Idempotent: an event whose key (chainId, blockHash, logIndex) was applied before is skipped
 *   (its other fields are not read: the key identifies the log).
 * - Order-independent: the result depends on the set of events, not on the order they arrive in.
 *   A Credited seen before its Locked, or a Released before its ReleaseRequested, gives the same
 *   state as the natural order; where the contracts' effect depends on order within a chain (a
 *   release takes parked collateral first; a position or a rate is the latest one) the events'
 *   (blockNumber, logIndex) decide, not their arrival.
 * - Immutable: `state` is not changed. Each record is copied on its first write in the call (the
 *   large tables are two-level tries of small maps), so a call costs about what its events touch,
 *   not the size of the state, and the result shares everything else with `state`.
 * - Atomic: when an event is malformed, InvalidEventError is thrown and nothing is applied.
 *
 * Balance effects, mirroring the contracts: Locked adds to the vault's locked amount for the
 * destination (lane) and, with a non-zero guid, puts a LOCK in flight; Credited credits the
 * account (valued + parked) and lands the LOCK; ReleaseRequested debits the account (parked before
 * valued) and puts a RELEASE in flight; Released or ReleaseClaimable land it (the latter adds a
 * claimable balance, which Claimed clears); cash moves by CashDeposited/CashWithdrawn (markets'
 * LP cash included), PnlSettled (market to account), PenaltyCharged (account to keeper and
 * insurance), Liquidated (repayment into the account's cash, collateral to the liquidator),
 * LossSocialized (market to account) and BadDebtSettled (insurance to account).
 */
export function applyEvents(state: ProjectionState, events: Iterable<BallastEvent>): ProjectionState {
  const draft = new Draft(toInternal(state));
  // One context per call, overwritten by each event (records copy what they keep from it).
  const ctx: Context = {
    eid: 0,
    chainId: 0,
    blockHash: ZERO_GUID,
    blockNumber: 0n,
    logIndex: 0,
    blockTimestamp: undefined,
  };
  for (const event of events) applyEvent(draft, ctx, event);
  return toPublic(draft.finish());
}

/** Where the event being applied sits: its chain and order. */
interface Context extends EventOrder {
  blockHash: Hex;
  eid: number;
  chainId: number;
  blockTimestamp: bigint | undefined;
}

function applyEvent(draft: Draft, ctx: Context, e: BallastEvent): void {
  if (typeof e !== "object" || e === null) throw new InvalidEventError(`not an event: ${String(e)}`);
  const key = e.key;
  if (typeof key !== "object" || key === null) fail(e, "key", key);
  const chainId = readChainId(e, key.chainId);
  const logIndex = readLogIndex(e, key.logIndex);
  const blockHash = draft.markSeen(e, chainId, key.blockHash, logIndex);
  if (blockHash === undefined) return;
  const blockTimestamp =
    e.blockTimestamp === undefined ? undefined : readBlockField(e, "blockTimestamp", e.blockTimestamp);
  ctx.eid = readEid(e, "eid", e.eid);
  ctx.chainId = chainId;
  ctx.blockHash = blockHash;
  ctx.blockNumber = readBlockField(e, "blockNumber", e.blockNumber);
  ctx.logIndex = logIndex;
  ctx.blockTimestamp = blockTimestamp;
  applyBody(draft, ctx, e);
  draft.eventCount += 1;
  if (blockTimestamp !== undefined && blockTimestamp > draft.latestTimestamp)
    draft.latestTimestamp = blockTimestamp;
}

/** One end of a message, from the event being applied. */
function side(
  ctx: Context,
  kind: MessageSide["kind"],
  vaultEid: number,
  ledgerEid: number,
  asset: string,
  account: string,
  amount: bigint,
  recipient?: string,
  claimable = false,
): MessageSide {
  return {
    kind,
    blockNumber: ctx.blockNumber,
    logIndex: ctx.logIndex,
    blockHash: ctx.blockHash,
    chainId: ctx.chainId,
    vaultEid,
    ledgerEid,
    asset,
    account,
    recipient,
    amount,
    blockTimestamp: ctx.blockTimestamp,
    claimable,
  };
}

function parkedOp(
  draft: Draft,
  ctx: Context,
  account: string,
  srcEid: number,
  asset: string,
  kind: ParkedOpKind,
  amount: bigint,
): void {
  const balance = draft.balance(account, ctx.eid, srcEid, asset);
  balance.parked = insertParkedOp(draft.writableOps(balance), balance.parked, {
    blockNumber: ctx.blockNumber,
    logIndex: ctx.logIndex,
    blockHash: ctx.blockHash,
    kind,
    amount,
  });
}

function addClaimable(draft: Draft, account: string, key: string, delta: bigint): void {
  const claimable = draft.claimable(account);
  const next = (claimable.get(key) ?? 0n) + delta;
  if (next === 0n) claimable.delete(key);
  else claimable.set(key, next);
}

/** Checks each field of `e` and applies it (a malformed field throws; applyEvents then drops the draft). */
function applyBody(draft: Draft, ctx: Context, e: BallastEvent): void {
  const eid = ctx.eid;
  switch (e.type) {
    case "Locked": {
      const guid = readBytes32(e, "guid", e.guid);
      const dstEid = readEid(e, "dstEid", e.dstEid);
      const asset = readAddress(e, "asset", e.asset);
      readAddress(e, "sender", e.sender);
      const beneficiary = readAddress(e, "beneficiary", e.beneficiary);
      const amount = readUint(e, "amount", e.amount);
      readUint(e, "rate", e.rate);
      draft.lane(eid, dstEid, asset).lockedSent += amount;
      draft.vault(eid, asset).tokensIn += amount;
      if (guid !== ZERO_GUID) {
        recordMessageEnd(draft, guid, "send", side(ctx, "lock", eid, dstEid, asset, beneficiary, amount));
      }
      return;
    }
    case "Released":
    case "ReleaseClaimable": {
      const guid = readBytes32(e, "guid", e.guid);
      const srcEid = readEid(e, "srcEid", e.srcEid);
      const asset = readAddress(e, "asset", e.asset);
      const recipient = readAddress(e, "recipient", e.recipient);
      const amount = readUint(e, "amount", e.amount);
      const claimable = e.type === "ReleaseClaimable";
      draft.lane(eid, srcEid, asset).released += amount;
      const vault = draft.vault(eid, asset);
      if (claimable) {
        vault.totalClaimable += amount;
        addClaimable(draft, recipient, pairKey(eid, asset), amount);
      } else {
        vault.tokensOut += amount;
      }
      if (guid !== ZERO_GUID) {
        const end = side(ctx, "release", eid, srcEid, asset, recipient, amount, recipient, claimable);
        recordMessageEnd(draft, guid, "delivery", end);
      }
      return;
    }
    case "Claimed": {
      const account = readAddress(e, "account", e.account);
      const asset = readAddress(e, "asset", e.asset);
      readAddress(e, "to", e.to);
      const amount = readUint(e, "amount", e.amount);
      const vault = draft.vault(eid, asset);
      vault.totalClaimable -= amount;
      vault.tokensOut += amount;
      addClaimable(draft, account, pairKey(eid, asset), -amount);
      return;
    }
    case "RateSynced": {
      // No balance effect; the ledger's RateUpdated carries the rate it applied.
      readBytes32(e, "guid", e.guid);
      readEid(e, "dstEid", e.dstEid);
      readAddress(e, "asset", e.asset);
      readUint(e, "rate", e.rate);
      return;
    }
    case "Credited": {
      const guid = readBytes32(e, "guid", e.guid);
      const srcEid = readEid(e, "srcEid", e.srcEid);
      const asset = readAddress(e, "asset", e.asset);
      const account = readAddress(e, "account", e.account);
      const amount = readUint(e, "amount", e.amount);
      const valued = readUint(e, "valued", e.valued);
      const parked = readUint(e, "parked", e.parked);
      check(e, valued + parked === amount, "valued + parked == amount");
      draft.lane(srcEid, eid, asset).credited += amount;
      draft.balance(account, eid, srcEid, asset).total += amount;
      if (parked > 0n) parkedOp(draft, ctx, account, srcEid, asset, "add", parked);
      if (guid !== ZERO_GUID) {
        recordMessageEnd(draft, guid, "delivery", side(ctx, "lock", srcEid, eid, asset, account, amount));
      }
      return;
    }
    case "ReleaseRequested": {
      const guid = readBytes32(e, "guid", e.guid);
      const srcEid = readEid(e, "srcEid", e.srcEid);
      const asset = readAddress(e, "asset", e.asset);
      const account = readAddress(e, "account", e.account);
      const recipient = readAddress(e, "recipient", e.recipient);
      const amount = readUint(e, "amount", e.amount);
      draft.lane(srcEid, eid, asset).releaseRequested += amount;
      draft.balance(account, eid, srcEid, asset).total -= amount;
      parkedOp(draft, ctx, account, srcEid, asset, "release", amount);
      if (guid !== ZERO_GUID) {
        const end = side(ctx, "release", srcEid, eid, asset, account, amount, recipient);
        recordMessageEnd(draft, guid, "send", end);
      }
      return;
    }
    case "ParkedActivated": {
      const account = readAddress(e, "account", e.account);
      const srcEid = readEid(e, "srcEid", e.srcEid);
      const asset = readAddress(e, "asset", e.asset);
      const amount = readUint(e, "amount", e.amount);
      parkedOp(draft, ctx, account, srcEid, asset, "remove", amount);
      return;
    }
    case "CashDeposited": {
      const account = readAddress(e, "account", e.account);
      readAddress(e, "from", e.from);
      const amount = readUint(e, "amount", e.amount);
      draft.ledgerAccount(account, eid).cash += amount;
      const ledger = draft.ledger(eid);
      ledger.totalCash += amount;
      ledger.quoteIn += amount;
      return;
    }
    case "CashWithdrawn": {
      const account = readAddress(e, "account", e.account);
      readAddress(e, "to", e.to);
      const amount = readUint(e, "amount", e.amount);
      draft.ledgerAccount(account, eid).cash -= amount;
      const ledger = draft.ledger(eid);
      ledger.totalCash -= amount;
      ledger.quoteOut += amount;
      return;
    }
    case "PnlSettled": {
      const market = readAddress(e, "market", e.market);
      const account = readAddress(e, "account", e.account);
      const amount = readInt(e, "amount", e.amount);
      draft.ledgerAccount(account, eid).cash += amount;
      draft.ledgerAccount(market, eid).cash -= amount;
      return;
    }
    case "PenaltyCharged": {
      readAddress(e, "market", e.market);
      const account = readAddress(e, "account", e.account);
      const penalty = readUint(e, "penalty", e.penalty);
      const keeper = readAddress(e, "keeper", e.keeper);
      const reward = readUint(e, "keeperReward", e.keeperReward);
      check(e, reward <= penalty, "keeperReward <= penalty");
      draft.ledgerAccount(account, eid).cash -= penalty;
      if (reward > 0n) draft.ledgerAccount(keeper, eid).cash += reward;
      const ledger = draft.ledger(eid);
      ledger.insuranceFund += penalty - reward;
      ledger.totalCash -= penalty - reward;
      return;
    }
    case "Liquidated": {
      const liquidator = readAddress(e, "liquidator", e.liquidator);
      const account = readAddress(e, "account", e.account);
      const srcEid = readEid(e, "srcEid", e.srcEid);
      const asset = readAddress(e, "asset", e.asset);
      const repaid = readUint(e, "repaid", e.repaid);
      const seized = readUint(e, "seized", e.seized);
      const asParked = readBool(e, "seizedAsParked", e.seizedAsParked);
      // The seizure comes out of the account's valued balance (parked is untouched).
      draft.balance(account, eid, srcEid, asset).total -= seized;
      draft.ledgerAccount(account, eid).cash += repaid;
      const ledger = draft.ledger(eid);
      ledger.totalCash += repaid;
      ledger.quoteIn += repaid;
      draft.balance(liquidator, eid, srcEid, asset).total += seized;
      if (asParked) parkedOp(draft, ctx, liquidator, srcEid, asset, "add", seized);
      return;
    }
    case "LossSocialized": {
      const market = readAddress(e, "market", e.market);
      const account = readAddress(e, "account", e.account);
      const amount = readUint(e, "amount", e.amount);
      draft.ledgerAccount(market, eid).cash -= amount;
      draft.ledgerAccount(account, eid).cash += amount;
      return;
    }
    case "BadDebtSettled": {
      const account = readAddress(e, "account", e.account);
      const debt = readUint(e, "debt", e.debt);
      const fromInsurance = readUint(e, "fromInsurance", e.fromInsurance);
      const socialized = readUint(e, "socialized", e.socialized);
      draft.ledgerAccount(account, eid).cash += fromInsurance;
      const ledger = draft.ledger(eid);
      ledger.insuranceFund -= fromInsurance;
      ledger.totalCash += fromInsurance;
      ledger.socializedLoss += socialized;
      ledger.badDebt += debt;
      return;
    }
    case "InsuranceDeposited": {
      readAddress(e, "from", e.from);
      const amount = readUint(e, "amount", e.amount);
      const ledger = draft.ledger(eid);
      ledger.insuranceFund += amount;
      ledger.quoteIn += amount;
      return;
    }
    case "InsuranceWithdrawn": {
      readAddress(e, "to", e.to);
      const amount = readUint(e, "amount", e.amount);
      const ledger = draft.ledger(eid);
      ledger.insuranceFund -= amount;
      ledger.quoteOut += amount;
      return;
    }
    case "RateUpdated": {
      const srcEid = readEid(e, "srcEid", e.srcEid);
      const asset = readAddress(e, "asset", e.asset);
      readUint(e, "reported", e.reported);
      const applied = readUint(e, "applied", e.applied);
      readUint(e, "nonce", e.nonce);
      const rates = draft.ledger(eid).rates;
      const rateKey = pairKey(srcEid, asset);
      const current = rates.get(rateKey);
      if (current === undefined || isBefore(current, ctx)) {
        rates.set(rateKey, {
          blockNumber: ctx.blockNumber,
          logIndex: ctx.logIndex,
          blockHash: ctx.blockHash,
          rate: applied,
        });
      }
      return;
    }
    case "PositionChanged": {
      const market = readAddress(e, "market", e.market);
      const account = readAddress(e, "account", e.account);
      readInt(e, "sizeDelta", e.sizeDelta);
      const size = readInt(e, "size", e.size);
      const openNotional = readInt(e, "openNotional", e.openNotional);
      readUint(e, "price", e.price);
      readInt(e, "realizedPnl", e.realizedPnl);
      const positions = draft.positions(account, eid);
      const current = positions.get(market);
      if (current === undefined || isBefore(current, ctx)) {
        positions.set(market, {
          blockNumber: ctx.blockNumber,
          logIndex: ctx.logIndex,
          blockHash: ctx.blockHash,
          size,
          openNotional,
        });
      }
      return;
    }
    case "PositionLiquidated": {
      // The position closes by its PositionChanged; the cash moves by PnlSettled and PenaltyCharged.
      readAddress(e, "market", e.market);
      readAddress(e, "account", e.account);
      readAddress(e, "liquidator", e.liquidator);
      readInt(e, "size", e.size);
      readUint(e, "price", e.price);
      readInt(e, "realizedPnl", e.realizedPnl);
      readUint(e, "penalty", e.penalty);
      readUint(e, "keeperReward", e.keeperReward);
      return;
    }
    case "LiquidityDeposited":
    case "LiquidityWithdrawn": {
      const market = readAddress(e, "market", e.market);
      const provider = readAddress(e, "provider", e.provider);
      if (e.type === "LiquidityWithdrawn") readAddress(e, "to", e.to);
      readUint(e, "amount", e.amount);
      const shares = readUint(e, "shares", e.shares);
      const lpShares = draft.lpShares(provider, eid);
      const next = (lpShares.get(market) ?? 0n) + (e.type === "LiquidityDeposited" ? shares : -shares);
      if (next === 0n) lpShares.delete(market);
      else lpShares.set(market, next);
      return;
    }
    default: {
      // Exhausted by the type checker; JavaScript callers can still pass anything.
      const unknownEvent: { type?: unknown } = e;
      throw new InvalidEventError(`unknown event type: ${String(unknownEvent.type)}`);
    }
  }
}
