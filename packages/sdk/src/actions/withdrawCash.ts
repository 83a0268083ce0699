import { marginLedgerAbi } from "@ballast/contracts";
import type { Address, Hash, TransactionReceipt } from "viem";
import { simulateContract, writeContract } from "viem/actions";
import type { ManifestChain } from "../config/manifestSchema.js";
import { assertClientChain } from "./assertClientChain.js";
import { sendTransaction } from "./sendTransaction.js";
import type { BallastWalletClient } from "./types.js";

/** Parameters of {@link withdrawCash}. */
export interface WithdrawCashParameters {
  /** The manifest entry of the ledger's chain. */
  chain: ManifestChain;
  /** Raw units of the quote token. */
  amount: bigint;
  /** Receives the tokens; defaults to the client's account. */
  to?: Address | undefined;
}

/** The return type of {@link withdrawCash}. */
export interface WithdrawCashReturnType {
  transactionHash: Hash;
  receipt: TransactionReceipt;
}

/**
 * Withdraws the account's cash from the ledger of `chain` (`MarginLedger.withdrawCash`); the
 * account must stay at or above initial margin.
 *
 * Throws ContractRevertError when the ledger refuses (`InsufficientCash`, `InsufficientMargin`,
 * `LedgerPaused`).
 *
 * @example
 * await withdrawCash(walletClient, { chain: chainB, amount: 100_000_000n });
 */
export async function withdrawCash(
  client: BallastWalletClient,
  parameters: WithdrawCashParameters,
): Promise<WithdrawCashReturnType> {
  const { chain, amount } = parameters;
  assertClientChain(client, chain);
  const ledger = chain.contracts.marginLedger;
  const to = parameters.to ?? client.account.address;
  return sendTransaction(client, { contract: ledger, functionName: "withdrawCash" }, async () => {
    const { request } = await simulateContract(client, {
      account: client.account,
      address: ledger,
      abi: marginLedgerAbi,
      functionName: "withdrawCash",
      args: [amount, to],
    });
    return writeContract(client, request);
  });
}
