import { expect, test } from "vitest";
import { withGasHeadroom } from "./withGasHeadroom.js";

test("withGasHeadroom adds a quarter to the estimate, rounded down", () => {
  expect(withGasHeadroom(200_000n)).toBe(250_000n);
  expect(withGasHeadroom(3n)).toBe(3n);
  expect(withGasHeadroom(0n)).toBe(0n);
});
