import { describe, expect, test } from "vitest";
import { assessProfit } from "./assessProfit.js";
import { KeeperError } from "./errors.js";

const ETH_2600 = { answer: 2_600n * 10n ** 8n, decimals: 8 };
const base = {
  rewardQuote: 130n * 10n ** 6n,
  quoteDecimals: 6,
  ethUsd: ETH_2600,
  gas: 200_000n,
  gasPrice: 10n ** 9n,
  gasSafetyMarginBps: 2_000,
  minProfitWei: 0n,
};

describe("assessProfit", () => {
  test("130 USDC at 2,600 is 0.05 ETH; 200k gas at 1 gwei with a 20% margin costs 0.00024 ETH", () => {
    expect(assessProfit(base)).toEqual({
      rewardWei: 5n * 10n ** 16n,
      costWei: 24n * 10n ** 13n,
      profitWei: 5n * 10n ** 16n - 24n * 10n ** 13n,
      profitable: true,
    });
  });

  test("the minimum profit is inclusive; above the profit the liquidation is not worth it", () => {
    const profit = 5n * 10n ** 16n - 24n * 10n ** 13n;
    expect(assessProfit({ ...base, minProfitWei: profit }).profitable).toBe(true);
    expect(assessProfit({ ...base, minProfitWei: profit + 1n }).profitable).toBe(false);
  });

  test("gas that costs more than the reward, and a zero reward, are unprofitable", () => {
    const costly = assessProfit({ ...base, gasPrice: 10n ** 12n }); // 1,000 gwei: 0.24 ETH
    expect(costly.profitWei).toBeLessThan(0n);
    expect(costly.profitable).toBe(false);
    expect(assessProfit({ ...base, rewardQuote: 0n, gas: 0n })).toEqual({
      rewardWei: 0n,
      costWei: 0n,
      profitWei: 0n,
      profitable: false,
    });
  });

  test("the reward rounds down and the cost rounds up", () => {
    // 1 unit of a 6-decimal quote at 3,000 USD/ETH: 1e12 / 3,000 = 333,333,333.3 wei.
    const tiny = assessProfit({
      ...base,
      rewardQuote: 1n,
      ethUsd: { answer: 3_000n * 10n ** 8n, decimals: 8 },
    });
    expect(tiny.rewardWei).toBe(333_333_333n);
    expect(assessProfit({ ...base, gas: 1n, gasPrice: 1n, gasSafetyMarginBps: 1 }).costWei).toBe(2n);
  });

  test("quote and feed decimals other than 6 and 8", () => {
    // 100 DAI (18 decimals) at an 18-decimal answer of 2,000: 0.05 ETH.
    expect(
      assessProfit({
        ...base,
        rewardQuote: 100n * 10n ** 18n,
        quoteDecimals: 18,
        ethUsd: { answer: 2_000n * 10n ** 18n, decimals: 18 },
      }).rewardWei,
    ).toBe(5n * 10n ** 16n);
  });

  test("a non-positive ETH/USD answer cannot price anything", () => {
    expect(() => assessProfit({ ...base, ethUsd: { answer: 0n, decimals: 8 } })).toThrow(KeeperError);
    expect(() => assessProfit({ ...base, ethUsd: { answer: -1n, decimals: 8 } })).toThrow(/cannot price/);
  });
});
