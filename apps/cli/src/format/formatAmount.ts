import { formatUnits } from "viem";

/** Raw units as token units with the symbol, grouped by thousands: `1,000.5 USDC`. */
export function formatAmount(raw: bigint, decimals: number, symbol: string): string {
  const [whole = "0", fraction] = formatUnits(raw, decimals).split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const grouped = whole.replace("-", "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${grouped}${fraction === undefined ? "" : `.${fraction}`} ${symbol}`;
}
