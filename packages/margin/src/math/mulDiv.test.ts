import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArithmeticError } from "../errors.js";
import { mulDivCeilSigned, mulDivDown, mulDivFloorSigned, mulDivUp } from "./mulDiv.js";
import { MAX_INT256, MAX_UINT256, MIN_INT256 } from "./uint.js";

const uint256 = fc.bigInt({ min: 0n, max: MAX_UINT256 });
const nonZero = fc.bigInt({ min: 1n, max: MAX_UINT256 });

describe("mulDiv", () => {
  it("rounds down and up around the exact quotient", () => {
    expect(mulDivDown(7n, 3n, 2n)).toBe(10n);
    expect(mulDivUp(7n, 3n, 2n)).toBe(11n);
    expect(mulDivUp(8n, 3n, 2n)).toBe(12n);
  });

  it("keeps 512-bit intermediates like OpenZeppelin's Math.mulDiv", () => {
    expect(mulDivDown(MAX_UINT256, MAX_UINT256, MAX_UINT256)).toBe(MAX_UINT256);
  });

  it("reverts where Solidity reverts: zero denominator, result above uint256, ceil overflow", () => {
    expect(() => mulDivDown(1n, 1n, 0n)).toThrow(ArithmeticError);
    expect(() => mulDivDown(MAX_UINT256, 2n, 1n)).toThrow(ArithmeticError);
    expect(() => mulDivUp(MAX_UINT256, MAX_UINT256, MAX_UINT256 - 1n)).toThrow(ArithmeticError);
  });

  it("down <= exact <= up and they differ by the remainder", () => {
    fc.assert(
      fc.property(uint256, uint256, nonZero, (x, y, d) => {
        const exact = x * y;
        fc.pre(exact / d <= MAX_UINT256 - 1n);
        const down = mulDivDown(x, y, d);
        const up = mulDivUp(x, y, d);
        expect(down * d <= exact).toBe(true);
        expect(up * d >= exact).toBe(true);
        expect(up - down).toBe(exact % d === 0n ? 0n : 1n);
      }),
    );
  });

  it("signed variants round toward -infinity (floor) and +infinity (ceil)", () => {
    expect(mulDivFloorSigned(-7n, 3n, 2n)).toBe(-11n);
    expect(mulDivCeilSigned(-7n, 3n, 2n)).toBe(-10n);
    expect(mulDivFloorSigned(7n, 3n, 2n)).toBe(10n);
    expect(mulDivCeilSigned(7n, 3n, 2n)).toBe(11n);
    // -2^255 negates to 2^255, which SafeCast.toInt256 refuses: the contract reverts too.
    expect(() => mulDivFloorSigned(MIN_INT256, 1n, 1n)).toThrow(ArithmeticError);
    expect(mulDivFloorSigned(MIN_INT256 + 1n, 1n, 1n)).toBe(MIN_INT256 + 1n);
    expect(() => mulDivFloorSigned(MAX_INT256, 2n, 1n)).toThrow(ArithmeticError);
  });
});
