// Test support: a model of CollateralVault, MarginLedger and PerpMarket on several chains. Each
// action changes the model's state as the contracts do and emits the same events, in the same
// order, as one transaction in a new block. The model's state is the "on-chain truth" the
// projection must reproduce from the events alone; economic checks (margin, prices, fees) are left
// out since the projection does not depend on them.
import type { ChainSnapshot } from "../invariants/chainSnapshot.js";
import { mulDivUp, wMulDown } from "../math/mulDiv.js";
import { WAD } from "../math/uint.js";
import {
  entryNotionalCeil,
  marginUp,
  markValueFloor,
  notionalUp,
  remainingNotionalCeil,
} from "../perp/perpMath.js";
import { type Address, type Hex, ZERO_GUID } from "../projection/address.js";
import type { BallastEvent } from "../projection/events.js";
import { address, bytes32, ChainLog, type EventFields } from "./chainLog.js";

const MAX_SLOTS = 2;
const MARKET_DECIMALS = { priceDecimals: 8, quoteDecimals: 6 };

interface Balance {
  valued: bigint;
  parked: bigint;
}

interface Position {
  size: bigint;
  openNotional: bigint;
}

interface InFlight {
  guid: Hex;
  kind: "lock" | "release";
  vaultEid: number;
  ledgerEid: number;
  asset: Address;
  account: Address;
  recipient: Address;
  amount: bigint;
}

/** The truth about one account on one ledger, in the shape of the projection's view. */
export interface LedgerTruth {
  ledgerEid: number;
  cash: bigint;
  collateral: { srcEid: number; asset: Address; valued: bigint; parked: bigint }[];
  positions: { market: Address; size: bigint; openNotional: bigint }[];
  lpShares: { market: Address; shares: bigint }[];
}

/** The truth about one account. */
export interface AccountTruth {
  address: Address;
  ledgers: LedgerTruth[];
  inFlightLocks: Hex[];
  inFlightReleases: Hex[];
  claimable: { vaultEid: number; asset: Address; amount: bigint }[];
}

/** An asset of a chain: 0 a quote-like token, 1 WETH-like, 2 an ERC-4626 share. */
export function assetOf(eid: number, kind: number): Address {
  return address("c", eid * 16 + kind);
}

/** The market of a ledger chain. */
export function marketOf(eid: number): Address {
  return address("d", eid);
}

/** Account `i` (1-based). */
export function accountOf(i: number): Address {
  return address("a", i);
}

const get = <K>(map: Map<K, bigint>, key: K) => map.get(key) ?? 0n;
const add = <K>(map: Map<K, bigint>, key: K, delta: bigint) => {
  const next = get(map, key) + delta;
  if (next === 0n) map.delete(key);
  else map.set(key, next);
};
const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** The contracts of several chains in memory: run actions with `step`, read `events`, `snapshot()`, `truth()`. */
export class ContractsModel {
  readonly eids: readonly number[];
  readonly accounts: readonly Address[];
  readonly events: BallastEvent[] = [];
  private readonly logs = new Map<number, ChainLog>();
  clock = 1_700_000_000n;
  private guids = 0;
  private shouting = false;

  // CollateralVault, keyed by vault eid first.
  readonly locked = new Map<string, bigint>(); // vault:dst:asset
  readonly vaultBalance = new Map<string, bigint>(); // vault:asset
  readonly totalClaimable = new Map<string, bigint>(); // vault:asset
  readonly claimable = new Map<string, bigint>(); // vault:account:asset
  // MarginLedger, keyed by ledger eid first.
  readonly balances = new Map<string, Balance>(); // ledger:account:src:asset
  readonly credited = new Map<string, bigint>(); // ledger:src:asset
  readonly valuedTotal = new Map<string, bigint>(); // ledger:src:asset
  readonly slots = new Map<string, Set<string>>(); // ledger:account -> src:asset
  readonly cash = new Map<string, bigint>(); // ledger:account
  readonly totalCash = new Map<number, bigint>();
  readonly insurance = new Map<number, bigint>();
  readonly quoteBalance = new Map<number, bigint>();
  // PerpMarket, one per ledger chain.
  readonly positions = new Map<string, Position>(); // ledger:account
  readonly lpShares = new Map<string, bigint>(); // ledger:provider
  readonly price = new Map<number, bigint>();
  readonly inFlight: InFlight[] = [];
  /** Every lane (vault:ledger:asset) used, and every vault asset (vault:asset), even when back to zero. */
  private readonly lanesUsed = new Set<string>();
  private readonly vaultAssetsUsed = new Set<string>();

