import { CliError } from "../CliError.js";

/**
 * A positive decimal amount in token units ("1.5") as raw units of a token with `decimals`.
 * Refuses signs, exponents, empty parts, zero, and more fractional digits than the token has.
 */
export function parseAmount(text: string, decimals: number, symbol: string): bigint {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (match === null)
    throw new CliError(`"${text}" is not an amount (use digits and an optional decimal point)`);
  const [, whole = "", fraction = ""] = match;
  if (fraction.length > decimals) {
    throw new CliError(`amount ${text} has more than ${decimals} decimals for ${symbol}`);
  }
  const raw = BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0") || "0");
  if (raw === 0n) throw new CliError("the amount must be more than zero");
  return raw;
}
