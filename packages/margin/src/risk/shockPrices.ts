import type { Prices } from "../valuation/marginConfig.js";
import { shockDown } from "../valuation/valueLedger.js";

/**
 * `prices` with each answer multiplied by (1 + shock) of its price id, rounded down and floored at
 * zero (a shock of -100% or below gives 0). Price ids without a shock keep their answer.
 */
export function shockPrices(prices: Prices, shocks: Readonly<Record<string, bigint>>): Prices {
  const shocked: Record<string, Prices[string]> = {};
  for (const [id, quote] of Object.entries(prices)) {
    shocked[id] = { answer: shockDown(quote.answer, shocks[id]), decimals: quote.decimals };
  }
  return shocked;
}
