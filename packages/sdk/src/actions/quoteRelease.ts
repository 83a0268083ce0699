import { marginLedgerAbi } from "@ballast/contracts";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import type { ManifestChain } from "../config/manifestSchema.js";
import { accountAddress } from "./accountAddress.js";
import { assertClientChain } from "./assertClientChain.js";
import { readForAction } from "./sendTransaction.js";
import type { BallastReadClient, MessagingFee } from "./types.js";

/** Parameters of {@link quoteRelease}. */
export interface QuoteReleaseParameters {
  /** The manifest entry of the ledger's chain. */
  chain: ManifestChain;
  /** The vault chain the collateral came from (where it is paid out). */
  srcEid: number;
  /** The token on `srcEid`. */
  asset: Address;
  /** Raw units. */
  amount: bigint;
  /** Paid on `srcEid`; defaults to the client's account. */
  recipient?: Address | undefined;
}

/** The return type of {@link quoteRelease}: the LayerZero fee `requestRelease` pays. */
export type QuoteReleaseReturnType = MessagingFee;

/**
 * The LayerZero fee of a release (`MarginLedger.quoteRelease`): `nativeFee` is the value
 * `requestRelease` sends; zero for the ledger chain's own collateral. Throws ContractRevertError
 * when the ledger refuses (e.g. `NoPeer`).
 *
 * @example
 * const { nativeFee } = await quoteRelease(client, { chain: chainB, srcEid: chainA.eid, asset: chainA.tokens.usdc, amount: 300_000_000n });
 */
export async function quoteRelease(
  client: BallastReadClient,
  parameters: QuoteReleaseParameters,
): Promise<QuoteReleaseReturnType> {
  const { chain, srcEid, asset, amount } = parameters;
  assertClientChain(client, chain);
  const recipient = accountAddress(client, parameters.recipient, "recipient");
  const contract = chain.contracts.marginLedger;
  const { nativeFee, lzTokenFee } = await readForAction({ contract, functionName: "quoteRelease" }, () =>
    readContract(client, {
      address: contract,
      abi: marginLedgerAbi,
      functionName: "quoteRelease",
      args: [srcEid, asset, amount, recipient],
    }),
  );
  return { nativeFee, lzTokenFee };
}
