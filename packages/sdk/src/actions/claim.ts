import { collateralVaultAbi } from "@ballast/contracts";
import type { Address, Hash, TransactionReceipt } from "viem";
import { simulateContract, writeContract } from "viem/actions";
import type { ManifestChain } from "../config/manifestSchema.js";
import { assertClientChain } from "./assertClientChain.js";
import { findEvent } from "./findEvent.js";
import { sendTransaction } from "./sendTransaction.js";
import type { BallastWalletClient } from "./types.js";

/** Parameters of {@link claim}. */
export interface ClaimParameters {
  /** The manifest entry of the vault's chain. */
  chain: ManifestChain;
  /** The token on `chain`. */
  asset: Address;
  /** Receives the tokens; defaults to the client's account. */
  to?: Address | undefined;
}

/** The return type of {@link claim}. */
export interface ClaimReturnType {
  transactionHash: Hash;
  receipt: TransactionReceipt;
  /** The amount paid: the account's whole claimable balance of `asset`. */
  amount: bigint;
}

/**
 * Pays the account's claimable balance of `asset` (a release the vault could not pay, e.g. to a
 * refused recipient or while releases were paused) to `to` (`CollateralVault.claim`).
 *
 * Throws ContractRevertError when the vault refuses (`NothingToClaim`, `ReleasesPaused`, or the
 * token refusing `to`).
 *
 * @example
 * const { amount } = await claim(walletClient, { chain: chainA, asset: chainA.tokens.usdc, to: otherAddress });
 */
export async function claim(
  client: BallastWalletClient,
  parameters: ClaimParameters,
): Promise<ClaimReturnType> {
  const { chain, asset } = parameters;
  assertClientChain(client, chain);
  const vault = chain.contracts.collateralVault;
  const to = parameters.to ?? client.account.address;
  const { transactionHash, receipt } = await sendTransaction(
    client,
    { contract: vault, functionName: "claim" },
    async () => {
      const { request } = await simulateContract(client, {
        account: client.account,
        address: vault,
        abi: collateralVaultAbi,
        functionName: "claim",
        args: [asset, to],
      });
      return writeContract(client, request);
    },
  );
  const { args } = findEvent(receipt, { abi: collateralVaultAbi, eventName: "Claimed", address: vault });
  return { transactionHash, receipt, amount: args.amount };
}
