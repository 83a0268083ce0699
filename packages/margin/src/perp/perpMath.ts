import { ArithmeticError } from "../errors.js";
import { type Decimals, decimalsToBigInt } from "../math/decimals.js";
import { mulDivCeilSigned, mulDivFloorSigned, mulDivUp, wMulUp } from "../math/mulDiv.js";
import { abs, int256, pow10 } from "../math/uint.js";

/** Decimals of a position's size (base units). */
export const SIZE_DECIMALS = 18;

/** Price and quote decimals of a market. */
export interface MarketDecimals {
  priceDecimals: Decimals;
  quoteDecimals: Decimals;
}

/** 10 ** (18 + priceDecimals - quoteDecimals), reverting like the contract when negative. */
function scale(d: MarketDecimals): bigint {
  const exponent =
    BigInt(SIZE_DECIMALS) +
    decimalsToBigInt(d.priceDecimals, "priceDecimals") -
    decimalsToBigInt(d.quoteDecimals, "quoteDecimals");
  if (exponent < 0n) throw new ArithmeticError("quoteDecimals above sizeDecimals + priceDecimals");
  return pow10(exponent);
}

/** Signed quote value of `size` at `price`, rounded toward -infinity. Mirrors `PerpMathLib.markValueFloor`. */
export function markValueFloor(size: bigint, price: bigint, d: MarketDecimals): bigint {
  return mulDivFloorSigned(size, price, scale(d));
}

/** Signed quote paid to open `sizeDelta` at `price`, rounded toward +infinity. Mirrors `PerpMathLib.entryNotionalCeil`. */
export function entryNotionalCeil(sizeDelta: bigint, price: bigint, d: MarketDecimals): bigint {
  return mulDivCeilSigned(sizeDelta, price, scale(d));
}

/** |size| * price in quote units, rounded up. Mirrors `PerpMathLib.notionalUp`. */
export function notionalUp(size: bigint, price: bigint, d: MarketDecimals): bigint {
  return mulDivUp(abs(int256(size)), price, scale(d));
}

/** markValueFloor(size) - openNotional. Mirrors `PerpMathLib.unrealizedPnl`. */
export function unrealizedPnl(size: bigint, openNotional: bigint, price: bigint, d: MarketDecimals): bigint {
  return int256(markValueFloor(size, price, d) - int256(openNotional));
}

/** notional * rate / WAD, rounded up. Mirrors `PerpMathLib.marginUp`. */
export function marginUp(notional: bigint, rate: bigint): bigint {
  return wMulUp(notional, rate);
}

/**
 * Open notional that stays with `remainingSize` when a position of `size` shrinks, rounded toward
 * +infinity. Closed and remaining notionals sum to the open notional, so the rounding only moves at
 * most one quote unit of PnL between this reduction and the rest of the position's life.
 * Mirrors `PerpMathLib.remainingNotionalCeil`.
 */
export function remainingNotionalCeil(openNotional: bigint, size: bigint, remainingSize: bigint): bigint {
  if (remainingSize === 0n) return 0n;
  return mulDivCeilSigned(openNotional, abs(int256(remainingSize)), abs(int256(size)));
}
