import { type Decimals, decimalsToBigInt } from "../math/decimals.js";
import { mulDivDown, mulDivUp, wMulDown } from "../math/mulDiv.js";
import { pow10, uint256 } from "../math/uint.js";
import { toAssetsDown, toAssetsUp } from "./shares.js";

/** Decimals that relate raw token amounts, oracle prices and quote values. */
export interface ValuationDecimals {
  /** Decimals of the value-bearing token (the underlying for an ERC-4626 share). */
  tokenDecimals: Decimals;
  /** Decimals of the oracle answer. */
  priceDecimals: Decimals;
  /** Decimals of the quote token, the unit of every value (e.g. 6 for USDC). */
  quoteDecimals: Decimals;
}

/** tokenDecimals + priceDecimals and quoteDecimals, as the contracts compute them (uint256). */
function exponents(d: ValuationDecimals): { inDecimals: bigint; quote: bigint } {
  return {
    inDecimals:
      decimalsToBigInt(d.tokenDecimals, "tokenDecimals") + decimalsToBigInt(d.priceDecimals, "priceDecimals"),
    quote: decimalsToBigInt(d.quoteDecimals, "quoteDecimals"),
  };
}

/** Quote value of `amount` raw token units at `price`, rounded down. Mirrors `MarginMathLib.toValueDown`. */
export function toValueDown(amount: bigint, price: bigint, decimals: ValuationDecimals): bigint {
  const { inDecimals, quote } = exponents(decimals);
  if (inDecimals >= quote) return mulDivDown(amount, price, pow10(inDecimals - quote));
  return uint256(uint256(amount * price) * pow10(quote - inDecimals));
}

/** Quote value of `amount` raw token units at `price`, rounded up. Mirrors `MarginMathLib.toValueUp`. */
export function toValueUp(amount: bigint, price: bigint, decimals: ValuationDecimals): bigint {
  const { inDecimals, quote } = exponents(decimals);
  if (inDecimals >= quote) return mulDivUp(amount, price, pow10(inDecimals - quote));
  return uint256(uint256(amount * price) * pow10(quote - inDecimals));
}

/** Raw token units worth `value` quote units at `price`, rounded down. Mirrors `MarginMathLib.toAmountDown`. */
export function toAmountDown(value: bigint, price: bigint, decimals: ValuationDecimals): bigint {
  const { inDecimals, quote } = exponents(decimals);
  if (inDecimals >= quote) return mulDivDown(value, pow10(inDecimals - quote), price);
  return mulDivDown(value, 1n, uint256(price * pow10(quote - inDecimals)));
}

/** The smallest raw amount whose value (rounded down) is at least `value`. Mirrors `MarginMathLib.toAmountUp`. */
export function toAmountUp(value: bigint, price: bigint, decimals: ValuationDecimals): bigint {
  const { inDecimals, quote } = exponents(decimals);
  if (inDecimals >= quote) return mulDivUp(value, pow10(inDecimals - quote), price);
  return mulDivUp(value, 1n, uint256(price * pow10(quote - inDecimals)));
}

/** Value of a collateral balance (shares converted at `rate` first), rounded down. */
export function collateralValueDown(
  balance: bigint,
  rate: bigint,
  price: bigint,
  decimals: ValuationDecimals,
): bigint {
  return toValueDown(toAssetsDown(balance, rate), price, decimals);
}

/** Value of a collateral balance, rounded up. */
export function collateralValueUp(
  balance: bigint,
  rate: bigint,
  price: bigint,
  decimals: ValuationDecimals,
): bigint {
  return toValueUp(toAssetsUp(balance, rate), price, decimals);
}

/** `value * factor / WAD`, rounded down: a haircut credited to the account. */
export function haircutDown(value: bigint, factor: bigint): bigint {
  return wMulDown(value, factor);
}
