import { describe, expect, it } from "vitest";
import { usableAnswer } from "./usableAnswer.js";

const bounds = { maxStaleness: 3_600, minAnswer: 100n, maxAnswer: 1_000n };

describe("usableAnswer (OracleLib.check)", () => {
  it("accepts a fresh answer within bounds, both ends inclusive", () => {
    expect(usableAnswer(500n, 1_000n, 1_000n, bounds)).toBe(500n);
    expect(usableAnswer(100n, 1_000n, 4_600n, bounds)).toBe(100n);
    expect(usableAnswer(1_000n, 1_000n, 4_600n, bounds)).toBe(1_000n);
  });
  it("refuses a stale answer or one from the future", () => {
    expect(usableAnswer(500n, 1_000n, 4_601n, bounds)).toBeUndefined();
    expect(usableAnswer(500n, 1_001n, 1_000n, bounds)).toBeUndefined();
  });
  it("refuses an answer out of bounds or not positive", () => {
    expect(usableAnswer(99n, 1_000n, 1_000n, bounds)).toBeUndefined();
    expect(usableAnswer(1_001n, 1_000n, 1_000n, bounds)).toBeUndefined();
    expect(usableAnswer(0n, 1_000n, 1_000n, { ...bounds, minAnswer: -5n })).toBeUndefined();
    expect(usableAnswer(-1n, 1_000n, 1_000n, { ...bounds, minAnswer: -5n })).toBeUndefined();
  });
});
