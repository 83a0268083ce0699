import { type Abi, BaseError, ContractFunctionRevertedError, encodeErrorResult } from "viem";
import { describe, expect, it } from "vitest";
import { decodeRevert } from "../delivery/decodeRevert.js";
import { ballastErrorsAbi } from "./ballastErrorsAbi.js";

/** An error chain like viem's when a call reverts with `data` that the called contract's ABI cannot decode. */
function reverted(data: `0x${string}`): BaseError {
  const empty: Abi = [];
  return new BaseError("reverted", {
    cause: new ContractFunctionRevertedError({ abi: empty, data, functionName: "f" }),
  });
}

describe("ballastErrorsAbi", () => {
  it("holds each error signature once", () => {
    const signatures = ballastErrorsAbi.map((item) =>
      item.type === "error" ? `${item.name}(${item.inputs.map((input) => input.type).join(",")})` : item.type,
    );
    expect(new Set(signatures).size).toBe(signatures.length);
  });

  it("decodes errors of every contract on an action's path", () => {
    const cases = [
      ["InsufficientMargin", ["0x0000000000000000000000000000000000000001", -5n]],
      ["ERC20InsufficientBalance", ["0x0000000000000000000000000000000000000002", 0n, 7n]],
      ["NoPeer", [40_999]],
      ["StalePrice", ["0x0000000000000000000000000000000000000003", 1n, 3_600n]],
      ["LZ_InsufficientFee", [1n, 2n, 0n, 0n]],
    ] as const;
    for (const [errorName, args] of cases) {
      const data = encodeErrorResult({ abi: ballastErrorsAbi, errorName, args });
      expect(decodeRevert(reverted(data), ballastErrorsAbi)).toEqual({ errorName, args });
      // The delivery default does not know the Ballast contracts' errors.
      if (errorName !== "LZ_InsufficientFee") expect(decodeRevert(reverted(data))).toBeUndefined();
    }
  });
});
