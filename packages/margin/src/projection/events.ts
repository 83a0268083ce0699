import type { Address, Hex } from "./address.js";

/**
 * Where a log is on its chain: the projection applies each key at most once. After a reorg the
 * same log comes back under another block hash, so the relayer rebuilds the projection from the
 * logs it kept (the orphaned ones dropped).
 */
export interface EventKey {
  /** EVM chain id of the chain that emitted the log. */
  chainId: number;
  blockHash: Hex;
  logIndex: number;
}

/** Fields every event carries. */
export interface BallastEventBase {
  key: EventKey;
  /** LayerZero endpoint id of the chain that emitted the log (the `localEid` of its contracts). */
  eid: number;
  /**
   * Block number of the log. With `key.logIndex` it orders the events of one chain; the projection
   * needs that order where the contracts' effect depends on it (a release takes parked before
   * valued collateral; a position or rate is the latest one), whatever order events arrive in.
   */
  blockNumber: bigint;
  /** Block timestamp in seconds: gives in-flight messages an age. */
  blockTimestamp?: bigint;
}

// ------------------------------------------------------------------ CollateralVault

/** `CollateralVault.Locked`: `amount` moved into the vault for `beneficiary` on `dstEid` (guid 0: same chain). */
export interface LockedEvent extends BallastEventBase {
  type: "Locked";
  guid: Hex;
  dstEid: number;
  asset: Address;
  sender: Address;
  beneficiary: Address;
  amount: bigint;
  rate: bigint;
}

/** `CollateralVault.Released`: a RELEASE from the ledger on `srcEid` paid `recipient`. */
export interface ReleasedEvent extends BallastEventBase {
  type: "Released";
  guid: Hex;
  srcEid: number;
  asset: Address;
  recipient: Address;
  amount: bigint;
}

/** `CollateralVault.ReleaseClaimable`: a RELEASE could not be paid and became claimable by `recipient`. */
export interface ReleaseClaimableEvent extends BallastEventBase {
  type: "ReleaseClaimable";
  guid: Hex;
  srcEid: number;
  asset: Address;
  recipient: Address;
  amount: bigint;
}

/** `CollateralVault.Claimed`: `account` took its whole claimable balance of `asset`. */
export interface ClaimedEvent extends BallastEventBase {
  type: "Claimed";
  account: Address;
  asset: Address;
  to: Address;
  amount: bigint;
}

/** `CollateralVault.RateSynced`: a RATE message left for `dstEid` (no balance effect). */
export interface RateSyncedEvent extends BallastEventBase {
  type: "RateSynced";
  guid: Hex;
  dstEid: number;
  asset: Address;
  rate: bigint;
}

// ------------------------------------------------------------------ MarginLedger

/** `MarginLedger.Credited`: a LOCK from `srcEid` (or a same-chain lock, guid 0) credited `account`. */
export interface CreditedEvent extends BallastEventBase {
  type: "Credited";
  guid: Hex;
  srcEid: number;
  asset: Address;
  account: Address;
  amount: bigint;
  valued: bigint;
  parked: bigint;
}

/** `MarginLedger.ReleaseRequested`: `account` was debited (parked first) and a RELEASE left for `srcEid`. */
export interface ReleaseRequestedEvent extends BallastEventBase {
  type: "ReleaseRequested";
  guid: Hex;
  srcEid: number;
  asset: Address;
  account: Address;
  recipient: Address;
  amount: bigint;
}

/** `MarginLedger.ParkedActivated`: `amount` of parked collateral now counts as valued. */
export interface ParkedActivatedEvent extends BallastEventBase {
  type: "ParkedActivated";
  account: Address;
  srcEid: number;
  asset: Address;
  amount: bigint;
}

/** `MarginLedger.CashDeposited`: quote tokens from `from` became cash of `account` (a market for LP deposits). */
export interface CashDepositedEvent extends BallastEventBase {
  type: "CashDeposited";
  account: Address;
  from: Address;
  amount: bigint;
}

/** `MarginLedger.CashWithdrawn`: `account`'s cash left the ledger to `to` (a market for LP withdrawals). */
export interface CashWithdrawnEvent extends BallastEventBase {
  type: "CashWithdrawn";
  account: Address;
  to: Address;
  amount: bigint;
}

/** `MarginLedger.PnlSettled`: `amount` (signed) moved from `market`'s cash to `account`'s. */
export interface PnlSettledEvent extends BallastEventBase {
  type: "PnlSettled";
  market: Address;
  account: Address;
  amount: bigint;
}

