import { describe, expect, it } from "vitest";
import { BallastDeploymentError } from "../errors.js";
import { encodeExecutorLzReceiveOption } from "./encodeExecutorOptions.js";

describe("encodeExecutorLzReceiveOption", () => {
  it("matches OptionsBuilder.addExecutorLzReceiveOption(200000, 0)", () => {
    // The bytes LayerZero's OmniCounter test vector uses (see delivery.test.ts).
    expect(encodeExecutorLzReceiveOption({ gas: 200_000n })).toBe(
      "0x00030100110100000000000000000000000000030d40",
    );
  });

  it("encodes Ballast's per-message gas", () => {
    expect(encodeExecutorLzReceiveOption({ gas: 250_000n })).toBe(
      "0x0003010011010000000000000000000000000003d090",
    );
    expect(encodeExecutorLzReceiveOption({ gas: 150_000n, value: 0n })).toBe(
      "0x000301001101000000000000000000000000000249f0",
    );
  });

  it("appends a non-zero value and counts it in the option size", () => {
    const gas = "000000000000000000000000000186a0"; // 100000 as uint128
    const value = "00000000000000000000000000000007";
    expect(encodeExecutorLzReceiveOption({ gas: 100_000n, value: 7n })).toBe(`0x000301002101${gas}${value}`);
  });

  it("refuses amounts that are not uint128", () => {
    expect(() => encodeExecutorLzReceiveOption({ gas: 2n ** 128n })).toThrow(BallastDeploymentError);
    expect(() => encodeExecutorLzReceiveOption({ gas: 1n, value: -1n })).toThrow(BallastDeploymentError);
  });
});
