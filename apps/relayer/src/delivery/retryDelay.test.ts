import { describe, expect, test } from "vitest";
import { retryDelay } from "./retryDelay.js";

describe("retryDelay", () => {
  test("doubles per failed attempt from backoffMs", () => {
    const delays = [0, 1, 2, 3, 4].map((attempts) =>
      retryDelay({ attempts, backoffMs: 500, maxBackoffMs: 1_000_000 }),
    );
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000]);
  });

  test("stops at maxBackoffMs, also for absurd attempt counts", () => {
    expect(retryDelay({ attempts: 10, backoffMs: 500, maxBackoffMs: 60_000 })).toBe(60_000);
    expect(retryDelay({ attempts: 10_000, backoffMs: 500, maxBackoffMs: 60_000 })).toBe(60_000);
    expect(retryDelay({ attempts: -3, backoffMs: 500, maxBackoffMs: 60_000 })).toBe(500);
  });
});
