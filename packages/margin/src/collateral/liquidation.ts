import { mulDivDown, mulDivUp } from "../math/mulDiv.js";
import { min, uint256, WAD } from "../math/uint.js";
import { toSharesDown } from "./shares.js";
import { collateralValueUp, toAmountDown, type ValuationDecimals } from "./value.js";

/**
 * Collateral a liquidator receives for repaying `repay` quote units: repay * (1 + bonus), in
 * collateral units, rounded down. Mirrors `MarginMathLib.seizeAmountDown`.
 */
export function seizeAmountDown(
  repay: bigint,
  bonus: bigint,
  rate: bigint,
  price: bigint,
  decimals: ValuationDecimals,
): bigint {
  const value = mulDivDown(repay, uint256(WAD + bonus), WAD);
  return toSharesDown(toAmountDown(value, price, decimals), rate);
}

/**
 * Quote a liquidator must repay to receive `seized` collateral: value / (1 + bonus), rounded up.
 * Mirrors `MarginMathLib.repayForSeizeUp`.
 */
export function repayForSeizeUp(
  seized: bigint,
  bonus: bigint,
  rate: bigint,
  price: bigint,
  decimals: ValuationDecimals,
): bigint {
  const value = collateralValueUp(seized, rate, price, decimals);
  return mulDivUp(value, WAD, uint256(WAD + bonus));
}

/** The parameters of {@link liquidationAmounts}. */
export interface LiquidationAmountsParameters {
  /** The most the liquidator will repay (already capped at the account's debt). */
  maxRepay: bigint;
  /** The account's valued balance of the collateral. */
  available: bigint;
  bonus: bigint;
  rate: bigint;
  price: bigint;
  decimals: ValuationDecimals;
}

/** What {@link liquidationAmounts} returns. */
export interface LiquidationAmountsReturnType {
  /** Quote the liquidator pays. */
  repaid: bigint;
  /** Collateral the liquidator receives. */
  seized: bigint;
}

/**
 * A liquidation of one collateral: seize repay * (1 + bonus), capped at the balance, in which case
 * the repayment shrinks to what the balance is worth at the bonus (rounded up).
 * Mirrors `RiskEngine.liquidationAmounts`.
 */
export function liquidationAmounts(parameters: LiquidationAmountsParameters): LiquidationAmountsReturnType {
  const { maxRepay, available, bonus, rate, price, decimals } = parameters;
  let repaid = maxRepay;
  let seized = seizeAmountDown(repaid, bonus, rate, price, decimals);
  if (seized > available) {
    seized = available;
    repaid = min(repaid, repayForSeizeUp(seized, bonus, rate, price, decimals));
  }
  return { repaid, seized };
}