  constructor(eids: readonly number[] = [1, 2, 3], accounts = 4) {
    this.eids = eids;
    this.accounts = Array.from({ length: accounts }, (_, i) => accountOf(i + 1));
    for (const eid of eids) {
      this.logs.set(eid, new ChainLog(eid));
      this.price.set(eid, 3_000n * 10n ** 8n);
    }
  }

  // ---------------------------------------------------------------- plumbing

  /** Opens a transaction (a new block) on chain `eid`; `emit` adds its events. */
  private tx(eid: number): <T extends BallastEvent["type"]>(type: T, fields: EventFields<T>) => void {
    const log = this.logs.get(eid);
    if (log === undefined) throw new Error(`no chain ${eid}`);
    this.clock += 12n;
    log.block(this.clock);
    return (type, fields) => {
      this.shouting = !this.shouting;
      const event = log.emit(type, fields);
      // Every other event carries upper-case addresses, as a checksumming decoder might give.
      if (this.shouting) {
        for (const [k, v] of Object.entries(event)) {
          if (typeof v === "string" && v.length === 42 && v.startsWith("0x")) {
            // A field of the event object just built; `v` was checked to be an address string.
            (event as unknown as Record<string, unknown>)[k] = `0x${v.slice(2).toUpperCase()}`;
          }
        }
      }
      this.events.push(event);
    };
  }

  private eid(n: number): number {
    return this.eids[n % this.eids.length] ?? 1;
  }

  private account(n: number): Address {
    return this.accounts[n % this.accounts.length] ?? accountOf(1);
  }

  private nextGuid(): Hex {
    this.guids += 1;
    return bytes32(this.guids, "f");
  }

  private cap(ledger: number, src: number, asset: Address): bigint {
    const kind = Number.parseInt(asset.slice(-1), 16);
    if (kind === 2) return 3n * WAD;
    if (kind === 1) return 20n * WAD;
    return ledger === 3 && src === 1 ? 0n : 10n ** 15n;
  }

  private balance(ledger: number, account: Address, src: number, asset: Address): Balance {
    const key = `${ledger}:${account}:${src}:${asset}`;
    let b = this.balances.get(key);
    if (b === undefined) {
      b = { valued: 0n, parked: 0n };
      this.balances.set(key, b);
    }
    return b;
  }

  private slotSet(ledger: number, account: Address): Set<string> {
    const key = `${ledger}:${account}`;
    let set = this.slots.get(key);
    if (set === undefined) {
      set = new Set();
      this.slots.set(key, set);
    }
    return set;
  }

  private ensureSlot(ledger: number, account: Address, src: number, asset: Address): boolean {
    if (this.balance(ledger, account, src, asset).valued > 0n) return true;
    const slots = this.slotSet(ledger, account);
    if (slots.size >= MAX_SLOTS) return false;
    slots.add(`${src}:${asset}`);
    return true;
  }

  private removeSlot(ledger: number, account: Address, src: number, asset: Address): void {
    this.slotSet(ledger, account).delete(`${src}:${asset}`);
  }

  private addCash(ledger: number, account: Address, delta: bigint): void {
    add(this.cash, `${ledger}:${account}`, delta);
    add(this.totalCash, ledger, delta);
  }

