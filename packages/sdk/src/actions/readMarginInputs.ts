import type { AccountView, MarginConfig, Prices } from "@ballast/margin";
import { type Address, getAddress } from "viem";
import { getBlock } from "viem/actions";
import type { ManifestChain } from "../config/manifestSchema.js";
import { assertClientChain } from "./assertClientChain.js";
import { type CollateralKey, readLedgerAccount } from "./readLedgerAccount.js";
import type { BallastReadClient } from "./types.js";

/** Parameters of {@link readMarginInputs}. */
export interface ReadMarginInputsParameters {
  /** The manifest entry of the ledger's chain. */
  chain: ManifestChain;
  account: Address;
  /** Collateral to read balances of besides the account's valued slots (parked balances); none by default. */
  assets?: readonly CollateralKey[] | undefined;
}

/** The return type of {@link readMarginInputs}: exactly what `@ballast/margin`'s valuation takes. */
export interface ReadMarginInputsReturnType {
  /** The block every figure was read at. */
  blockNumber: bigint;
  view: AccountView;
  config: MarginConfig;
  prices: Prices;
}

/**
 * Reads, at the latest block, everything the ledger of `chain` values an account with (cash,
 * balances, positions, risk configs, rates, usable prices), shaped as `@ballast/margin` inputs:
 * `accountHealth(view, config, prices)` then equals `MarginLedger.health(account)` to the wei. The
 * same reader `getAccount` uses, for callers that value many times from one read (benchmarks,
 * stress tests).
 *
 * @example
 * const { view, config, prices } = await readMarginInputs(client, { chain: chainB, account });
 * accountHealth(view, config, prices)[0].maintenanceHealth;
 */
export async function readMarginInputs(
  client: BallastReadClient,
  parameters: ReadMarginInputsParameters,
): Promise<ReadMarginInputsReturnType> {
  const { chain, assets = [] } = parameters;
  assertClientChain(client, chain);
  const account = getAddress(parameters.account);
  const block = await getBlock(client, { blockTag: "latest" });
  const read = await readLedgerAccount(client, chain, account, assets, block);
  return {
    blockNumber: block.number,
    view: { address: account, ledgers: [read.view], inFlightLocks: [], inFlightReleases: [], claimable: [] },
    config: { ledgers: [read.config] },
    prices: read.prices,
  };
}
