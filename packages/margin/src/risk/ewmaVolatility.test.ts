import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors.js";
import { ewmaVolatility } from "./ewmaVolatility.js";

const E8 = 10n ** 8n;
const WAD = 10n ** 18n;

/** The same recursion in floating point, to compare within a relative tolerance. */
function reference(prices: readonly number[], lambda = 0.94): number {
  let variance = -1;
  for (let i = 1; i < prices.length; i++) {
    const r = Math.log((prices[i] ?? 1) / (prices[i - 1] ?? 1));
    variance = variance < 0 ? r * r : lambda * variance + (1 - lambda) * r * r;
  }
  return Math.sqrt(variance);
}

const close = (actual: bigint, expected: number, relative = 1e-9) =>
  Math.abs(Number(actual) / 1e18 - expected) <= relative * Math.max(expected, 1e-12);

describe("ewmaVolatility", () => {
  it("is zero for a constant series", () => {
    expect(ewmaVolatility([5n, 5n, 5n, 5n])).toEqual({
      variance: 0n,
      volatility: 0n,
      dailyVolatility: 0n,
      returns: 3,
    });
  });

  it("is |ln 1.01| for a series moving 1% up and down", () => {
    const prices = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? 100n : 101n) * E8);
    const { volatility } = ewmaVolatility(prices);
    // ln(1.01) = 0.009950330853168082848...; the down moves round the ratio down by under a wei.
    expect(volatility >= 9_950_330_853_168_082n && volatility <= 9_950_330_853_168_083n).toBe(true);
  });

  it("follows the RiskMetrics recursion on a known series: +10%, -10%, +10%", () => {
    const { variance, volatility, returns } = ewmaVolatility([
      100n * E8,
      110n * E8,
      99n * E8,
      1089n * 10n ** 7n,
    ]);
    const r1 = Math.log(1.1);
    const r2 = Math.log(0.9);
    const s2 = 0.94 * r1 * r1 + 0.06 * r2 * r2;
    const s3 = 0.94 * s2 + 0.06 * r1 * r1;
    expect(returns).toBe(3);
    expect(close(variance, s3)).toBe(true);
    expect(close(volatility, Math.sqrt(s3))).toBe(true);
  });

  it("scales hourly data to a daily volatility by sqrt(24)", () => {
    const prices = [100n, 101n, 99n, 102n, 100n].map((p) => p * E8);
    const { volatility, dailyVolatility } = ewmaVolatility(prices, {
      periodSeconds: 3_600n,
      lambda: 97n * 10n ** 16n,
    });
    expect(close(volatility, reference([100, 101, 99, 102, 100], 0.97))).toBe(true);
    expect(close(dailyVolatility, Math.sqrt(24) * reference([100, 101, 99, 102, 100], 0.97))).toBe(true);
  });

  it("agrees with floating point on random series", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 50_000, max: 150_000 }), { minLength: 2, maxLength: 60 }),
        (raw) => {
          const { volatility } = ewmaVolatility(raw.map((p) => BigInt(p) * 10n ** 13n));
          const expected = reference(raw);
          expect(Math.abs(Number(volatility) / 1e18 - expected)).toBeLessThan(1e-12 + expected * 1e-9);
        },
      ),
    );
  });

  it("refuses short series, non-positive prices and a lambda outside (0, 1)", () => {
    expect(() => ewmaVolatility([1n])).toThrow(InvalidInputError);
    expect(() => ewmaVolatility([1n, 0n])).toThrow(InvalidInputError);
    expect(() => ewmaVolatility([1n, 2n], { lambda: WAD })).toThrow(InvalidInputError);
    expect(() => ewmaVolatility([1n, 2n], { periodSeconds: 0n })).toThrow(InvalidInputError);
  });
});
