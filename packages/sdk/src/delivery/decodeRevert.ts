import { endpointV2Abi, simpleMessageLibAbi } from "@ballast/contracts";
import { type Abi, BaseError, ContractFunctionRevertedError, decodeErrorResult } from "viem";
import type { DecodedRevert } from "../errors.js";

/**
 * Every custom error a delivery call can bubble up: `validatePacket` reverts with the
 * endpoint's errors from inside `verify`, so the library's ABI alone cannot decode them.
 */
const deliveryErrorsAbi: Abi = [...endpointV2Abi, ...simpleMessageLibAbi].filter(
  (item) => item.type === "error",
);

/**
 * The decoded contract revert inside a viem error chain (custom error of EndpointV2 or
 * SimpleMessageLib, `Error(string)` or `Panic`), or `undefined` when there is none or it
 * cannot be decoded. Internal.
 */
export function decodeRevert(error: unknown): DecodedRevert | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (!(reverted instanceof ContractFunctionRevertedError)) return undefined;
  if (reverted.data !== undefined)
    return { errorName: reverted.data.errorName, args: reverted.data.args ?? [] };
  if (reverted.raw === undefined || reverted.raw === "0x") return undefined;
  try {
    const { errorName, args } = decodeErrorResult({ abi: deliveryErrorsAbi, data: reverted.raw });
    return { errorName, args: args ?? [] };
  } catch {
    return undefined;
  }
}
