import { marginLedgerAbi } from "@ballast/contracts";
import type { Address, Hash, Hex, TransactionReceipt } from "viem";
import { simulateContract, writeContract } from "viem/actions";
import type { ManifestChain } from "../config/manifestSchema.js";
import { assertClientChain } from "./assertClientChain.js";
import { findEvent } from "./findEvent.js";
import { quoteRelease } from "./quoteRelease.js";
import { sendTransaction } from "./sendTransaction.js";
import type { BallastWalletClient } from "./types.js";

/** Parameters of {@link requestRelease}. */
export interface RequestReleaseParameters {
  /** The manifest entry of the ledger's chain. */
  chain: ManifestChain;
  /** The vault chain the collateral came from (where it is paid out). */
  srcEid: number;
  /** The token on `srcEid`. */
  asset: Address;
  /** Raw units to debit (parked balance first, then valued). */
  amount: bigint;
  /** Paid on `srcEid`; defaults to the client's account. */
  recipient?: Address | undefined;
}

/** The return type of {@link requestRelease}. */
export interface RequestReleaseReturnType {
  transactionHash: Hash;
  receipt: TransactionReceipt;
  /** The RELEASE's LayerZero guid (zero when the ledger chain's own vault paid at once). */
  guid: Hex;
  /** The amount debited and sent. */
  amount: bigint;
  /** The LayerZero fee paid, in wei. */
  nativeFee: bigint;
}

/**
 * Asks the ledger of `chain` to release collateral to its vault chain: quotes the fee and sends
 * `MarginLedger.requestRelease` with it. The ledger debits first and requires the account to stay
 * at or above initial margin; the vault pays (or records a claimable balance) when the RELEASE is
 * delivered. Returns the guid from the `ReleaseRequested` event.
 *
 * Throws ContractRevertError when the ledger refuses (e.g. `InsufficientCollateral`,
 * `InsufficientMargin`, `LedgerPaused`).
 *
 * @example
 * const { guid } = await requestRelease(walletClient, { chain: chainB, srcEid: chainA.eid, asset: chainA.tokens.usdc, amount: 300_000_000n });
 */
export async function requestRelease(
  client: BallastWalletClient,
  parameters: RequestReleaseParameters,
): Promise<RequestReleaseReturnType> {
  const { chain, srcEid, asset, amount } = parameters;
  assertClientChain(client, chain);
  const ledger = chain.contracts.marginLedger;
  const recipient = parameters.recipient ?? client.account.address;
  const { nativeFee } = await quoteRelease(client, { chain, srcEid, asset, amount, recipient });
  const { transactionHash, receipt } = await sendTransaction(
    client,
    { contract: ledger, functionName: "requestRelease" },
    async () => {
      const { request } = await simulateContract(client, {
        account: client.account,
        address: ledger,
        abi: marginLedgerAbi,
        functionName: "requestRelease",
        args: [srcEid, asset, amount, recipient],
        value: nativeFee,
      });
      return writeContract(client, request);
    },
  );
  const { args } = findEvent(receipt, {
    abi: marginLedgerAbi,
    eventName: "ReleaseRequested",
    address: ledger,
  });
  return { transactionHash, receipt, guid: args.guid, amount: args.amount, nativeFee };
}
