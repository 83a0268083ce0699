import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors.js";
import { sqrtDown, sqrtUp } from "./sqrt.js";
import { MAX_UINT256 } from "./uint.js";

describe("sqrtDown / sqrtUp", () => {
  it("knows small squares and their neighbours", () => {
    expect([0n, 1n, 2n, 3n, 4n, 8n, 9n, 10n].map(sqrtDown)).toEqual([0n, 1n, 1n, 1n, 2n, 2n, 3n, 3n]);
    expect([0n, 1n, 2n, 3n, 4n, 8n, 9n, 10n].map(sqrtUp)).toEqual([0n, 1n, 2n, 2n, 2n, 3n, 3n, 4n]);
    expect(sqrtDown(10n ** 36n)).toBe(10n ** 18n);
    expect(sqrtDown(MAX_UINT256)).toBe((1n << 128n) - 1n);
  });

  it("brackets the root for any n", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_UINT256 * MAX_UINT256 }), (n) => {
        const down = sqrtDown(n);
        expect(down * down <= n && (down + 1n) * (down + 1n) > n).toBe(true);
        const up = sqrtUp(n);
        expect(up * up >= n && (up === 0n || (up - 1n) * (up - 1n) < n)).toBe(true);
      }),
    );
  });

  it("refuses negative numbers", () => {
    expect(() => sqrtDown(-1n)).toThrow(InvalidInputError);
  });
});
