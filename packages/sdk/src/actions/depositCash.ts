import { marginLedgerAbi } from "@ballast/contracts";
import type { Address, Hash, TransactionReceipt } from "viem";
import { simulateContract, writeContract } from "viem/actions";
import type { ManifestChain } from "../config/manifestSchema.js";
import { assertClientChain } from "./assertClientChain.js";
import { ensureAllowance } from "./ensureAllowance.js";
import { sendTransaction } from "./sendTransaction.js";
import type { BallastWalletClient } from "./types.js";

/** Parameters of {@link depositCash}. */
export interface DepositCashParameters {
  /** The manifest entry of the ledger's chain; its `tokens.usdc` is the ledger's quote token. */
  chain: ManifestChain;
  /** Raw units of the quote token. */
  amount: bigint;
  /** Whose cash it becomes (repays debt first when negative); defaults to the client's account. */
  account?: Address | undefined;
}

/** The return type of {@link depositCash}. */
export interface DepositCashReturnType {
  transactionHash: Hash;
  receipt: TransactionReceipt;
  /** The approval sent first, when the allowance was short. */
  approveTransactionHash: Hash | undefined;
}

/**
 * Deposits quote tokens as cash on the ledger of `chain` (`MarginLedger.depositCash`): approves
 * exactly `amount` to the ledger when the allowance is short, then deposits. Never paused.
 *
 * Throws ContractRevertError when a contract refuses (`ZeroAmount`, the token's
 * `ERC20InsufficientBalance`).
 *
 * @example
 * await depositCash(walletClient, { chain: chainB, amount: 500_000_000n });
 */
export async function depositCash(
  client: BallastWalletClient,
  parameters: DepositCashParameters,
): Promise<DepositCashReturnType> {
  const { chain, amount } = parameters;
  assertClientChain(client, chain);
  const ledger = chain.contracts.marginLedger;
  const account = parameters.account ?? client.account.address;
  const approveTransactionHash = await ensureAllowance(client, chain.tokens.usdc, ledger, amount);
  const { transactionHash, receipt } = await sendTransaction(
    client,
    { contract: ledger, functionName: "depositCash" },
    async () => {
      const { request } = await simulateContract(client, {
        account: client.account,
        address: ledger,
        abi: marginLedgerAbi,
        functionName: "depositCash",
        args: [account, amount],
      });
      return writeContract(client, request);
    },
  );
  return { transactionHash, receipt, approveTransactionHash };
}
