// Differential test: @ballast/margin (TypeScript) against MathLib, MarginMathLib and PerpMathLib
// (Solidity, through MarginMathHarness on an in-process Hardhat network). Every case is evaluated on
// both sides; a revert in Solidity must be an ArithmeticError in TypeScript and a value must be equal
// to the wei. Set MARGIN_DIFF_SEED to replay a run.
import * as margin from "@ballast/margin";
import vectors from "@ballast/margin/vectors/margin-vectors.json" with { type: "json" };
import fc from "fast-check";
import { network } from "hardhat";
import { decodeFunctionResult, encodeFunctionData, type Hex } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import { marginMathHarnessAbi } from "../src/generated/contracts.js";

type HarnessFunction = Extract<(typeof marginMathHarnessAbi)[number], { type: "function" }>["name"];

const seed = Number(process.env.MARGIN_DIFF_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CASES_PER_FUNCTION = Number(process.env.MARGIN_DIFF_CASES ?? 500);
const BATCH = 250;

const WAD = 10n ** 18n;
const u256 = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(0n, 1n, 2n, WAD, margin.MAX_UINT256, margin.MAX_UINT256 - 1n) },
  { weight: 3, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 12n }) },
  { weight: 3, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 30n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: margin.MAX_UINT256 }) },
);
const i256 = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(0n, 1n, -1n, margin.MIN_INT256, margin.MAX_INT256) },
  { weight: 3, arbitrary: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: margin.MIN_INT256, max: margin.MAX_INT256 }) },
);
const price = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(1n, 10n ** 8n, 3_000n * 10n ** 8n, 10n ** 30n) },
  { weight: 4, arbitrary: fc.bigInt({ min: 1n, max: 10n ** 20n }) },
);
const rate = fc.oneof(fc.constantFrom(WAD, 0n, 1n), fc.bigInt({ min: WAD / 2n, max: 3n * WAD }));
const factor = fc.bigInt({ min: 0n, max: WAD });
const dec = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(6, 8, 18) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 36 }) },
);
const health = fc.record({
  collateralValue: u256,
  initialCollateral: u256,
  maintenanceCollateral: u256,
  cash: i256,
  unrealizedPnl: i256,
  initialMargin: u256,
  maintenanceMargin: u256,
});

/** One harness function: how to draw its arguments and what @ballast/margin computes for them. */
interface Case<A extends readonly unknown[]> {
  name: HarnessFunction;
  args: fc.Arbitrary<A>;
  ts: (...args: A) => bigint;
}
const caseOf = <A extends readonly unknown[]>(c: Case<A>) => c as unknown as Case<readonly unknown[]>;
const d3 = (t: number, p: number, q: number) => ({ tokenDecimals: t, priceDecimals: p, quoteDecimals: q });
const md = (p: number, q: number) => ({ priceDecimals: p, quoteDecimals: q });

const cases = [
  caseOf({ name: "mulDivDown", args: fc.tuple(u256, u256, u256), ts: margin.mulDivDown }),
  caseOf({ name: "mulDivUp", args: fc.tuple(u256, u256, u256), ts: margin.mulDivUp }),
  caseOf({ name: "mulDivFloorSigned", args: fc.tuple(i256, u256, u256), ts: margin.mulDivFloorSigned }),
  caseOf({ name: "mulDivCeilSigned", args: fc.tuple(i256, u256, u256), ts: margin.mulDivCeilSigned }),
  caseOf({ name: "toAssetsDown", args: fc.tuple(u256, rate), ts: margin.toAssetsDown }),
  caseOf({ name: "toAssetsUp", args: fc.tuple(u256, rate), ts: margin.toAssetsUp }),
  caseOf({ name: "toSharesDown", args: fc.tuple(u256, rate), ts: margin.toSharesDown }),
  caseOf({ name: "toSharesUp", args: fc.tuple(u256, rate), ts: margin.toSharesUp }),
  ...(["toValueDown", "toValueUp", "toAmountDown", "toAmountUp"] as const).map((name) =>
    caseOf({
      name,
      args: fc.tuple(u256, price, dec, dec, dec),
      ts: (a: bigint, p: bigint, t: number, pd: number, q: number) => margin[name](a, p, d3(t, pd, q)),
    }),
  ),
  ...(["collateralValueDown", "collateralValueUp"] as const).map((name) =>
    caseOf({
      name,
      args: fc.tuple(u256, rate, price, dec, dec, dec),
      ts: (b: bigint, r: bigint, p: bigint, t: number, pd: number, q: number) =>
        margin[name](b, r, p, d3(t, pd, q)),
    }),
  ),
  caseOf({ name: "haircutDown", args: fc.tuple(u256, factor), ts: margin.haircutDown }),
  caseOf({
    name: "minBalanceForContributionUp",
    args: fc.tuple(u256, factor, rate, price, dec, dec, dec),
    ts: (c: bigint, f: bigint, r: bigint, p: bigint, t: number, pd: number, q: number) =>
      margin.minBalanceForContributionUp(c, f, r, p, d3(t, pd, q)),
  }),
  caseOf({
    name: "freeBalanceDown",
    args: fc.tuple(u256, i256, factor, rate, price, dec, dec, dec),
    ts: (b: bigint, h: bigint, f: bigint, r: bigint, p: bigint, t: number, pd: number, q: number) =>
      margin.freeBalanceDown(b, h, f, r, p, d3(t, pd, q)),
  }),
  ...(["seizeAmountDown", "repayForSeizeUp"] as const).map((name) =>
    caseOf({
      name,
      args: fc.tuple(u256, factor, rate, price, dec, dec, dec),
      ts: (x: bigint, bonus: bigint, r: bigint, p: bigint, t: number, pd: number, q: number) =>
        margin[name](x, bonus, r, p, d3(t, pd, q)),
    }),
  ),
  caseOf({
    name: "boundedRate",
    args: fc.tuple(rate, rate, fc.bigInt({ min: 0n, max: 10n ** 9n }), factor),
    ts: margin.boundedRate,
  }),
  ...(["initialHealth", "maintenanceHealth", "equity"] as const).map((name) =>
    caseOf({ name, args: fc.tuple(health), ts: margin[name] }),
  ),
  ...(["markValueFloor", "entryNotionalCeil", "notionalUp"] as const).map((name) =>
    caseOf({
      name,
      args: fc.tuple(i256, price, dec, dec),
      ts: (s: bigint, p: bigint, pd: number, q: number) => margin[name](s, p, md(pd, q)),
    }),
  ),
  caseOf({
    name: "unrealizedPnl",
    args: fc.tuple(i256, i256, price, dec, dec),
    ts: (s: bigint, n: bigint, p: bigint, pd: number, q: number) => margin.unrealizedPnl(s, n, p, md(pd, q)),
  }),
  caseOf({ name: "marginUp", args: fc.tuple(u256, factor), ts: margin.marginUp }),
  caseOf({
    name: "remainingNotionalCeil",
    args: fc.tuple(i256, i256, i256),
    ts: margin.remainingNotionalCeil,
  }),
];