  private credit(
    emit: ReturnType<ContractsModel["tx"]>,
    guid: Hex,
    ledger: number,
    src: number,
    asset: Address,
    account: Address,
    amount: bigint,
  ): void {
    add(this.credited, `${ledger}:${src}:${asset}`, amount);
    const room = this.cap(ledger, src, asset) - get(this.valuedTotal, `${ledger}:${src}:${asset}`);
    let valued = min(amount, room > 0n ? room : 0n);
    if (valued > 0n && !this.ensureSlot(ledger, account, src, asset)) valued = 0n;
    const parked = amount - valued;
    const b = this.balance(ledger, account, src, asset);
    b.valued += valued;
    b.parked += parked;
    add(this.valuedTotal, `${ledger}:${src}:${asset}`, valued);
    emit("Credited", { guid, srcEid: src, asset, account, amount, valued, parked });
  }

  /** Vault side of a release: pay, or park as claimable. Emits Released or ReleaseClaimable. */
  private release(
    emit: ReturnType<ContractsModel["tx"]>,
    guid: Hex,
    vault: number,
    ledger: number,
    asset: Address,
    recipient: Address,
    amount: bigint,
    claimable: boolean,
  ): void {
    add(this.locked, `${vault}:${ledger}:${asset}`, -amount);
    if (claimable) {
      add(this.claimable, `${vault}:${recipient}:${asset}`, amount);
      add(this.totalClaimable, `${vault}:${asset}`, amount);
      emit("ReleaseClaimable", { guid, srcEid: ledger, asset, recipient, amount });
    } else {
      add(this.vaultBalance, `${vault}:${asset}`, -amount);
      emit("Released", { guid, srcEid: ledger, asset, recipient, amount });
    }
  }

  private hasPosition(ledger: number, account: Address): boolean {
    return (this.positions.get(`${ledger}:${account}`)?.size ?? 0n) !== 0n;
  }

  // ---------------------------------------------------------------- actions

  /** Runs action `code` with parameters `a`, `b`, `c` (any naturals); impossible actions do nothing. */
  step(code: number, a: number, b: number, c: number): void {
    switch (code % 15) {
      case 0:
      case 1:
        this.lock(a, b, c);
        return;
      case 2:
      case 3:
        this.deliver(a, b);
        return;
      case 4:
        this.requestRelease(a, b, c);
        return;
      case 5:
        this.claim(a, b);
        return;
      case 6:
        this.depositCash(a, b, c);
        return;
      case 7:
        this.withdrawCash(a, b, c);
        return;
      case 8:
        this.openPosition(a, b, c);
        return;
      case 9:
        this.reducePosition(a, b, c);
        return;
      case 10:
        this.liquidatePosition(a, b, c);
        return;
      case 11:
        this.liquidate(a, b, c);
        return;
      case 12:
        this.activateParked(a);
        return;
      case 13:
        this.pool(a, b, c);
        return;
      default:
        this.misc(a, b, c);
        return;
    }
  }

  lock(a: number, b: number, c: number): void {
    const account = this.account(a);
    const src = this.eid(b);
    const dst = this.eid(c >> 2);
    const kind = c % 3;
    const asset = assetOf(src, kind);
    const amount = BigInt(1 + (a % 997)) * (kind === 0 ? 10n ** 6n : 10n ** 16n);
    add(this.locked, `${src}:${dst}:${asset}`, amount);
    add(this.vaultBalance, `${src}:${asset}`, amount);
    this.lanesUsed.add(`${src}:${dst}:${asset}`);
    this.vaultAssetsUsed.add(`${src}:${asset}`);
    const rate = kind === 2 ? WAD + BigInt(b % 1000) * 10n ** 12n : 0n;
    const emit = this.tx(src);
    if (src === dst) {
      if (rate !== 0n) emit("RateUpdated", { srcEid: src, asset, reported: rate, applied: rate, nonce: 0n });
      this.credit(emit, ZERO_GUID, dst, src, asset, account, amount);
      emit("Locked", {
        guid: ZERO_GUID,
        dstEid: dst,
        asset,
        sender: account,
        beneficiary: account,
        amount,
        rate,
      });
    } else {
      const guid = this.nextGuid();
      emit("Locked", { guid, dstEid: dst, asset, sender: account, beneficiary: account, amount, rate });
      this.inFlight.push({
        guid,
        kind: "lock",
        vaultEid: src,
        ledgerEid: dst,
        asset,
        account,
        recipient: account,
        amount,
      });
    }
  }

