import { mulDivUp } from "../math/mulDiv.js";
import { WAD, zeroFloorSub } from "../math/uint.js";
import { toSharesUp } from "./shares.js";
import { collateralValueDown, haircutDown, toAmountUp, type ValuationDecimals } from "./value.js";

/**
 * The smallest balance whose haircut contribution is at least `contribution`: the exact inverse
 * of `haircutDown(collateralValueDown(b, rate, price), factor)`, by a ceiling at each step.
 * Mirrors `MarginMathLib.minBalanceForContributionUp`.
 */
export function minBalanceForContributionUp(
  contribution: bigint,
  factor: bigint,
  rate: bigint,
  price: bigint,
  decimals: ValuationDecimals,
): bigint {
  if (contribution === 0n) return 0n;
  const value = mulDivUp(contribution, WAD, factor);
  const assets = toAmountUp(value, price, decimals);
  return toSharesUp(assets, rate);
}

/**
 * The most of `balance` that can leave an account whose initial health is `health`, when the
 * asset contributes `haircutDown(value(balance), factor)` to its initial collateral.
 * Mirrors `MarginMathLib.freeBalanceDown`.
 */
export function freeBalanceDown(
  balance: bigint,
  health: bigint,
  factor: bigint,
  rate: bigint,
  price: bigint,
  decimals: ValuationDecimals,
): bigint {
  if (health < 0n) return 0n;
  if (factor === 0n || rate === 0n) return balance;
  const contribution = haircutDown(collateralValueDown(balance, rate, price, decimals), factor);
  const mustStay = zeroFloorSub(contribution, health);
  return zeroFloorSub(balance, minBalanceForContributionUp(mustStay, factor, rate, price, decimals));
}
