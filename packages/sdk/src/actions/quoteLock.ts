import { collateralVaultAbi } from "@ballast/contracts";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import type { ManifestChain } from "../config/manifestSchema.js";
import { accountAddress } from "./accountAddress.js";
import { assertClientChain } from "./assertClientChain.js";
import { readForAction } from "./sendTransaction.js";
import type { BallastReadClient, MessagingFee } from "./types.js";

/** Parameters of {@link quoteLock}. */
export interface QuoteLockParameters {
  /** The manifest entry of the vault's chain (where the tokens are). */
  chain: ManifestChain;
  /** The token on `chain`. */
  asset: Address;
  /** Raw units. */
  amount: bigint;
  /** The eid of the ledger to credit (`chain.eid` for a same-chain lock, which costs no fee). */
  dstEid: number;
  /** Credited on the ledger; defaults to the client's account. */
  beneficiary?: Address | undefined;
}

/** The return type of {@link quoteLock}: the LayerZero fee `lock` pays. */
export type QuoteLockReturnType = MessagingFee;

/**
 * The LayerZero fee of a lock (`CollateralVault.quoteLock`): `nativeFee` is the value `lock`
 * sends; zero for a same-chain lock.
 *
 * @example
 * const { nativeFee } = await quoteLock(client, { chain: chainA, asset: chainA.tokens.usdc, amount: 1_000_000_000n, dstEid: chainB.eid });
 */
export async function quoteLock(
  client: BallastReadClient,
  parameters: QuoteLockParameters,
): Promise<QuoteLockReturnType> {
  const { chain, asset, amount, dstEid } = parameters;
  assertClientChain(client, chain);
  const beneficiary = accountAddress(client, parameters.beneficiary, "beneficiary");
  const contract = chain.contracts.collateralVault;
  const { nativeFee, lzTokenFee } = await readForAction({ contract, functionName: "quoteLock" }, () =>
    readContract(client, {
      address: contract,
      abi: collateralVaultAbi,
      functionName: "quoteLock",
      args: [asset, amount, dstEid, beneficiary],
    }),
  );
  return { nativeFee, lzTokenFee };
}
