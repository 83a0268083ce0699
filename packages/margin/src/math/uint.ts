import { ArithmeticError } from "../errors.js";

/** 2^256 - 1. */
export const MAX_UINT256 = (1n << 256n) - 1n;
/** 2^255 - 1. */
export const MAX_INT256 = (1n << 255n) - 1n;
/** -2^255. */
export const MIN_INT256 = -(1n << 255n);
/** 1e18: the fixed-point unit of factors, rates and sizes. */
export const WAD = 10n ** 18n;

/** `x` if it is a uint256, else throws (Solidity's checked arithmetic reverts). */
export function uint256(x: bigint, what = "uint256"): bigint {
  if (x < 0n || x > MAX_UINT256) throw new ArithmeticError(`${what} out of range: ${x}`);
  return x;
}

/** `x` if it is an int256, else throws. */
export function int256(x: bigint, what = "int256"): bigint {
  if (x < MIN_INT256 || x > MAX_INT256) throw new ArithmeticError(`${what} out of range: ${x}`);
  return x;
}

/** Solidity's explicit `int256(uint256 x)` conversion: wraps, never reverts. */
export function wrapToInt256(x: bigint): bigint {
  return x > MAX_INT256 ? x - (1n << 256n) : x;
}

/** 10 ** 0 .. 10 ** 77: every power of ten that fits a uint256, computed once. */
const POWERS_OF_TEN: readonly bigint[] = Array.from({ length: 78 }, (_, i) => 10n ** BigInt(i));

/** `10 ** exponent` as a uint256 (reverts when it overflows, like Solidity's checked `**`). */
export function pow10(exponent: bigint): bigint {
  if (exponent < 0n) throw new ArithmeticError(`negative exponent ${exponent}`);
  // Valuation calls this on every collateral and position: a table lookup, not an exponentiation.
  const cached = exponent < 78n ? POWERS_OF_TEN[Number(exponent)] : undefined;
  return cached ?? uint256(10n ** exponent, "10 ** exponent");
}

/** `a < b ? a : b`. */
export function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/** `a - b`, or 0 when `b >= a`. */
export function zeroFloorSub(a: bigint, b: bigint): bigint {
  return a > b ? a - b : 0n;
}

/** |x| as a uint256 (defined for int256 min too). */
export function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}
