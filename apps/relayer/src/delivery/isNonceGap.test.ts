import { InvalidInputRpcError, NonceTooHighError, NonceTooLowError, RpcRequestError } from "viem";
import { describe, expect, test } from "vitest";
import { isNonceGap } from "./isNonceGap.js";

/** A node's JSON-RPC error as viem's http transport reports it (wrapped by its error-code class). */
function nodeError(message: string): InvalidInputRpcError {
  return new InvalidInputRpcError(
    new RpcRequestError({ body: {}, error: { code: -32000, message }, url: "http://127.0.0.1:8545" }),
  );
}

describe("isNonceGap", () => {
  test.each([
    // EDR (Hardhat 3) automining, as eth_sendRawTransaction answers it.
    "Nonce too high. Expected nonce to be 0 but got 1. Note that transactions can't be queued when automining.",
    // geth-style
    "nonce too high",
  ])("a node's refusal: %s", (message) => {
    expect(isNonceGap(nodeError(message))).toBe(true);
  });

  test("viem's NonceTooHighError, also deep in a cause chain", () => {
    expect(isNonceGap(new NonceTooHighError())).toBe(true);
    expect(isNonceGap(new Error("execution failed", { cause: new NonceTooHighError({ nonce: 4 }) }))).toBe(
      true,
    );
  });

  test("anything else is not a gap: nonce too low, a revert, not an error", () => {
    expect(isNonceGap(new NonceTooLowError())).toBe(false);
    expect(isNonceGap(nodeError("nonce too low"))).toBe(false);
    expect(isNonceGap(nodeError("execution reverted"))).toBe(false);
    expect(isNonceGap("nonce too high")).toBe(false);
    expect(isNonceGap(undefined)).toBe(false);
  });
});