/** TypeScript's answer for one case: a value, or "revert" where the contract must revert. */
function evaluate(c: Case<readonly unknown[]>, args: readonly unknown[]): bigint | "revert" {
  try {
    return c.ts(...args);
  } catch (error) {
    if (error instanceof margin.ArithmeticError) return "revert";
    throw error;
  }
}

describe(`@ballast/margin equals the Solidity libraries (seed ${seed})`, () => {
  let harness: Hex;
  let call: (calls: Hex[]) => Promise<readonly [readonly boolean[], readonly Hex[]]>;

  beforeAll(async () => {
    const { viem } = await network.create();
    const contract = await viem.deployContract("MarginMathHarness");
    harness = contract.address;
    const client = await viem.getPublicClient();
    call = (calls) =>
      client.readContract({
        address: harness,
        abi: marginMathHarnessAbi,
        functionName: "batch",
        args: [calls],
      });
  });

  async function compare(
    c: Case<readonly unknown[]>,
    argsList: readonly (readonly unknown[])[],
  ): Promise<number> {
    let checked = 0;
    for (let start = 0; start < argsList.length; start += BATCH) {
      const chunk = argsList.slice(start, start + BATCH);
      const encoded = chunk.map((args) =>
        // The ABI types each function's args; the table pairs a name with arguments of its signature.
        encodeFunctionData({ abi: marginMathHarnessAbi, functionName: c.name, args: args as never }),
      );
      const [ok, results] = await call(encoded);
      chunk.forEach((args, i) => {
        const expected = evaluate(c, args);
        const actual = ok[i]
          ? (decodeFunctionResult({
              abi: marginMathHarnessAbi,
              functionName: c.name,
              data: results[i] as Hex,
            }) as bigint) // every harness function returns one uint256 or int256
          : "revert";
        expect({ fn: c.name, args, value: expected }).toEqual({ fn: c.name, args, value: actual });
        checked++;
      });
    }
    return checked;
  }

  it(`agrees on ${cases.length} functions x ${CASES_PER_FUNCTION} random cases`, async () => {
    let total = 0;
    for (const [index, c] of cases.entries()) {
      const argsList = fc.sample(c.args, { numRuns: CASES_PER_FUNCTION, seed: seed + index });
      total += await compare(c, argsList);
    }
    expect(total).toBe(cases.length * CASES_PER_FUNCTION);
  });

  it("agrees on the committed edge-case vectors, and both equal the expected values", async () => {
    for (const vector of vectors.cases) {
      const c = cases.find((candidate) => candidate.name === vector.fn);
      if (!c) throw new Error(`vector for unknown function ${vector.fn}`);
      const args = vector.args.map(parseArg);
      const expected = vector.expected === "revert" ? "revert" : BigInt(vector.expected);
      expect(evaluate(c, args)).toEqual(expected);
      await compare(c, [args]);
    }
  });
});

/** Vector arguments are JSON: bigints as decimal strings, decimals as numbers, Health as an object. */
function parseArg(arg: unknown): unknown {
  if (typeof arg === "string") return BigInt(arg);
  if (typeof arg === "number") return arg;
  if (arg && typeof arg === "object") {
    return Object.fromEntries(Object.entries(arg).map(([k, v]) => [k, BigInt(v as string)]));
  }
  throw new Error(`bad vector argument ${String(arg)}`);
}
