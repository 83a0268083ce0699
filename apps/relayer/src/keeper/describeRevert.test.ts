import { marginLedgerAbi, perpMarketAbi } from "@ballast/contracts";
import {
  BaseError,
  ContractFunctionRevertedError,
  EstimateGasExecutionError,
  ExecutionRevertedError,
  encodeErrorResult,
  RpcRequestError,
} from "viem";
import { describe, expect, test } from "vitest";
import { describeRevert } from "./describeRevert.js";

const ACCOUNT = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";

/** The error chain viem throws for a reverted eth_estimateGas: the node's revert data on the RPC error. */
function estimateGasRevert(data: `0x${string}`): BaseError {
  const rpc = new RpcRequestError({
    body: { method: "eth_estimateGas" },
    error: { code: 3, message: "execution reverted", data },
    url: "http://127.0.0.1:1",
  });
  return new EstimateGasExecutionError(new ExecutionRevertedError({ cause: rpc }), { account: undefined });
}

describe("describeRevert", () => {
  test("a custom error in the node's revert data is decoded with the sdk's Ballast errors", () => {
    const data = encodeErrorResult({ abi: perpMarketAbi, errorName: "NotLiquidatable", args: [ACCOUNT] });
    expect(describeRevert(estimateGasRevert(data))).toEqual({
      errorName: "NotLiquidatable",
      args: [ACCOUNT],
      summary: "NotLiquidatable",
    });
    // An error of the ledger behind the market.
    const paused = encodeErrorResult({ abi: marginLedgerAbi, errorName: "LiquidationsPaused", args: [123n] });
    expect(describeRevert(new BaseError("outer", { cause: estimateGasRevert(paused) })).summary).toBe(
      "LiquidationsPaused",
    );
  });

  test("what viem already decoded with the contract's ABI is used as is", () => {
    const data = encodeErrorResult({
      abi: marginLedgerAbi,
      errorName: "NotLiquidatable",
      args: [ACCOUNT, 57_500_000n, -1_260_000_000n],
    });
    const error = new ContractFunctionRevertedError({
      abi: marginLedgerAbi,
      data,
      functionName: "liquidate",
    });
    expect(describeRevert(error)).toEqual({
      errorName: "NotLiquidatable",
      args: [ACCOUNT, 57_500_000n, -1_260_000_000n],
      summary: "NotLiquidatable",
    });
  });

  test("revert data of nobody's error, no data, and plain errors fall back to the message", () => {
    const unknown = describeRevert(estimateGasRevert("0xdeadbeef"));
    expect(unknown.errorName).toBeUndefined();
    expect(unknown.summary).toMatch(/reverted|estimat/i);
    expect(describeRevert(new BaseError("nonce too low")).summary).toBe("nonce too low");
    expect(describeRevert(new Error("socket hang up"))).toEqual({
      errorName: undefined,
      args: [],
      summary: "socket hang up",
    });
    expect(describeRevert("odd").summary).toBe("odd");
  });
});
