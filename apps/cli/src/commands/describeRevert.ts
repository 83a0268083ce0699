import { ContractRevertError, SdkError } from "@ballast/sdk";
import { BaseError } from "viem";
import { CliError } from "../CliError.js";

/** A failed action as a one-line CliError: the contract's custom error when there is one. */
export function describeRevert(action: string, error: unknown): CliError {
  if (error instanceof ContractRevertError) {
    const args = error.args.map((arg) => String(arg)).join(", ");
    return new CliError(`${action} refused: ${error.errorName}(${args})`, { cause: error, exitCode: 1 });
  }
  if (error instanceof SdkError || error instanceof BaseError) {
    const message = error instanceof BaseError ? error.shortMessage : error.message;
    return new CliError(`${action} failed: ${message}`, { cause: error, exitCode: 1 });
  }
  return new CliError(`${action} failed: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
    exitCode: 1,
  });
}
