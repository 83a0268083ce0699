import { ballastErrorsAbi } from "@ballast/sdk";
import { BaseError, ContractFunctionRevertedError, decodeErrorResult, type Hex, isHex } from "viem";

/** A failed call or transaction, described for a log line and a metric label. */
export interface DescribedRevert {
  /** The custom error's name (`NotLiquidatable`, `ERC20InsufficientBalance`), when the revert decoded. */
  errorName: string | undefined;
  /** Its arguments, when it decoded. */
  args: readonly unknown[];
  /** `errorName`, else viem's short message, else the message. */
  summary: string;
}

/**
 * Describes a viem error: the custom error of any Ballast contract (or OpenZeppelin token, feed,
 * endpoint) found in its chain, decoded from the revert data the node returned with the sdk's
 * `ballastErrorsAbi`; otherwise the error's short message.
 *
 * @example
 * describeRevert(error).summary; // "NotLiquidatable"
 */
export function describeRevert(error: unknown): DescribedRevert {
  if (error instanceof BaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError && reverted.data !== undefined) {
      const { errorName, args } = reverted.data;
      return { errorName, args: args ?? [], summary: errorName };
    }
    // estimateGas, call and sendTransaction keep the node's revert data on the RPC error's `data`.
    let data: Hex | undefined;
    error.walk((e) => {
      const candidate = typeof e === "object" && e !== null && "data" in e ? e.data : undefined;
      if (typeof candidate === "string" && isHex(candidate) && candidate.length >= 10) data = candidate;
      return data !== undefined;
    });
    if (data !== undefined) {
      try {
        const { errorName, args } = decodeErrorResult({ abi: ballastErrorsAbi, data });
        return { errorName, args: args ?? [], summary: errorName };
      } catch {
        // Not an error of ours: fall through to the message.
      }
    }
    return { errorName: undefined, args: [], summary: error.shortMessage };
  }
  return { errorName: undefined, args: [], summary: error instanceof Error ? error.message : String(error) };
}
