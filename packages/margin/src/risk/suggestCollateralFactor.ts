import { InvalidInputError, UnsupportedConfidenceError } from "../errors.js";
import { mulDivUp } from "../math/mulDiv.js";
import { sqrtUp } from "../math/sqrt.js";
import { WAD } from "../math/uint.js";

const DAY = 86_400n;

/**
 * One-sided standard normal quantiles z(c) with P(Z <= z) = c, as WAD rounded up, for the
 * confidences {@link suggestCollateralFactor} supports (keys are WAD confidences as decimal strings).
 */
export const Z_SCORES: Readonly<Record<string, bigint>> = {
  [(90n * 10n ** 16n).toString()]: 1_281_551_565_544_600_467n,
  [(95n * 10n ** 16n).toString()]: 1_644_853_626_951_472_715n,
  [(975n * 10n ** 15n).toString()]: 1_959_963_984_540_054_236n,
  [(99n * 10n ** 16n).toString()]: 2_326_347_874_040_841_101n,
  [(995n * 10n ** 15n).toString()]: 2_575_829_303_548_900_761n,
  [(999n * 10n ** 15n).toString()]: 3_090_232_306_167_813_542n,
};

/** Parameters of {@link suggestCollateralFactor}. */
export interface SuggestCollateralFactorParameters {
  /** Daily volatility (WAD), e.g. `ewmaVolatility(prices).dailyVolatility`. */
  dailyVolatility: bigint;
  /** One of 0.90, 0.95, 0.975, 0.99, 0.995, 0.999 (WAD). */
  confidence: bigint;
  /** Time a liquidation takes to sell the collateral, in seconds. */
  horizonSeconds: bigint;
}

/** What {@link suggestCollateralFactor} returns (all WAD). */
export interface SuggestedCollateralFactor {
  /** max(0, 1 - haircut), rounded down. */
  collateralFactor: bigint;
  /** z * dailyVolatility * sqrt(horizon in days), rounded up. */
  haircut: bigint;
  /** The z-score used. */
  z: bigint;
  /** sqrt(horizon in days), rounded up. */
  horizonSqrt: bigint;
}

/**
 * A collateral factor for a confidence and liquidation horizon, from a parametric (normal) value
 * at risk: the price may fall by z * sigma_daily * sqrt(horizon days) before a liquidation
 * completes, with probability 1 - confidence of a larger fall:
 *
 *   CF = max(0, 1 - z * sigma_daily * sqrt(horizonSeconds / 86400)).
 *
 * z comes from a small table ({@link Z_SCORES}); other confidences throw UnsupportedConfidenceError.
 * The haircut rounds up and CF down: the suggestion errs on the protocol's side. Normal tails are
 * thin for crypto assets; treat the result as an upper bound and add a margin for jumps.
 */
export function suggestCollateralFactor(
  parameters: SuggestCollateralFactorParameters,
): SuggestedCollateralFactor {
  const { dailyVolatility, confidence, horizonSeconds } = parameters;
  const z = Z_SCORES[confidence.toString()];
  if (z === undefined) {
    throw new UnsupportedConfidenceError(
      `confidence ${confidence} is not in the z table (0.90, 0.95, 0.975, 0.99, 0.995, 0.999 as WAD)`,
    );
  }
  if (dailyVolatility < 0n)
    throw new InvalidInputError(`dailyVolatility must be >= 0, got ${dailyVolatility}`);
  if (horizonSeconds < 0n) throw new InvalidInputError(`horizonSeconds must be >= 0, got ${horizonSeconds}`);
  const horizonSqrt = sqrtUp(mulDivUp(horizonSeconds * WAD, WAD, DAY));
  const haircut = mulDivUp(mulDivUp(z, dailyVolatility, WAD), horizonSqrt, WAD);
  return { collateralFactor: haircut >= WAD ? 0n : WAD - haircut, haircut, z, horizonSqrt };
}
