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
 * The decoded contract revert inside a viem error chain, or `undefined` when there is none or it
 * cannot be decoded: what viem decoded with the called contract's ABI, else the raw revert data
 * decoded with `errorsAbi` (by default the errors of EndpointV2 and SimpleMessageLib, for
 * delivery), which also covers `Error(string)` and `Panic`. Internal.
 */
export function decodeRevert(error: unknown, errorsAbi: Abi = deliveryErrorsAbi): DecodedRevert | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (!(reverted instanceof ContractFunctionRevertedError)) return undefined;
  if (reverted.data !== undefined)
    return { errorName: reverted.data.errorName, args: reverted.data.args ?? [] };
  if (reverted.raw === undefined || reverted.raw === "0x") return undefined;
  try {
    const { errorName, args } = decodeErrorResult({ abi: errorsAbi, data: reverted.raw });
    return { errorName, args: args ?? [] };
  } catch {
    return undefined;
  }
}
