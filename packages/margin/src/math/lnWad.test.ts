import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors.js";
import { lnWad } from "./lnWad.js";
import { WAD } from "./uint.js";

describe("lnWad", () => {
  it("is exact to a wei on known values", () => {
    expect(lnWad(WAD)).toBe(0n);
    expect(lnWad(2n * WAD)).toBe(693_147_180_559_945_309n);
    // ln(1.01) = 0.009950330853168082848...
    expect(lnWad((101n * WAD) / 100n)).toBe(9_950_330_853_168_082n);
    // ln(0.5) = -0.693147180559945309417...
    expect(lnWad(WAD / 2n)).toBe(-693_147_180_559_945_309n);
    // ln(e^1) with e = 2.718281828459045235360...
    expect(lnWad(2_718_281_828_459_045_235n)).toBe(999_999_999_999_999_999n);
  });

  it("agrees with Math.log and is additive: ln(ab) = ln(a) + ln(b)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 30n }),
        fc.bigInt({ min: 10n ** 9n, max: 10n ** 27n }),
        (a, b) => {
          const la = lnWad(a);
          expect(Math.abs(Number(la) / 1e18 - Math.log(Number(a) / 1e18))).toBeLessThan(1e-9);
          const product = (a * b) / WAD;
          fc.pre(product > 10n ** 9n);
          // The product is floored to a wei, so ln(ab) is ln(a) + ln(b) up to that rounding.
          const sum = la + lnWad(b);
          const tolerance = (WAD * 2n) / product + 2n;
          expect(sum - lnWad(product) <= tolerance && lnWad(product) - sum <= tolerance).toBe(true);
        },
      ),
    );
  });

  it("refuses zero and negative numbers", () => {
    expect(() => lnWad(0n)).toThrow(InvalidInputError);
    expect(() => lnWad(-1n)).toThrow(InvalidInputError);
  });
});