  deliver(a: number, b: number): void {
    if (this.inFlight.length === 0) return;
    const [m] = this.inFlight.splice(a % this.inFlight.length, 1);
    if (m === undefined) return;
    if (m.kind === "lock") {
      const emit = this.tx(m.ledgerEid);
      this.credit(emit, m.guid, m.ledgerEid, m.vaultEid, m.asset, m.account, m.amount);
    } else {
      const emit = this.tx(m.vaultEid);
      this.release(emit, m.guid, m.vaultEid, m.ledgerEid, m.asset, m.recipient, m.amount, b % 3 === 0);
    }
  }

  requestRelease(a: number, b: number, c: number): void {
    const account = this.account(a);
    const ledger = this.eid(b);
    const prefix = `${ledger}:${account}:`;
    const keys = [...this.balances.keys()].filter((k) => k.startsWith(prefix)).sort();
    const key = keys[c % Math.max(keys.length, 1)];
    const bal = key === undefined ? undefined : this.balances.get(key);
    if (key === undefined || bal === undefined || bal.valued + bal.parked === 0n) return;
    const [, , srcText, assetText] = key.split(":");
    const src = Number(srcText);
    const asset = assetText as Address; // keys hold addresses built by assetOf
    const total = bal.valued + bal.parked;
    const amount = c % 3 === 0 ? total : 1n + ((BigInt(c) * 7_919n * 10n ** 14n) % total);
    const recipient = this.account(a + (c % 2));
    // MarginLedger._debit: parked first, then valued.
    const fromParked = min(amount, bal.parked);
    const fromValued = amount - fromParked;
    bal.parked -= fromParked;
    if (fromValued > 0n) {
      const emptied = bal.valued === fromValued;
      bal.valued -= fromValued;
      add(this.valuedTotal, `${ledger}:${src}:${asset}`, -fromValued);
      if (emptied) this.removeSlot(ledger, account, src, asset);
    }
    add(this.credited, `${ledger}:${src}:${asset}`, -amount);
    const emit = this.tx(ledger);
    if (src === ledger) {
      this.release(emit, ZERO_GUID, src, ledger, asset, recipient, amount, c % 5 === 0);
      emit("ReleaseRequested", { guid: ZERO_GUID, srcEid: src, asset, account, recipient, amount });
    } else {
      const guid = this.nextGuid();
      emit("ReleaseRequested", { guid, srcEid: src, asset, account, recipient, amount });
      this.inFlight.push({
        guid,
        kind: "release",
        vaultEid: src,
        ledgerEid: ledger,
        asset,
        account,
        recipient,
        amount,
      });
    }
  }

  claim(a: number, b: number): void {
    const keys = [...this.claimable.keys()].sort();
    const key = keys[a % Math.max(keys.length, 1)];
    if (key === undefined) return;
    const [vaultText, account, asset] = key.split(":");
    const vault = Number(vaultText);
    const amount = get(this.claimable, key);
    this.claimable.delete(key);
    add(this.totalClaimable, `${vault}:${asset}`, -amount);
    add(this.vaultBalance, `${vault}:${asset}`, -amount);
    // Keys hold addresses built by accountOf and assetOf.
    this.tx(vault)("Claimed", {
      account: account as Address,
      asset: asset as Address,
      to: this.account(b),
      amount,
    });
  }

  depositCash(a: number, b: number, c: number): void {
    const ledger = this.eid(b);
    const account = this.account(a);
    const amount = BigInt(1 + (c % 5_000)) * 10n ** 6n;
    this.addCash(ledger, account, amount);
    add(this.quoteBalance, ledger, amount);
    this.tx(ledger)("CashDeposited", { account, from: this.account(c), amount });
  }

