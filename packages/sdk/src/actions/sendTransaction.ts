// Internal: how every state-changing action sends its call and turns failures into sdk errors.
import type { Address, Hash, TransactionReceipt } from "viem";
import { waitForTransactionReceipt } from "viem/actions";
import { decodeRevert } from "../delivery/decodeRevert.js";
import { ActionError, ContractRevertError } from "../errors.js";
import { ballastErrorsAbi } from "./ballastErrorsAbi.js";
import type { BallastWalletClient } from "./types.js";

/** A sent and confirmed transaction. */
export interface SentTransaction {
  transactionHash: Hash;
  receipt: TransactionReceipt;
}

/** A failed call as the sdk's error: ContractRevertError when the revert decodes, else ActionError. */
export function toActionError(
  error: unknown,
  call: { contract: Address; functionName: string },
): ActionError {
  const revert = decodeRevert(error, ballastErrorsAbi);
  if (revert !== undefined) return new ContractRevertError(call, revert, { cause: error });
  return new ActionError(`${call.functionName} failed`, { cause: error });
}

/** Runs a read of an action (a fee quote), turning a failure into the sdk's error like {@link sendTransaction}. */
export async function readForAction<result>(
  call: { contract: Address; functionName: string },
  read: () => Promise<result>,
): Promise<result> {
  try {
    return await read();
  } catch (error) {
    throw toActionError(error, call);
  }
}

/**
 * Runs `send` (which simulates, then writes, so a refused call costs no gas), waits for the
 * receipt and requires success. A revert becomes a ContractRevertError with the decoded custom
 * error of any Ballast contract on the path; any other failure an ActionError with the cause.
 */
export async function sendTransaction(
  client: BallastWalletClient,
  call: { contract: Address; functionName: string },
  send: () => Promise<Hash>,
): Promise<SentTransaction> {
  let transactionHash: Hash;
  try {
    transactionHash = await send();
  } catch (error) {
    throw toActionError(error, call);
  }
  const receipt = await waitForTransactionReceipt(client, { hash: transactionHash });
  if (receipt.status !== "success") {
    throw new ActionError(`${call.functionName} transaction ${transactionHash} reverted`);
  }
  return { transactionHash, receipt };
}
