import { mulDivDown, mulDivUp } from "../math/mulDiv.js";
import { WAD } from "../math/uint.js";

/**
 * Underlying assets of `shares` at `rate` (assets per 1e18 raw shares), rounded down.
 * A plain token uses `rate = WAD` (identity). Mirrors `MarginMathLib.toAssetsDown`.
 */
export function toAssetsDown(shares: bigint, rate: bigint): bigint {
  return mulDivDown(shares, rate, WAD);
}

/** Underlying assets of `shares` at `rate`, rounded up. Mirrors `MarginMathLib.toAssetsUp`. */
export function toAssetsUp(shares: bigint, rate: bigint): bigint {
  return mulDivUp(shares, rate, WAD);
}

/** Shares worth `assets` at `rate` (> 0), rounded down. Mirrors `MarginMathLib.toSharesDown`. */
export function toSharesDown(assets: bigint, rate: bigint): bigint {
  return mulDivDown(assets, WAD, rate);
}

/** The fewest shares worth at least `assets` at `rate` (> 0). Mirrors `MarginMathLib.toSharesUp`. */
export function toSharesUp(assets: bigint, rate: bigint): bigint {
  return mulDivUp(assets, WAD, rate);
}
