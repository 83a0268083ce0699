import { describe, expect, it } from "vitest";
import { InvalidInputError, UnsupportedConfidenceError } from "../errors.js";
import { ewmaVolatility } from "./ewmaVolatility.js";
import { suggestCollateralFactor, Z_SCORES } from "./suggestCollateralFactor.js";

const WAD = 10n ** 18n;
const DAY = 86_400n;
const c99 = 99n * 10n ** 16n;

describe("suggestCollateralFactor", () => {
  it("is 1 - z * sigma * sqrt(days) on known numbers, haircut rounded up", () => {
    // z(99%) = 2.326347874040841101 (rounded up); * 5% = 0.11631739370204205505 -> ...056.
    expect(
      suggestCollateralFactor({ dailyVolatility: 5n * 10n ** 16n, confidence: c99, horizonSeconds: DAY }),
    ).toEqual({
      collateralFactor: 883_682_606_297_957_944n,
      haircut: 116_317_393_702_042_056n,
      z: 2_326_347_874_040_841_101n,
      horizonSqrt: WAD,
    });
    // Four days: sqrt = 2.
    const fourDays = suggestCollateralFactor({
      dailyVolatility: 5n * 10n ** 16n,
      confidence: c99,
      horizonSeconds: 4n * DAY,
    });
    expect(fourDays).toMatchObject({ horizonSqrt: 2n * WAD, haircut: 232_634_787_404_084_112n });
    // Six hours: sqrt(0.25) = 0.5.
    expect(
      suggestCollateralFactor({
        dailyVolatility: 4n * 10n ** 16n,
        confidence: 95n * 10n ** 16n,
        horizonSeconds: DAY / 4n,
      }).haircut,
    ).toBe(32_897_072_539_029_455n);
  });

  it("floors at zero and is 1 for a zero horizon", () => {
    expect(
      suggestCollateralFactor({ dailyVolatility: WAD / 2n, confidence: c99, horizonSeconds: DAY })
        .collateralFactor,
    ).toBe(0n);
    expect(
      suggestCollateralFactor({ dailyVolatility: WAD / 2n, confidence: c99, horizonSeconds: 0n })
        .collateralFactor,
    ).toBe(WAD);
  });

  it("grows stricter with confidence", () => {
    const factors = Object.keys(Z_SCORES).map(
      (confidence) =>
        suggestCollateralFactor({
          dailyVolatility: 3n * 10n ** 16n,
          confidence: BigInt(confidence),
          horizonSeconds: DAY,
        }).collateralFactor,
    );
    expect([...factors].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(factors);
  });

  it("takes an EWMA volatility end to end", () => {
    const prices = [3_000n, 3_090n, 2_970n, 3_030n, 2_940n, 3_000n].map((p) => p * 10n ** 8n);
    const { dailyVolatility } = ewmaVolatility(prices);
    const { collateralFactor } = suggestCollateralFactor({
      dailyVolatility,
      confidence: c99,
      horizonSeconds: DAY,
    });
    expect(collateralFactor > 85n * 10n ** 16n && collateralFactor < 95n * 10n ** 16n).toBe(true);
  });

  it("refuses confidences outside the table and negative inputs", () => {
    expect(() =>
      suggestCollateralFactor({ dailyVolatility: 1n, confidence: 98n * 10n ** 16n, horizonSeconds: DAY }),
    ).toThrow(UnsupportedConfidenceError);
    expect(() =>
      suggestCollateralFactor({ dailyVolatility: -1n, confidence: c99, horizonSeconds: DAY }),
    ).toThrow(InvalidInputError);
  });
});