  withdrawCash(a: number, b: number, c: number): void {
    const ledger = this.eid(b);
    const account = this.account(a);
    const cash = get(this.cash, `${ledger}:${account}`);
    if (cash <= 0n) return;
    const amount = 1n + ((BigInt(c) * 10n ** 6n) % cash);
    this.addCash(ledger, account, -amount);
    add(this.quoteBalance, ledger, -amount);
    this.tx(ledger)("CashWithdrawn", { account, to: account, amount });
  }

  openPosition(a: number, b: number, c: number): void {
    const ledger = this.eid(b);
    const account = this.account(a);
    const key = `${ledger}:${account}`;
    const p = this.positions.get(key) ?? { size: 0n, openNotional: 0n };
    const long = p.size === 0n ? c % 2 === 0 : p.size > 0n;
    const magnitude = BigInt(1 + (c % 50)) * 10n ** 16n;
    const sizeDelta = long ? magnitude : -magnitude;
    const price = this.price.get(ledger) ?? 1n;
    const entry = entryNotionalCeil(sizeDelta, price, MARKET_DECIMALS);
    const next = { size: p.size + sizeDelta, openNotional: p.openNotional + entry };
    this.positions.set(key, next);
    this.tx(ledger)("PositionChanged", {
      market: marketOf(ledger),
      account,
      sizeDelta,
      size: next.size,
      openNotional: next.openNotional,
      price,
      realizedPnl: 0n,
    });
  }

  /** PerpMarket._close: shrinks the position and returns the realized PnL (emits PositionChanged). */
  private close(
    emit: ReturnType<ContractsModel["tx"]>,
    ledger: number,
    account: Address,
    amount: bigint,
    price: bigint,
  ): bigint {
    const key = `${ledger}:${account}`;
    const p = this.positions.get(key) ?? { size: 0n, openNotional: 0n };
    const closedSize = p.size > 0n ? amount : -amount;
    const remainingSize = p.size - closedSize;
    const remainingNotional = remainingNotionalCeil(p.openNotional, p.size, remainingSize);
    const closedNotional = p.openNotional - remainingNotional;
    const realized = markValueFloor(closedSize, price, MARKET_DECIMALS) - closedNotional;
    this.positions.set(key, { size: remainingSize, openNotional: remainingNotional });
    emit("PositionChanged", {
      market: marketOf(ledger),
      account,
      sizeDelta: -closedSize,
      size: remainingSize,
      openNotional: remainingNotional,
      price,
      realizedPnl: realized,
    });
    return realized;
  }

  private settlePnl(
    emit: ReturnType<ContractsModel["tx"]>,
    ledger: number,
    account: Address,
    amount: bigint,
  ): void {
    this.addCash(ledger, account, amount);
    this.addCash(ledger, marketOf(ledger), -amount);
    emit("PnlSettled", { market: marketOf(ledger), account, amount });
  }

  reducePosition(a: number, b: number, c: number): void {
    const ledger = this.eid(b);
    const account = this.account(a);
    const p = this.positions.get(`${ledger}:${account}`);
    if (p === undefined || p.size === 0n) return;
    const abs = p.size < 0n ? -p.size : p.size;
    const amount = 1n + ((BigInt(c) * 10n ** 15n) % abs);
    const emit = this.tx(ledger);
    const realized = this.close(emit, ledger, account, amount, this.price.get(ledger) ?? 1n);
    this.settlePnl(emit, ledger, account, realized);
  }

