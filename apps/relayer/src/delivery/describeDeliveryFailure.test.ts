import { collateralVaultAbi, endpointV2Abi } from "@ballast/contracts";
import { DeliveryError, PacketNotVerifiedError } from "@ballast/sdk";
import {
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  HttpRequestError,
  InternalRpcError,
  zeroAddress,
  zeroHash,
} from "viem";
import { describe, expect, test } from "vitest";
import { describeDeliveryFailure } from "./describeDeliveryFailure.js";

const ASSET = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

/** What viem throws when `simulateContract` on the endpoint reverts with `data` (the endpoint's ABI). */
function lzReceiveRevert(data: `0x${string}`): ContractFunctionExecutionError {
  const reverted = new ContractFunctionRevertedError({ abi: endpointV2Abi, data, functionName: "lzReceive" });
  return new ContractFunctionExecutionError(reverted, {
    abi: endpointV2Abi,
    functionName: "lzReceive",
    args: [{ srcEid: 40_101, sender: zeroHash, nonce: 1n }, zeroAddress, zeroHash, "0x", "0x"],
    contractAddress: zeroAddress,
  });
}

describe("describeDeliveryFailure", () => {
  test("a receiver's revert inside lzReceive, which the endpoint's ABI cannot decode, is named with its arguments", () => {
    const data = encodeErrorResult({
      abi: collateralVaultAbi,
      errorName: "RateLimited",
      args: [ASSET, 300_000_000n, 100_000_001n],
    });
    const error = new DeliveryError("lzReceive failed", { cause: lzReceiveRevert(data) });
    const failure = describeDeliveryFailure(error);
    expect(failure.code).toBe("RateLimited");
    expect(failure.revert).toEqual({ errorName: "RateLimited", args: [ASSET, 300_000_000n, 100_000_001n] });
    expect(failure.reason).toMatch(
      "lzReceive failed: RateLimited(asset=0x5FbDB2315678afecb367f032d93F642f64180aa3, amount=300000000, available=100000001)",
    );
    expect(failure.transient).toBe(false);
  });

  test("an endpoint error keeps the sdk's message and adds the decoded revert once", () => {
    const data = encodeErrorResult({ abi: endpointV2Abi, errorName: "LZ_InvalidNonce", args: [3n] });
    const error = new PacketNotVerifiedError("cannot execute nonce 5: earlier nonce 3 is not verified", {
      cause: lzReceiveRevert(data),
      missingNonce: 3n,
    });
    const failure = describeDeliveryFailure(error);
    expect(failure.code).toBe("LZ_InvalidNonce");
    expect(failure.reason).toBe(
      "cannot execute nonce 5: earlier nonce 3 is not verified: LZ_InvalidNonce(nonce=3)",
    );
  });

  test("an unreachable RPC is transient; anything else is not", () => {
    const down = new HttpRequestError({ url: "http://127.0.0.1:1", details: "fetch failed" });
    const wrapped = new DeliveryError("lzReceive failed", { cause: down });
    expect(describeDeliveryFailure(wrapped)).toMatchObject({ transient: true, code: "DeliveryError" });
    expect(describeDeliveryFailure(wrapped).reason).toBe("lzReceive failed");
    // A node that could not answer (JSON-RPC -32603 through a flaky proxy) is transient too...
    const internal = new InternalRpcError(new Error("Internal error"));
    expect(
      describeDeliveryFailure(new DeliveryError("lzReceive failed", { cause: internal })).transient,
    ).toBe(true);
    // ...unless it speaks of a revert (a revert without data can come as an internal error).
    const reverted = new InternalRpcError(new Error("VM Exception while processing transaction: reverted"));
    expect(
      describeDeliveryFailure(new DeliveryError("lzReceive failed", { cause: reverted })).transient,
    ).toBe(false);
    expect(describeDeliveryFailure(new Error("boom\nstack"))).toEqual({
      reason: "boom",
      code: "Error",
      revert: undefined,
      transient: false,
    });
  });
});
