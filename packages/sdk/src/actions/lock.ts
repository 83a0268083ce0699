import { collateralVaultAbi } from "@ballast/contracts";
import type { Address, Hash, Hex, TransactionReceipt } from "viem";
import { simulateContract, writeContract } from "viem/actions";
import type { ManifestChain } from "../config/manifestSchema.js";
import { assertClientChain } from "./assertClientChain.js";
import { ensureAllowance } from "./ensureAllowance.js";
import { findEvent } from "./findEvent.js";
import { quoteLock } from "./quoteLock.js";
import { sendTransaction } from "./sendTransaction.js";
import type { BallastWalletClient } from "./types.js";

/** Parameters of {@link lock}. */
export interface LockParameters {
  /** The manifest entry of the vault's chain (where the tokens are). */
  chain: ManifestChain;
  /** The token on `chain`. */
  asset: Address;
  /** Raw units to pull from the client's account. */
  amount: bigint;
  /** The eid of the ledger to credit (`chain.eid`: the local ledger, in the same transaction, no fee). */
  dstEid: number;
  /** Credited on the ledger; defaults to the client's account. */
  beneficiary?: Address | undefined;
}

/** The return type of {@link lock}. */
export interface LockReturnType {
  /** The `lock` transaction. */
  transactionHash: Hash;
  receipt: TransactionReceipt;
  /** The approval sent first, when the allowance was short. */
  approveTransactionHash: Hash | undefined;
  /** The LOCK's LayerZero guid (zero for a same-chain lock), to follow its delivery. */
  guid: Hex;
  /** What the vault credited (the balance it received: less than `amount` for a fee-on-transfer token). */
  amount: bigint;
  /** The LayerZero fee paid, in wei. */
  nativeFee: bigint;
}

/**
 * Locks collateral in the vault of `chain` for the ledger on `dstEid`: reads the allowance and
 * approves exactly `amount` when it is short, quotes the LayerZero fee, sends
 * `CollateralVault.lock` with it, waits for the receipts and reads the `Locked` event. The ledger
 * credits the beneficiary when the LOCK is delivered.
 *
 * Throws ContractRevertError when a contract refuses (e.g. `AssetNotSupported`,
 * `LockCapExceeded`, `LocksPaused`, the token's `ERC20InsufficientBalance`).
 *
 * @example
 * const { guid, amount } = await lock(walletClient, { chain: chainA, asset: chainA.tokens.usdc, amount: 1_000_000_000n, dstEid: chainB.eid });
 */
export async function lock(client: BallastWalletClient, parameters: LockParameters): Promise<LockReturnType> {
  const { chain, asset, amount, dstEid } = parameters;
  assertClientChain(client, chain);
  const vault = chain.contracts.collateralVault;
  const beneficiary = parameters.beneficiary ?? client.account.address;
  const approveTransactionHash = await ensureAllowance(client, asset, vault, amount);
  const { nativeFee } = await quoteLock(client, { chain, asset, amount, dstEid, beneficiary });
  const { transactionHash, receipt } = await sendTransaction(
    client,
    { contract: vault, functionName: "lock" },
    async () => {
      const { request } = await simulateContract(client, {
        account: client.account,
        address: vault,
        abi: collateralVaultAbi,
        functionName: "lock",
        args: [asset, amount, dstEid, beneficiary],
        value: nativeFee,
      });
      return writeContract(client, request);
    },
  );
  const { args } = findEvent(receipt, { abi: collateralVaultAbi, eventName: "Locked", address: vault });
  return {
    transactionHash,
    receipt,
    approveTransactionHash,
    guid: args.guid,
    amount: args.amount,
    nativeFee,
  };
}