  liquidatePosition(a: number, b: number, c: number): void {
    const ledger = this.eid(b);
    const account = this.account(a);
    const p = this.positions.get(`${ledger}:${account}`);
    if (p === undefined || p.size === 0n) return;
    const keeper = this.account(a + 1 + (c % 3));
    const price = this.price.get(ledger) ?? 1n;
    const notional = notionalUp(p.size, price, MARKET_DECIMALS);
    const size = p.size;
    const emit = this.tx(ledger);
    const realized = this.close(emit, ledger, account, size < 0n ? -size : size, price);
    const penalty = marginUp(notional, 2n * 10n ** 16n);
    const reward = wMulDown(penalty, WAD / 2n);
    this.settlePnl(emit, ledger, account, realized);
    this.addCash(ledger, account, -penalty);
    if (reward > 0n) this.addCash(ledger, keeper, reward);
    add(this.insurance, ledger, penalty - reward);
    emit("PenaltyCharged", { market: marketOf(ledger), account, penalty, keeper, keeperReward: reward });
    emit("PositionLiquidated", {
      market: marketOf(ledger),
      account,
      liquidator: keeper,
      size,
      price,
      realizedPnl: realized,
      penalty,
      keeperReward: reward,
    });
  }

  liquidate(a: number, b: number, c: number): void {
    const ledger = this.eid(b);
    // Any account in debt with valued collateral on this ledger.
    const candidates = this.accounts.filter(
      (x) => get(this.cash, `${ledger}:${x}`) < 0n && this.slotSet(ledger, x).size > 0,
    );
    const account = candidates[a % Math.max(candidates.length, 1)];
    if (account === undefined) return;
    const cash = get(this.cash, `${ledger}:${account}`);
    const slots = [...this.slotSet(ledger, account)].sort();
    const slot = slots[c % Math.max(slots.length, 1)];
    if (cash >= 0n || slot === undefined) return;
    const [srcText, assetText] = slot.split(":");
    const src = Number(srcText);
    const asset = assetText as Address; // slots hold addresses built by assetOf
    const bal = this.balance(ledger, account, src, asset);
    const liquidator = this.account(a + 1 + (c % 3));
    const repaid = 1n + ((BigInt(c) * 10n ** 6n) % -cash);
    const seized = c % 2 === 0 ? bal.valued : 1n + ((BigInt(c) * 10n ** 15n) % bal.valued);
    bal.valued -= seized;
    if (bal.valued === 0n) this.removeSlot(ledger, account, src, asset);
    this.addCash(ledger, account, repaid);
    // _creditSeized: valued when the liquidator has a slot, else parked (and out of the valued total).
    const toLiquidator = this.balance(ledger, liquidator, src, asset);
    let seizedAsParked = false;
    if (this.ensureSlot(ledger, liquidator, src, asset)) {
      toLiquidator.valued += seized;
    } else {
      toLiquidator.parked += seized;
      add(this.valuedTotal, `${ledger}:${src}:${asset}`, -seized);
      seizedAsParked = true;
    }
    add(this.quoteBalance, ledger, repaid);
    const emit = this.tx(ledger);
    emit("Liquidated", { liquidator, account, srcEid: src, asset, repaid, seized, seizedAsParked });
    if (this.isBadDebt(ledger, account)) this.settleBadDebt(emit, ledger, account);
  }

  private isBadDebt(ledger: number, account: Address): boolean {
    return (
      get(this.cash, `${ledger}:${account}`) < 0n &&
      this.slotSet(ledger, account).size === 0 &&
      !this.hasPosition(ledger, account)
    );
  }

  /** MarginLedger._settleBadDebt, with this model's one market per ledger. */
  private settleBadDebt(emit: ReturnType<ContractsModel["tx"]>, ledger: number, account: Address): void {
    const debt = -get(this.cash, `${ledger}:${account}`);
    const fromInsurance = min(debt, get(this.insurance, ledger));
    add(this.insurance, ledger, -fromInsurance);
    const remaining = debt - fromInsurance;
    const market = marketOf(ledger);
    const c = get(this.cash, `${ledger}:${market}`);
    const pools = c > 0n ? c : 0n;
    let socialized = min(remaining, pools);
    if (socialized > 0n) {
      let left = socialized;
      const share = min(min(left, mulDivUp(socialized, c, pools)), c);
      this.addCash(ledger, market, -share);
      emit("LossSocialized", { market, account, amount: share });
      left -= share;
      socialized -= left;
    }
    this.addCash(ledger, account, fromInsurance + socialized);
    emit("BadDebtSettled", { account, debt, fromInsurance, socialized });
  }

