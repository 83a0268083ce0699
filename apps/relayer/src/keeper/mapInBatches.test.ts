import { describe, expect, test } from "vitest";
import { mapInBatches } from "./mapInBatches.js";

describe("mapInBatches", () => {
  test("results in input order, at most a batch in flight, a failure kept to its item", async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapInBatches([5, 1, 4, 2, 3], 2, async (n) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, n * 3));
      inFlight--;
      if (n === 4) throw new Error("four");
      return n * 10;
    });
    expect(most).toBe(2);
    // The only rejection is the Error thrown above.
    expect(results.map((r) => (r.ok ? r.value : (r.error as Error).message))).toEqual([
      50,
      10,
      "four",
      20,
      30,
    ]);
  });

  test("no items, and a batch size that is not a positive integer", async () => {
    expect(await mapInBatches([], 3, async () => 1)).toEqual([]);
    await expect(mapInBatches([1], 0, async () => 1)).rejects.toThrow(RangeError);
    await expect(mapInBatches([1], 1.5, async () => 1)).rejects.toThrow(/batch size/);
  });
});
