import { KeeperError } from "./errors.js";

/** A Chainlink-style answer and its decimals. */
export interface FeedAnswer {
  answer: bigint;
  decimals: number;
}

/** Parameters of {@link assessProfit}. */
export interface AssessProfitParameters {
  /** What the keeper receives, in quote units (the ledger's quote token, taken as 1 USD). */
  rewardQuote: bigint;
  quoteDecimals: number;
  /** The chain's ETH/USD answer (manifest `feeds.ethUsd`). */
  ethUsd: FeedAnswer;
  /** `eth_estimateGas` of the transactions the liquidation needs. */
  gas: bigint;
  /** Wei per gas (`eth_gasPrice`). */
  gasPrice: bigint;
  /** The cost counts as gas × price × (1 + bps / 10,000). */
  gasSafetyMarginBps: number;
  /** Least profit worth a transaction, in wei. */
  minProfitWei: bigint;
}

/** The return type of {@link assessProfit}: every figure in wei. */
export interface AssessProfitReturnType {
  /** The reward converted at the ETH/USD answer, rounded down. */
  rewardWei: bigint;
  /** Gas × price with the safety margin, rounded up. */
  costWei: bigint;
  /** rewardWei − costWei (negative at a loss). */
  profitWei: bigint;
  /** profitWei > 0 and at least `minProfitWei`. */
  profitable: boolean;
}

const BPS = 10_000n;

/**
 * Whether a liquidation pays for its gas: the keeper's reward in quote units, converted to wei
 * through the chain's ETH/USD feed (the quote token counted as one dollar), against the gas
 * estimate × gas price raised by the safety margin. Throws a {@link KeeperError} for a non-positive
 * ETH/USD answer (nothing can be priced then).
 *
 * @example
 * assessProfit({ rewardQuote: 130_000_000n, quoteDecimals: 6, ethUsd: { answer: 2_600n * 10n ** 8n, decimals: 8 },
 *   gas: 200_000n, gasPrice: 10n ** 9n, gasSafetyMarginBps: 2_000, minProfitWei: 0n });
 * // { rewardWei: 50_000_000_000_000_000n, costWei: 240_000_000_000_000n, profitWei: ..., profitable: true }
 */
export function assessProfit(parameters: AssessProfitParameters): AssessProfitReturnType {
  const { rewardQuote, quoteDecimals, ethUsd, gas, gasPrice, gasSafetyMarginBps, minProfitWei } = parameters;
  if (ethUsd.answer <= 0n) throw new KeeperError(`ETH/USD answer ${ethUsd.answer} cannot price a reward`);
  // reward [quote] / 10^q [USD] / (answer / 10^d) [USD per ETH] * 10^18 [wei per ETH]
  const rewardWei =
    rewardQuote <= 0n
      ? 0n
      : (rewardQuote * 10n ** 18n * 10n ** BigInt(ethUsd.decimals)) /
        (ethUsd.answer * 10n ** BigInt(quoteDecimals));
  const raw = gas * gasPrice * (BPS + BigInt(gasSafetyMarginBps));
  const costWei = (raw + BPS - 1n) / BPS;
  const profitWei = rewardWei - costWei;
  return { rewardWei, costWei, profitWei, profitable: profitWei > 0n && profitWei >= minProfitWei };
}
