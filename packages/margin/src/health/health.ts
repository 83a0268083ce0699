import { int256, wrapToInt256 } from "../math/uint.js";

/** One account's margin figures in quote units. Mirrors `MarginMathLib.Health`. */
export interface Health {
  /** Sum of collateral values, no haircut. */
  collateralValue: bigint;
  /** Sum of value * collateral factor. */
  initialCollateral: bigint;
  /** Sum of value * liquidation factor. */
  maintenanceCollateral: bigint;
  /** Signed cash balance (negative is debt). */
  cash: bigint;
  /** Sum of the markets' unrealized PnL. */
  unrealizedPnl: bigint;
  /** Sum of the markets' initial margin requirements. */
  initialMargin: bigint;
  /** Sum of the markets' maintenance margin requirements. */
  maintenanceMargin: bigint;
}

/** cash + pnl + initialCollateral - initialMargin; at or above zero the account may take risk. */
export function initialHealth(h: Health): bigint {
  const a = int256(h.cash + h.unrealizedPnl);
  const b = int256(a + wrapToInt256(h.initialCollateral));
  return int256(b - wrapToInt256(h.initialMargin));
}

/** cash + pnl + maintenanceCollateral - maintenanceMargin; below zero the account is liquidatable. */
export function maintenanceHealth(h: Health): bigint {
  const a = int256(h.cash + h.unrealizedPnl);
  const b = int256(a + wrapToInt256(h.maintenanceCollateral));
  return int256(b - wrapToInt256(h.maintenanceMargin));
}

/** cash + pnl + collateralValue. */
export function equity(h: Health): bigint {
  return int256(int256(h.cash + h.unrealizedPnl) + wrapToInt256(h.collateralValue));
}
