import { ballastErrorsAbi } from "@ballast/sdk";
import { BaseError, ContractFunctionRevertedError, decodeErrorResult } from "viem";

/** A contract revert: the custom error's name and arguments. */
export interface Revert {
  errorName: string;
  args: readonly unknown[];
}

export { ballastErrorsAbi };

/** The decoded revert inside an error (a viem error, or an sdk error whose `cause` is one), if any. */
export function decodeRevert(error: unknown): Revert | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (!(e instanceof BaseError)) continue;
    const reverted = e.walk((inner) => inner instanceof ContractFunctionRevertedError);
    if (!(reverted instanceof ContractFunctionRevertedError)) continue;
    if (reverted.data !== undefined)
      return { errorName: reverted.data.errorName, args: reverted.data.args ?? [] };
    if (reverted.raw === undefined || reverted.raw === "0x") continue;
    try {
      const { errorName, args } = decodeErrorResult({ abi: ballastErrorsAbi, data: reverted.raw });
      return { errorName, args: args ?? [] };
    } catch {
      // not a Ballast error: keep walking
    }
  }
  return undefined;
}

/**
 * Awaits a call that must fail (a `simulateContract`, a write or an sdk delivery) and returns its
 * decoded revert. Throws when the call succeeds or fails without a decodable revert.
 */
export async function revertOf(call: Promise<unknown>): Promise<Revert> {
  const outcome = await call.then(
    () => ({ ok: true as const }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error("expected the call to revert, it succeeded");
  const revert = decodeRevert(outcome.error);
  if (revert === undefined) throw new Error(`expected a decodable revert, got ${String(outcome.error)}`);
  return revert;
}
