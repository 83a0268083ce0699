import type { Address, Hash } from "viem";

/** What a liquidation takes: a perp position (`PerpMarket.liquidatePosition`) or collateral (`MarginLedger.liquidate`). */
export type LiquidationKind = "position" | "collateral";

/** Why a liquidation was found but not sent. */
export type LiquidationSkipReason =
  /** The reward does not cover the gas with the safety margin and the minimum profit. */
  | "unprofitable"
  /** The keeper holds no quote tokens on the ledger's chain to repay with. */
  | "no_funds"
  /** The ledger is paused or in its post-unpause grace period. */
  | "paused"
  /** The market's mark price is stale or out of bounds (the call would revert). */
  | "price_unusable"
  /** The re-check right before sending found the account healthy (or without debt). */
  | "not_liquidatable"
  /** The gas estimate reverted (the decoded error is in `error`). */
  | "refused"
  /** A transaction the keeper sent earlier for it is not mined yet. */
  | "pending"
  /** No valued collateral with a usable price earns more than it repays. */
  | "no_collateral";

/** One liquidation the keeper considered. */
export interface LiquidationOutcome {
  kind: LiquidationKind;
  ledgerEid: number;
  account: Address;
  /** The market (`position`). */
  market?: Address | undefined;
  /** The seized collateral (`collateral`). */
  srcEid?: number | undefined;
  asset?: Address | undefined;
  status: "succeeded" | "failed" | "skipped";
  /** Skips only. */
  reason?: LiquidationSkipReason | undefined;
  /** The decoded custom error name or message of a failure or a refused estimate. */
  error?: string | undefined;
  transactionHash?: Hash | undefined;
  /** The reward expected (quote units): keeper share of the penalty, or value of the bonus. */
  rewardQuote?: bigint | undefined;
  rewardWei?: bigint | undefined;
  costWei?: bigint | undefined;
  /** From the mined event: `PositionLiquidated.keeperReward`, or `Liquidated.repaid`/`seized`. */
  keeperReward?: bigint | undefined;
  repaid?: bigint | undefined;
  seized?: bigint | undefined;
}

/** One (share, ledger) pair the rate sync looked at. */
export interface RateSyncOutcome {
  vaultEid: number;
  ledgerEid: number;
  share: Address;
  vaultRate: bigint;
  ledgerRate: bigint;
  /** `fell`/`rose`: sent (or failed); `equal`/`under-threshold`: nothing to do; `pending`: a RATE sent earlier is on its way. */
  reason: "fell" | "rose" | "equal" | "under-threshold" | "pending";
  status: "sent" | "failed" | "skipped";
  transactionHash?: Hash | undefined;
  /** The RATE's LayerZero guid (zero for the vault chain's own ledger). */
  guid?: Hash | undefined;
  /** Fee paid (wei). */
  nativeFee?: bigint | undefined;
  error?: string | undefined;
}

/** What one keeper run did. */
export interface KeeperRunReport {
  /** No keeper key: nothing was read or sent. */
  idle: boolean;
  /** Another replica holds the keeper lock: nothing was read or sent. */
  standby: boolean;
  startedAt: number;
  durationMs: number;
  /** Distinct accounts valued. */
  candidates: number;
  /** (account, ledger) pairs below maintenance margin. */
  liquidatable: number;
  liquidations: LiquidationOutcome[];
  rateSyncs: RateSyncOutcome[];
  /** Failures that stopped part of the run (an account that could not be valued, a chain that did not answer). */
  errors: string[];
}
