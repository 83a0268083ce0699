import { describe, expect, test } from "vitest";
import { CliError } from "../CliError.js";
import { formatAmount } from "./formatAmount.js";
import { parseAmount } from "./parseAmount.js";

describe("parseAmount", () => {
  test("reads token units into raw units", () => {
    expect(parseAmount("1000", 6, "USDC")).toBe(1_000_000_000n);
    expect(parseAmount("0.000001", 6, "USDC")).toBe(1n);
    expect(parseAmount("1.5", 18, "WETH")).toBe(1_500_000_000_000_000_000n);
  });

  test.each([
    ["1.0000001", "amount 1.0000001 has more than 6 decimals for USDC"],
    ["-1", '"-1" is not an amount (use digits and an optional decimal point)'],
    ["1e6", '"1e6" is not an amount (use digits and an optional decimal point)'],
    [".5", '".5" is not an amount (use digits and an optional decimal point)'],
    ["0.000", "the amount must be more than zero"],
  ])("refuses %s", (text, message) => {
    expect(() => parseAmount(text, 6, "USDC")).toThrow(new CliError(message));
  });
});

describe("formatAmount", () => {
  test("groups thousands and keeps every significant decimal", () => {
    expect(formatAmount(1_234_567_890_000n, 6, "USDC")).toBe("1,234,567.89 USDC");
    expect(formatAmount(-5_000_000n, 6, "USDC")).toBe("-5 USDC");
    expect(formatAmount(1n, 18, "WETH")).toBe("0.000000000000000001 WETH");
  });
});