  activateParked(a: number): void {
    const keys = [...this.balances.entries()]
      .filter(([, v]) => v.parked > 0n)
      .map(([k]) => k)
      .sort();
    const key = keys[a % Math.max(keys.length, 1)];
    if (key === undefined) return;
    const [ledgerText, account, srcText, assetText] = key.split(":");
    const ledger = Number(ledgerText);
    const src = Number(srcText);
    // Keys hold addresses built by accountOf and assetOf.
    const [acct, asset] = [account as Address, assetText as Address];
    const bal = this.balance(ledger, acct, src, asset);
    const room = this.cap(ledger, src, asset) - get(this.valuedTotal, `${ledger}:${src}:${asset}`);
    const activated = min(bal.parked, room > 0n ? room : 0n);
    if (activated === 0n || !this.ensureSlot(ledger, acct, src, asset)) return;
    bal.parked -= activated;
    bal.valued += activated;
    add(this.valuedTotal, `${ledger}:${src}:${asset}`, activated);
    this.tx(ledger)("ParkedActivated", { account: acct, srcEid: src, asset, amount: activated });
  }

  pool(a: number, b: number, c: number): void {
    const ledger = this.eid(b);
    const provider = this.account(a);
    const market = marketOf(ledger);
    const key = `${ledger}:${provider}`;
    if (c % 3 !== 0) {
      const amount = BigInt(1 + (c % 10_000)) * 10n ** 6n;
      this.addCash(ledger, market, amount);
      add(this.quoteBalance, ledger, amount);
      add(this.lpShares, key, amount);
      const emit = this.tx(ledger);
      emit("CashDeposited", { account: market, from: provider, amount });
      emit("LiquidityDeposited", { market, provider, amount, shares: amount });
    } else {
      const shares = get(this.lpShares, key);
      const cash = get(this.cash, `${ledger}:${market}`);
      if (shares === 0n || cash <= 0n) return;
      const burnt = 1n + ((BigInt(c) * 10n ** 6n) % shares);
      const amount = min(burnt, cash);
      this.addCash(ledger, market, -amount);
      add(this.quoteBalance, ledger, -amount);
      add(this.lpShares, key, -burnt);
      const emit = this.tx(ledger);
      emit("CashWithdrawn", { account: market, to: provider, amount });
      emit("LiquidityWithdrawn", { market, provider, to: provider, amount, shares: burnt });
    }
  }

  /** Insurance, rates, prices and explicit bad-debt settlement. */
  misc(a: number, b: number, c: number): void {
    const ledger = this.eid(b);
    switch (c % 6) {
      case 0: {
        const amount = BigInt(1 + (a % 1_000)) * 10n ** 6n;
        add(this.insurance, ledger, amount);
        add(this.quoteBalance, ledger, amount);
        this.tx(ledger)("InsuranceDeposited", { from: this.account(a), amount });
        return;
      }
      case 1: {
        const fund = get(this.insurance, ledger);
        if (fund === 0n) return;
        const amount = 1n + (BigInt(a) % fund);
        add(this.insurance, ledger, -amount);
        add(this.quoteBalance, ledger, -amount);
        this.tx(ledger)("InsuranceWithdrawn", { to: this.account(a), amount });
        return;
      }
      case 2: {
        const src = this.eid(a);
        const rate = WAD + BigInt(a % 10_000) * 10n ** 13n;
        this.tx(ledger)("RateUpdated", {
          srcEid: src,
          asset: assetOf(src, 2),
          reported: rate,
          applied: rate,
          nonce: BigInt(a),
        });
        return;
      }
      case 3: {
        this.price.set(ledger, BigInt(1_000 + (a % 4_000)) * 10n ** 8n);
        return;
      }
      case 4: {
        const dst = this.eid(a);
        const guid = dst === ledger ? ZERO_GUID : this.nextGuid();
        this.tx(ledger)("RateSynced", { guid, dstEid: dst, asset: assetOf(ledger, 2), rate: WAD });
        return;
      }
      default: {
        const candidates = this.accounts.filter((x) => this.isBadDebt(ledger, x));
        const account = candidates[a % Math.max(candidates.length, 1)];
        if (account === undefined) return;
        this.settleBadDebt(this.tx(ledger), ledger, account);
      }
    }
  }

