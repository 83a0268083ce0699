import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WAD } from "../math/uint.js";
import { freeBalanceDown, minBalanceForContributionUp } from "./freeBalance.js";
import { collateralValueDown, haircutDown, type ValuationDecimals } from "./value.js";

const decimals = fc.record({
  tokenDecimals: fc.constantFrom(6, 8, 18),
  priceDecimals: fc.constantFrom(6, 8, 18),
  quoteDecimals: fc.constantFrom(6, 18),
});

function contribution(balance: bigint, factor: bigint, rate: bigint, price: bigint, d: ValuationDecimals) {
  return haircutDown(collateralValueDown(balance, rate, price, d), factor);
}

describe("freeBalanceDown", () => {
  it("is the exact inverse of the haircut contribution", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.bigInt({ min: 1n, max: 10n ** 24n }),
        fc.bigInt({ min: 1n, max: WAD }),
        fc.bigInt({ min: WAD / 2n, max: 2n * WAD }),
        fc.bigInt({ min: 0n, max: 10n ** 20n }),
        decimals,
        (balance, price, factor, rate, health, d) => {
          const free = freeBalanceDown(balance, health, factor, rate, price, d);
          expect(free <= balance).toBe(true);
          const before = contribution(balance, factor, rate, price, d);
          // Releasing `free` keeps the account at or above initial margin ...
          expect(before - contribution(balance - free, factor, rate, price, d) <= health).toBe(true);
          // ... and releasing one more raw unit would not.
          if (free < balance) {
            expect(before - contribution(balance - free - 1n, factor, rate, price, d) > health).toBe(true);
          }
        },
      ),
    );
  });

  it("frees nothing below initial margin and everything for a zero factor", () => {
    const d = { tokenDecimals: 18, priceDecimals: 8, quoteDecimals: 6 };
    expect(freeBalanceDown(10n ** 18n, -1n, WAD / 2n, WAD, 3_000n * 10n ** 8n, d)).toBe(0n);
    expect(freeBalanceDown(10n ** 18n, 0n, 0n, WAD, 3_000n * 10n ** 8n, d)).toBe(10n ** 18n);
  });

  it("minBalanceForContributionUp is the smallest balance reaching the contribution", () => {
    const d = { tokenDecimals: 18, priceDecimals: 8, quoteDecimals: 6 };
    const price = 3_000n * 10n ** 8n;
    const min = minBalanceForContributionUp(1_000_000n, WAD / 2n, WAD, price, d);
    expect(contribution(min, WAD / 2n, WAD, price, d) >= 1_000_000n).toBe(true);
    expect(contribution(min - 1n, WAD / 2n, WAD, price, d) < 1_000_000n).toBe(true);
  });
});
