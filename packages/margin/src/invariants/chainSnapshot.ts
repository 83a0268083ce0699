/** On-chain reads of one lane, taken at the blocks the projection is indexed to. */
export interface LaneSnapshot {
  vaultEid: number;
  ledgerEid: number;
  /** The asset on the vault's chain (any case). */
  asset: string;
  /** `vault.locked(ledgerEid, asset)` on the vault's chain. */
  vaultLocked: bigint;
  /** `ledger.credited(vaultEid, asset)` on the ledger's chain. */
  ledgerCredited: bigint;
}

/** On-chain reads of one asset of one vault. */
export interface VaultAssetSnapshot {
  vaultEid: number;
  /** Any case. */
  asset: string;
  /** `asset.balanceOf(vault)`. */
  balance: bigint;
  /** `vault.totalLocked(asset)`: the sum of `locked` over destinations. */
  totalLocked: bigint;
  /** `vault.totalClaimable(asset)`. */
  totalClaimable: bigint;
}

/** On-chain reads of one ledger. */
export interface LedgerSnapshot {
  ledgerEid: number;
  /** `quote.balanceOf(ledger)`. */
  quoteBalance: bigint;
  /** `ledger.totalCash()`. */
  totalCash: bigint;
  /** `ledger.insuranceFund()`. */
  insuranceFund: bigint;
}

/** Plain-data reads of every chain, for `checkInvariants`. */
export interface ChainSnapshot {
  lanes: readonly LaneSnapshot[];
  vaults: readonly VaultAssetSnapshot[];
  ledgers: readonly LedgerSnapshot[];
}
