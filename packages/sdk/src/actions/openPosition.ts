import { perpMarketAbi } from "@ballast/contracts";
import type { Address, Hash, TransactionReceipt } from "viem";
import { simulateContract, writeContract } from "viem/actions";
import type { ManifestChain } from "../config/manifestSchema.js";
import { assertClientChain } from "./assertClientChain.js";
import { type PositionChange, positionChangeOf } from "./positionChange.js";
import { sendTransaction } from "./sendTransaction.js";
import type { BallastWalletClient } from "./types.js";

/** Parameters of {@link openPosition}. */
export interface OpenPositionParameters {
  /** The manifest entry of the market's (and ledger's) chain. */
  chain: ManifestChain;
  /** Signed size to add in base units (18 decimals): long > 0, short < 0; same direction as any open position. */
  sizeDelta: bigint;
  /** The market; defaults to the chain's `contracts.perpMarket`. */
  market?: Address | undefined;
}

/** The return type of {@link openPosition}. */
export interface OpenPositionReturnType {
  transactionHash: Hash;
  receipt: TransactionReceipt;
  /** The change as the market recorded it. */
  position: PositionChange;
}

/**
 * Opens a perp position or increases it in the same direction (`PerpMarket.openPosition`) at the
 * oracle mark price. The account must end at or above initial margin.
 *
 * Throws ContractRevertError when the market refuses (`InsufficientMargin`, `OppositeDirection`,
 * `MaxOpenInterestExceeded`, `MarketPaused`, `StalePrice`, ...).
 *
 * @example
 * const { position } = await openPosition(walletClient, { chain: chainB, sizeDelta: 10n ** 18n }); // long 1 ETH
 */
export async function openPosition(
  client: BallastWalletClient,
  parameters: OpenPositionParameters,
): Promise<OpenPositionReturnType> {
  const { chain, sizeDelta } = parameters;
  assertClientChain(client, chain);
  const market = parameters.market ?? chain.contracts.perpMarket;
  const { transactionHash, receipt } = await sendTransaction(
    client,
    { contract: market, functionName: "openPosition" },
    async () => {
      const { request } = await simulateContract(client, {
        account: client.account,
        address: market,
        abi: perpMarketAbi,
        functionName: "openPosition",
        args: [sizeDelta],
      });
      return writeContract(client, request);
    },
  );
  return { transactionHash, receipt, position: positionChangeOf(receipt, market) };
}