  // ---------------------------------------------------------------- truth

  /** The chain reads `checkInvariants` compares the projection with. */
  snapshot(): ChainSnapshot {
    const lanes = this.lanesUsed;
    const vaults = this.vaultAssetsUsed;
    return {
      lanes: [...lanes].sort().map((key) => {
        const [vault, ledger, asset] = key.split(":");
        return {
          vaultEid: Number(vault),
          ledgerEid: Number(ledger),
          asset: asset ?? "",
          vaultLocked: get(this.locked, key),
          ledgerCredited: get(this.credited, `${ledger}:${vault}:${asset}`),
        };
      }),
      vaults: [...vaults].sort().map((key) => {
        const [vault, asset] = key.split(":");
        let totalLocked = 0n;
        for (const [k, v] of this.locked)
          if (k.startsWith(`${vault}:`) && k.endsWith(`:${asset}`)) totalLocked += v;
        return {
          vaultEid: Number(vault),
          asset: asset ?? "",
          balance: get(this.vaultBalance, key),
          totalLocked,
          totalClaimable: get(this.totalClaimable, key),
        };
      }),
      ledgers: this.eids.map((eid) => ({
        ledgerEid: eid,
        quoteBalance: get(this.quoteBalance, eid),
        totalCash: get(this.totalCash, eid),
        insuranceFund: get(this.insurance, eid),
      })),
    };
  }

  /** Every address the model has state for. */
  addresses(): Address[] {
    return [...this.accounts, ...this.eids.map(marketOf)].sort();
  }

  /** What the projection must show for `account`. */
  truth(account: Address): AccountTruth {
    const ledgers: LedgerTruth[] = [];
    for (const ledger of [...this.eids].sort((x, y) => x - y)) {
      const collateral: LedgerTruth["collateral"] = [];
      for (const [key, b] of this.balances) {
        const [l, acct, src, asset] = key.split(":");
        if (Number(l) !== ledger || acct !== account || b.valued + b.parked === 0n) continue;
        // Keys hold addresses built by assetOf.
        collateral.push({ srcEid: Number(src), asset: asset as Address, valued: b.valued, parked: b.parked });
      }
      collateral.sort((x, y) => x.srcEid - y.srcEid || (x.asset < y.asset ? -1 : 1));
      const p = this.positions.get(`${ledger}:${account}`);
      const positions =
        p && (p.size !== 0n || p.openNotional !== 0n)
          ? [{ market: marketOf(ledger), size: p.size, openNotional: p.openNotional }]
          : [];
      const shares = get(this.lpShares, `${ledger}:${account}`);
      const lpShares = shares === 0n ? [] : [{ market: marketOf(ledger), shares }];
      const cash = get(this.cash, `${ledger}:${account}`);
      if (cash === 0n && collateral.length === 0 && positions.length === 0 && lpShares.length === 0) continue;
      ledgers.push({ ledgerEid: ledger, cash, collateral, positions, lpShares });
    }
    const mine = this.inFlight.filter((m) => m.account === account);
    const claimable: AccountTruth["claimable"] = [];
    for (const [key, amount] of this.claimable) {
      const [vault, acct, asset] = key.split(":");
      // Keys hold addresses built by assetOf.
      if (acct === account) claimable.push({ vaultEid: Number(vault), asset: asset as Address, amount });
    }
    claimable.sort((x, y) => x.vaultEid - y.vaultEid || (x.asset < y.asset ? -1 : 1));
    return {
      address: account,
      ledgers,
      inFlightLocks: mine
        .filter((m) => m.kind === "lock")
        .map((m) => m.guid)
        .sort(),
      inFlightReleases: mine
        .filter((m) => m.kind === "release")
        .map((m) => m.guid)
        .sort(),
      claimable,
    };
  }
}
