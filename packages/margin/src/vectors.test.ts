import { describe, expect, it } from "vitest";
import vectors from "../vectors/margin-vectors.json" with { type: "json" };
import { ArithmeticError } from "./errors.js";
import * as margin from "./index.js";

type Fn = (...args: unknown[]) => bigint;

/** Rebuilds the call of one vector: decimals arguments become the parameter objects of the TS API. */
function call(fn: string, raw: readonly unknown[]): bigint {
  const args = raw.map((a) =>
    typeof a === "string"
      ? BigInt(a)
      : typeof a === "number"
        ? a
        : Object.fromEntries(Object.entries(a as Record<string, string>).map(([k, v]) => [k, BigInt(v)])),
  );
  const d3 = (t: unknown, p: unknown, q: unknown) => ({
    tokenDecimals: t,
    priceDecimals: p,
    quoteDecimals: q,
  });
  const md = (p: unknown, q: unknown) => ({ priceDecimals: p, quoteDecimals: q });
  // The vector file names exported functions; each takes bigint/number/object arguments as built above.
  const f = (margin as unknown as Record<string, Fn>)[fn];
  if (!f) throw new Error(`unknown function ${fn}`);
  switch (fn) {
    case "toValueDown":
    case "toValueUp":
    case "toAmountDown":
    case "toAmountUp":
      return f(args[0], args[1], d3(args[2], args[3], args[4]));
    case "collateralValueDown":
      return f(args[0], args[1], args[2], d3(args[3], args[4], args[5]));
    case "freeBalanceDown":
      return f(args[0], args[1], args[2], args[3], args[4], d3(args[5], args[6], args[7]));
    case "seizeAmountDown":
    case "repayForSeizeUp":
      return f(args[0], args[1], args[2], args[3], d3(args[4], args[5], args[6]));
    case "markValueFloor":
    case "entryNotionalCeil":
    case "notionalUp":
      return f(args[0], args[1], md(args[2], args[3]));
    default:
      return f(...args);
  }
}

describe("committed edge-case vectors", () => {
  it("each vector evaluates to its expected value or reverts", () => {
    expect(vectors.cases.length).toBeGreaterThan(1000);
    for (const v of vectors.cases) {
      if (v.expected === "revert") {
        expect(() => call(v.fn, v.args), `${v.fn}(${JSON.stringify(v.args)})`).toThrow(ArithmeticError);
      } else {
        expect(call(v.fn, v.args), `${v.fn}(${JSON.stringify(v.args)})`).toBe(BigInt(v.expected));
      }
    }
  });
});
