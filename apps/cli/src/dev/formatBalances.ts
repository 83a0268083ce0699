import { formatAmount } from "../format/formatAmount.js";
import type { BalanceRow, CashRow } from "./readBalances.js";

const DECIMALS = { usdc: 6, weth: 18, share: 18 } as const;
const SYMBOL = { usdc: "USDC", weth: "WETH", share: "share" } as const;

/** The unified balance table, one line per chain and asset, plus cash per ledger. */
export function formatBalances(rows: readonly BalanceRow[], cash: readonly CashRow[]): string[] {
  const cells = rows.map((row) => [
    row.chain,
    SYMBOL[row.asset],
    formatAmount(row.wallet, DECIMALS[row.asset], ""),
    formatAmount(row.collateral, DECIMALS[row.asset], ""),
    formatAmount(row.claimable, DECIMALS[row.asset], ""),
  ]);
  const header = ["chain", "asset", "wallet", "as collateral", "claimable"];
  const widths = header.map((title, i) =>
    Math.max(title.length, ...cells.map((cell) => (cell[i] ?? "").trim().length)),
  );
  const line = (cell: readonly string[]) =>
    cell
      .map((value, i) =>
        i < 2 ? value.trim().padEnd(widths[i] ?? 0) : value.trim().padStart(widths[i] ?? 0),
      )
      .join("  ");
  return [
    line(header),
    ...cells.map(line),
    `cash: ${cash.map((row) => `${row.chain} ${formatAmount(row.cash, 6, "USDC")}`).join(", ")}`,
  ];
}
