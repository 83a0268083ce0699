import { endpointV2Abi, simpleMessageLibAbi } from "@ballast/contracts";
import { BaseError, ContractFunctionRevertedError, encodeErrorResult, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { decodeRevert } from "./decodeRevert.js";

/** An error chain like viem's when `validatePacket` reverts with `data`. */
function revertedValidatePacket(data: Hex): BaseError {
  const cause = new ContractFunctionRevertedError({
    abi: simpleMessageLibAbi,
    data,
    functionName: "validatePacket",
  });
  return new BaseError('The contract function "validatePacket" reverted.', { cause });
}

describe("decodeRevert", () => {
  it("decodes the library's own custom error", () => {
    const data = encodeErrorResult({ abi: simpleMessageLibAbi, errorName: "OnlyWhitelistCaller" });
    expect(decodeRevert(revertedValidatePacket(data))).toEqual({
      errorName: "OnlyWhitelistCaller",
      args: [],
    });
  });

  it("decodes an endpoint error bubbled up through the library, which viem could not", () => {
    const data = encodeErrorResult({ abi: endpointV2Abi, errorName: "LZ_InvalidNonce", args: [3n] });
    const error = revertedValidatePacket(data);
    const inner = error.walk((e) => e instanceof ContractFunctionRevertedError);
    expect((inner as ContractFunctionRevertedError).data).toBeUndefined(); // walk() found the revert error
    expect(decodeRevert(error)).toEqual({ errorName: "LZ_InvalidNonce", args: [3n] });
  });

  it("decodes Error(string)", () => {
    const data = encodeErrorResult({
      abi: [{ type: "error", name: "Error", inputs: [{ type: "string", name: "message" }] }],
      errorName: "Error",
      args: ["OmniCounter: insufficient value"],
    });
    expect(decodeRevert(revertedValidatePacket(data))).toEqual({
      errorName: "Error",
      args: ["OmniCounter: insufficient value"],
    });
  });

  it("returns undefined for unknown selectors, empty data and errors without a revert", () => {
    expect(decodeRevert(revertedValidatePacket("0xdeadbeef"))).toBeUndefined();
    expect(decodeRevert(revertedValidatePacket("0x"))).toBeUndefined();
    expect(decodeRevert(new BaseError("network down"))).toBeUndefined();
    expect(decodeRevert(new Error("plain"))).toBeUndefined();
    expect(decodeRevert("a string")).toBeUndefined();
  });
});
