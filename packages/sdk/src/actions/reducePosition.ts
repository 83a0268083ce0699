import { perpMarketAbi } from "@ballast/contracts";
import type { Address, Hash, TransactionReceipt } from "viem";
import { simulateContract, writeContract } from "viem/actions";
import type { ManifestChain } from "../config/manifestSchema.js";
import { assertClientChain } from "./assertClientChain.js";
import { type PositionChange, positionChangeOf } from "./positionChange.js";
import { sendTransaction } from "./sendTransaction.js";
import type { BallastWalletClient } from "./types.js";

/** Parameters of {@link reducePosition}. */
export interface ReducePositionParameters {
  /** The manifest entry of the market's (and ledger's) chain. */
  chain: ManifestChain;
  /** Base units (18 decimals) to take off the position, whichever its direction. */
  amount: bigint;
  /** The market; defaults to the chain's `contracts.perpMarket`. */
  market?: Address | undefined;
}

/** The return type of {@link reducePosition}. */
export interface ReducePositionReturnType {
  transactionHash: Hash;
  receipt: TransactionReceipt;
  /** The change as the market recorded it, with the PnL settled into cash. */
  position: PositionChange;
}

/**
 * Reduces the account's perp position by `amount` (`PerpMarket.reducePosition`) and settles the
 * realized PnL into its cash on the ledger. Works even paused or on a stale price.
 *
 * Throws ContractRevertError when the market refuses (`NoPosition`, `ReduceExceedsPosition`, `ZeroAmount`).
 *
 * @example
 * await reducePosition(walletClient, { chain: chainB, amount: 5n * 10n ** 17n }); // half an ETH
 */
export async function reducePosition(
  client: BallastWalletClient,
  parameters: ReducePositionParameters,
): Promise<ReducePositionReturnType> {
  const { chain, amount } = parameters;
  assertClientChain(client, chain);
  const market = parameters.market ?? chain.contracts.perpMarket;
  const { transactionHash, receipt } = await sendTransaction(
    client,
    { contract: market, functionName: "reducePosition" },
    async () => {
      const { request } = await simulateContract(client, {
        account: client.account,
        address: market,
        abi: perpMarketAbi,
        functionName: "reducePosition",
        args: [amount],
      });
      return writeContract(client, request);
    },
  );
  return { transactionHash, receipt, position: positionChangeOf(receipt, market) };
}
