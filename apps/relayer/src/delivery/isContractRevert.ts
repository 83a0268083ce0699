import { BaseError, ContractFunctionRevertedError, ContractFunctionZeroDataError } from "viem";

/**
 * True when a contract read failed because the contract refused it (a revert, or no data from
 * a function it lacks), not because the RPC failed: the answer any other URL would give too.
 */
export function isContractRevert(error: unknown): boolean {
  return (
    error instanceof BaseError &&
    error.walk(
      (e) => e instanceof ContractFunctionRevertedError || e instanceof ContractFunctionZeroDataError,
    ) !== null
  );
}
