// Writes vectors/margin-vectors.json: hand-picked edge cases (decimals 6, 8, 18, extreme and tiny
// prices and amounts, zero, boundaries of uint256/int256) with the values @ballast/margin computes.
// The contracts' differential test runs every vector through the Solidity libraries and requires
// the same values, so the file pins both sides. Regenerate after `pnpm build`:
//   node scripts/generate-vectors.ts
import { writeFileSync } from "node:fs";
import * as m from "../dist/index.js";

const WAD = 10n ** 18n;
const MAX = m.MAX_UINT256;
type Arg = bigint | number | Record<string, bigint>;
const cases: { fn: string; args: Arg[]; expected: string }[] = [];

function add(fn: string, args: Arg[], compute: () => bigint): void {
  let expected: string;
  try {
    expected = compute().toString();
  } catch (error) {
    if (!(error instanceof m.ArithmeticError)) throw error;
    expected = "revert";
  }
  cases.push({ fn, args, expected });
}

const decimalSets = [
  [6, 8, 6],
  [8, 8, 6],
  [18, 8, 6],
  [18, 18, 6],
  [6, 8, 18],
  [0, 0, 18],
] as const;
const prices = [1n, 99_999_999n, 10n ** 8n, 3_000n * 10n ** 8n, 10n ** 30n];
const amounts = [0n, 1n, 999_999n, 10n ** 18n, 10n ** 30n, MAX];

for (const [t, p, q] of decimalSets) {
  const d = { tokenDecimals: t, priceDecimals: p, quoteDecimals: q };
  for (const price of prices) {
    for (const amount of amounts) {
      add("toValueDown", [amount, price, t, p, q], () => m.toValueDown(amount, price, d));
      add("toValueUp", [amount, price, t, p, q], () => m.toValueUp(amount, price, d));
      add("toAmountDown", [amount, price, t, p, q], () => m.toAmountDown(amount, price, d));
      add("toAmountUp", [amount, price, t, p, q], () => m.toAmountUp(amount, price, d));
    }
    for (const rate of [WAD, 0n, 1n, (WAD * 105n) / 100n]) {
      add("collateralValueDown", [10n ** 18n, rate, price, t, p, q], () =>
        m.collateralValueDown(10n ** 18n, rate, price, d),
      );
      add("freeBalanceDown", [10n ** 18n, 1_000_000n, (WAD * 8n) / 10n, rate, price, t, p, q], () =>
        m.freeBalanceDown(10n ** 18n, 1_000_000n, (WAD * 8n) / 10n, rate, price, d),
      );
      add("seizeAmountDown", [1_000_000n, WAD / 20n, rate, price, t, p, q], () =>
        m.seizeAmountDown(1_000_000n, WAD / 20n, rate, price, d),
      );
      add("repayForSeizeUp", [10n ** 15n, WAD / 20n, rate, price, t, p, q], () =>
        m.repayForSeizeUp(10n ** 15n, WAD / 20n, rate, price, d),
      );
    }
  }
}

for (const [x, y, z] of [
  [MAX, MAX, MAX],
  [MAX, 2n, 1n],
  [1n, 1n, 0n],
  [7n, 3n, 2n],
  [MAX, MAX, MAX - 1n],
] as const) {
  add("mulDivDown", [x, y, z], () => m.mulDivDown(x, y, z));
  add("mulDivUp", [x, y, z], () => m.mulDivUp(x, y, z));
}
for (const x of [m.MIN_INT256, m.MIN_INT256 + 1n, -7n, 0n, 7n, m.MAX_INT256]) {
  add("mulDivFloorSigned", [x, 3n, 2n], () => m.mulDivFloorSigned(x, 3n, 2n));
  add("mulDivCeilSigned", [x, 3n, 2n], () => m.mulDivCeilSigned(x, 3n, 2n));
}
for (const [current, reported, elapsed] of [
  [0n, WAD, 0n],
  [WAD, WAD / 2n, 0n],
  [WAD, 2n * WAD, 86_400n],
  [WAD, 2n * WAD, 3_600n],
  [WAD, WAD + 1n, 0n],
] as const) {
  add("boundedRate", [current, reported, elapsed, WAD / 100n], () =>
    m.boundedRate(current, reported, elapsed, WAD / 100n),
  );
}
for (const [p, q] of [
  [8, 6],
  [18, 6],
  [8, 18],
  [0, 6],
] as const) {
  const d = { priceDecimals: p, quoteDecimals: q };
  for (const size of [0n, 1n, -1n, 10n ** 18n, -(10n ** 18n), 123_456_789n * 10n ** 12n, m.MIN_INT256]) {
    add("markValueFloor", [size, 3_000n * 10n ** 8n, p, q], () =>
      m.markValueFloor(size, 3_000n * 10n ** 8n, d),
    );
    add("entryNotionalCeil", [size, 3_000n * 10n ** 8n, p, q], () =>
      m.entryNotionalCeil(size, 3_000n * 10n ** 8n, d),
    );
    add("notionalUp", [size, 3_000n * 10n ** 8n, p, q], () => m.notionalUp(size, 3_000n * 10n ** 8n, d));
  }
}
for (const [notional, size, remaining] of [
  [3_000_000_001n, 10n ** 18n, 5n * 10n ** 17n],
  [-3_000_000_001n, -(10n ** 18n), -(5n * 10n ** 17n)],
  [1n, 3n, 1n],
  [-1n, -3n, -1n],
  [5n, 2n, 0n],
] as const) {
  add("remainingNotionalCeil", [notional, size, remaining], () =>
    m.remainingNotionalCeil(notional, size, remaining),
  );
}
const zeroHealth = {
  collateralValue: 0n,
  initialCollateral: 0n,
  maintenanceCollateral: 0n,
  cash: 0n,
  unrealizedPnl: 0n,
  initialMargin: 0n,
  maintenanceMargin: 0n,
};
for (const h of [
  zeroHealth,
  { ...zeroHealth, cash: -5n, initialCollateral: 3n, initialMargin: 1n, maintenanceCollateral: 4n },
  { ...zeroHealth, initialCollateral: MAX },
  { ...zeroHealth, cash: m.MAX_INT256, unrealizedPnl: 1n },
]) {
  add("initialHealth", [h], () => m.initialHealth(h));
  add("maintenanceHealth", [h], () => m.maintenanceHealth(h));
  add("equity", [h], () => m.equity(h));
}

const json = JSON.stringify(
  {
    description:
      "Edge cases of @ballast/margin and the Solidity libraries (MathLib, MarginMathLib, PerpMathLib). " +
      "bigints are decimal strings, decimals are numbers, 'revert' means both sides must revert.",
    cases: cases.map((c) => ({
      ...c,
      args: c.args.map((a) =>
        typeof a === "bigint"
          ? a.toString()
          : typeof a === "number"
            ? a
            : Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v.toString()])),
      ),
    })),
  },
  null,
  1,
);
writeFileSync(new URL("../vectors/margin-vectors.json", import.meta.url), `${json}\n`);
console.log(`wrote ${cases.length} vectors`);
