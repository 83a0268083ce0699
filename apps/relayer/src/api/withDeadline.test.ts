import { describe, expect, test } from "vitest";
import { DeadlineExceededError, withDeadline } from "./withDeadline.js";

describe("withDeadline", () => {
  test("the promise's value when it settles in time", async () => {
    expect(await withDeadline(Promise.resolve(7), 1_000)).toBe(7);
    await expect(withDeadline(Promise.reject(new Error("refused")), 1_000)).rejects.toThrow("refused");
  });

  test("a DeadlineExceededError when it does not", async () => {
    const never = new Promise<never>(() => {});
    const started = performance.now();
    await expect(withDeadline(never, 50)).rejects.toThrow(new DeadlineExceededError(50));
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
