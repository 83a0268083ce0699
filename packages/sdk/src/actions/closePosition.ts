import { perpMarketAbi } from "@ballast/contracts";
import type { Address, Hash, TransactionReceipt } from "viem";
import { simulateContract, writeContract } from "viem/actions";
import type { ManifestChain } from "../config/manifestSchema.js";
import { assertClientChain } from "./assertClientChain.js";
import { type PositionChange, positionChangeOf } from "./positionChange.js";
import { sendTransaction } from "./sendTransaction.js";
import type { BallastWalletClient } from "./types.js";

/** Parameters of {@link closePosition}. */
export interface ClosePositionParameters {
  /** The manifest entry of the market's (and ledger's) chain. */
  chain: ManifestChain;
  /** The market; defaults to the chain's `contracts.perpMarket`. */
  market?: Address | undefined;
}

/** The return type of {@link closePosition}. */
export interface ClosePositionReturnType {
  transactionHash: Hash;
  receipt: TransactionReceipt;
  /** The change as the market recorded it (size 0 after), with the PnL settled into cash. */
  position: PositionChange;
}

/**
 * Closes the account's whole perp position (`PerpMarket.closePosition`) and settles the realized
 * PnL into its cash on the ledger. Works even paused or on a stale price.
 *
 * Throws ContractRevertError (`NoPosition`) when there is nothing to close.
 *
 * @example
 * const { position } = await closePosition(walletClient, { chain: chainB });
 * position.realizedPnl; // 100_000_000n: +100 USDC
 */
export async function closePosition(
  client: BallastWalletClient,
  parameters: ClosePositionParameters,
): Promise<ClosePositionReturnType> {
  const { chain } = parameters;
  assertClientChain(client, chain);
  const market = parameters.market ?? chain.contracts.perpMarket;
  const { transactionHash, receipt } = await sendTransaction(
    client,
    { contract: market, functionName: "closePosition" },
    async () => {
      const { request } = await simulateContract(client, {
        account: client.account,
        address: market,
        abi: perpMarketAbi,
        functionName: "closePosition",
        args: [],
      });
      return writeContract(client, request);
    },
  );
  return { transactionHash, receipt, position: positionChangeOf(receipt, market) };
}
