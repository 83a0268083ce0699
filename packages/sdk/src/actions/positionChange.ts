// Internal: the PositionChanged event the position actions return.
import { perpMarketAbi } from "@ballast/contracts";
import type { Address, TransactionReceipt } from "viem";
import { findEvent } from "./findEvent.js";

/** A position change, from `PerpMarket.PositionChanged`. */
export interface PositionChange {
  /** Signed change of size (base units, 18 decimals; long > 0). */
  sizeDelta: bigint;
  /** The position's size after the change. */
  size: bigint;
  /** The position's open notional after the change (quote units). */
  openNotional: bigint;
  /** The mark price traded at (the feed's decimals). */
  price: bigint;
  /** PnL settled into the account's cash by this change (0 when opening). */
  realizedPnl: bigint;
}

/** The `PositionChanged` that `market` emitted in `receipt`. */
export function positionChangeOf(receipt: TransactionReceipt, market: Address): PositionChange {
  const { args } = findEvent(receipt, { abi: perpMarketAbi, eventName: "PositionChanged", address: market });
  const { sizeDelta, size, openNotional, price, realizedPnl } = args;
  return { sizeDelta, size, openNotional, price, realizedPnl };
}
