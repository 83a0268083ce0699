import { InvalidInputError } from "../errors.js";
import { lnWad } from "../math/lnWad.js";
import { mulDivDown, mulDivUp } from "../math/mulDiv.js";
import { sqrtUp } from "../math/sqrt.js";
import { WAD } from "../math/uint.js";

const DAY = 86_400n;

/** RiskMetrics' decay for daily data: 0.94. */
export const RISKMETRICS_DAILY_LAMBDA = 94n * 10n ** 16n;

/** Options of {@link ewmaVolatility}. */
export interface EwmaVolatilityOptions {
  /** Decay in (0, 1) as WAD; default {@link RISKMETRICS_DAILY_LAMBDA} (0.94). */
  lambda?: bigint;
  /** Seconds between two prices of the series; default one day. */
  periodSeconds?: bigint;
}

/** What {@link ewmaVolatility} returns (all WAD). */
export interface EwmaVolatility {
  /** EWMA variance of the log returns, per period. */
  variance: bigint;
  /** sqrt(variance): volatility per period. */
  volatility: bigint;
  /** Volatility scaled to one day: volatility * sqrt(1 day / period). */
  dailyVolatility: bigint;
  /** Number of returns the estimate is built on (prices - 1). */
  returns: number;
}

/**
 * RiskMetrics-style EWMA volatility of a price series (oldest first, any decimals, all > 0), in
 * WAD fixed point and bigint only:
 *
 *   r_t = ln(P_t / P_{t-1}),  s²_1 = r_1²,  s²_t = lambda * s²_{t-1} + (1 - lambda) * r_t²,
 *   volatility = sqrt(s²_n),  dailyVolatility = volatility * sqrt(86400 / periodSeconds).
 *
 * The recursion runs with 36 decimals and every step rounds up (products, square roots), so the
 * estimate errs high, by about a wei: conservative for haircuts. `ln` is `lnWad` (exact to a wei).
 */
export function ewmaVolatility(
  prices: readonly bigint[],
  options: EwmaVolatilityOptions = {},
): EwmaVolatility {
  const lambda = options.lambda ?? RISKMETRICS_DAILY_LAMBDA;
  const period = options.periodSeconds ?? DAY;
  if (lambda <= 0n || lambda >= WAD)
    throw new InvalidInputError(`lambda must be in (0, 1e18), got ${lambda}`);
  if (period <= 0n) throw new InvalidInputError(`periodSeconds must be positive, got ${period}`);
  if (prices.length < 2) throw new InvalidInputError(`need at least 2 prices, got ${prices.length}`);
  // The variance is kept with 36 decimals (r² of two WAD returns, exact), so small variances keep
  // their precision; it is reported in WAD and its square root is a WAD volatility.
  let variance36 = -1n;
  let previous: bigint | undefined;
  for (const price of prices) {
    if (price <= 0n) throw new InvalidInputError(`prices must be positive, got ${price}`);
    if (previous !== undefined) {
      const r = lnWad(mulDivDown(price, WAD, previous));
      const squared = r * r;
      variance36 =
        variance36 < 0n ? squared : mulDivUp(lambda, variance36, WAD) + mulDivUp(WAD - lambda, squared, WAD);
    }
    previous = price;
  }
  return {
    variance: mulDivUp(variance36, 1n, WAD),
    volatility: sqrtUp(variance36),
    dailyVolatility: sqrtUp(mulDivUp(variance36, DAY, period)),
    returns: prices.length - 1,
  };
}
