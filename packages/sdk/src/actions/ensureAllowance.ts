// Internal: the approval step of lock and depositCash.
import { type Address, erc20Abi, type Hash } from "viem";
import { readContract, simulateContract, writeContract } from "viem/actions";
import { readForAction, sendTransaction } from "./sendTransaction.js";
import type { BallastWalletClient } from "./types.js";

/**
 * Reads the account's allowance of `token` to `spender` and, only when it is below `amount`,
 * approves exactly `amount` and waits for it. Returns the approval's hash, if one was sent.
 */
export async function ensureAllowance(
  client: BallastWalletClient,
  token: Address,
  spender: Address,
  amount: bigint,
): Promise<Hash | undefined> {
  const allowance = await readForAction({ contract: token, functionName: "allowance" }, () =>
    readContract(client, {
      address: token,
      abi: erc20Abi,
      functionName: "allowance",
      args: [client.account.address, spender],
    }),
  );
  if (allowance >= amount) return undefined;
  const { transactionHash } = await sendTransaction(
    client,
    { contract: token, functionName: "approve" },
    async () => {
      const { request } = await simulateContract(client, {
        account: client.account,
        address: token,
        abi: erc20Abi,
        functionName: "approve",
        args: [spender, amount],
      });
      return writeContract(client, request);
    },
  );
  return transactionHash;
}