/** `MarginLedger.PenaltyCharged`: `account` paid `penalty`; `keeperReward` to `keeper`, the rest to insurance. */
export interface PenaltyChargedEvent extends BallastEventBase {
  type: "PenaltyCharged";
  market: Address;
  account: Address;
  penalty: bigint;
  keeper: Address;
  keeperReward: bigint;
}

/** `MarginLedger.Liquidated`: `liquidator` paid `repaid` into `account`'s cash and took `seized` of its valued collateral. */
export interface LiquidatedEvent extends BallastEventBase {
  type: "Liquidated";
  liquidator: Address;
  account: Address;
  srcEid: number;
  asset: Address;
  repaid: bigint;
  seized: bigint;
  /** The liquidator had no free collateral slot: the seized amount was credited as parked. */
  seizedAsParked: boolean;
}

/** `MarginLedger.LossSocialized`: `amount` of `account`'s bad debt was paid from `market`'s cash (its LP pool). */
export interface LossSocializedEvent extends BallastEventBase {
  type: "LossSocialized";
  market: Address;
  account: Address;
  amount: bigint;
}

/** `MarginLedger.BadDebtSettled`: `fromInsurance` moved from the insurance fund into `account`'s cash. */
export interface BadDebtSettledEvent extends BallastEventBase {
  type: "BadDebtSettled";
  account: Address;
  debt: bigint;
  fromInsurance: bigint;
  socialized: bigint;
}

/** `MarginLedger.InsuranceDeposited`. */
export interface InsuranceDepositedEvent extends BallastEventBase {
  type: "InsuranceDeposited";
  from: Address;
  amount: bigint;
}

/** `MarginLedger.InsuranceWithdrawn`. */
export interface InsuranceWithdrawnEvent extends BallastEventBase {
  type: "InsuranceWithdrawn";
  to: Address;
  amount: bigint;
}

// ------------------------------------------------------------------ RiskEngine

/** `RiskEngine.RateUpdated`: the ledger on this chain now values share (srcEid, asset) at `applied`. */
export interface RateUpdatedEvent extends BallastEventBase {
  type: "RateUpdated";
  srcEid: number;
  asset: Address;
  reported: bigint;
  applied: bigint;
  nonce: bigint;
}

// ------------------------------------------------------------------ PerpMarket

/** `PerpMarket.PositionChanged`: `account`'s position in `market` is now (`size`, `openNotional`). */
export interface PositionChangedEvent extends BallastEventBase {
  type: "PositionChanged";
  /** The market contract that emitted the log. */
  market: Address;
  account: Address;
  sizeDelta: bigint;
  size: bigint;
  openNotional: bigint;
  price: bigint;
  realizedPnl: bigint;
}

/** `PerpMarket.PositionLiquidated` (its cash effects arrive as PnlSettled and PenaltyCharged). */
export interface PositionLiquidatedEvent extends BallastEventBase {
  type: "PositionLiquidated";
  market: Address;
  account: Address;
  liquidator: Address;
  size: bigint;
  price: bigint;
  realizedPnl: bigint;
  penalty: bigint;
  keeperReward: bigint;
}

/** `PerpMarket.LiquidityDeposited` (the cash arrives as CashDeposited with the market as account). */
export interface LiquidityDepositedEvent extends BallastEventBase {
  type: "LiquidityDeposited";
  market: Address;
  provider: Address;
  amount: bigint;
  shares: bigint;
}

/** `PerpMarket.LiquidityWithdrawn` (the cash leaves as CashWithdrawn with the market as account). */
export interface LiquidityWithdrawnEvent extends BallastEventBase {
  type: "LiquidityWithdrawn";
  market: Address;
  provider: Address;
  to: Address;
  amount: bigint;
  shares: bigint;
}

/** Every event the projection understands, as plain data: decoded logs of every chain. */
export type BallastEvent =
  | LockedEvent
  | ReleasedEvent
  | ReleaseClaimableEvent
  | ClaimedEvent
  | RateSyncedEvent
  | CreditedEvent
  | ReleaseRequestedEvent
  | ParkedActivatedEvent
  | CashDepositedEvent
  | CashWithdrawnEvent
  | PnlSettledEvent
  | PenaltyChargedEvent
  | LiquidatedEvent
  | LossSocializedEvent
  | BadDebtSettledEvent
  | InsuranceDepositedEvent
  | InsuranceWithdrawnEvent
  | RateUpdatedEvent
  | PositionChangedEvent
  | PositionLiquidatedEvent
  | LiquidityDepositedEvent
  | LiquidityWithdrawnEvent;
