import type { ChainSnapshot, LaneSnapshot, VaultAssetSnapshot } from "@ballast/margin";
import type { ChainReads } from "./ChainStateReader.js";

/**
 * `@ballast/margin`'s `ChainSnapshot` of the chains read: every lane whose vault and ledger chains
 * were both read, every asset of each vault read. No ledger totals: invariant 5 is not reconciled here.
 */
export function toChainSnapshot(
  reads: ReadonlyMap<number, ChainReads>,
  assets: ReadonlyMap<number, readonly string[]>,
  eids: readonly number[],
): ChainSnapshot {
  const lanes: LaneSnapshot[] = [];
  const vaults: VaultAssetSnapshot[] = [];
  for (const vaultEid of eids) {
    const vault = reads.get(vaultEid);
    if (vault === undefined) continue;
    for (const asset of assets.get(vaultEid) ?? []) {
      const lower = asset.toLowerCase();
      const totals = vault.vaultAssets.get(lower);
      if (totals !== undefined) vaults.push({ vaultEid, asset: lower, ...totals });
      for (const ledgerEid of eids) {
        const ledger = reads.get(ledgerEid);
        const vaultLocked = vault.locked.get(`${ledgerEid}:${lower}`);
        const ledgerCredited = ledger?.credited.get(`${vaultEid}:${lower}`);
        if (vaultLocked === undefined || ledgerCredited === undefined) continue;
        lanes.push({ vaultEid, ledgerEid, asset: lower, vaultLocked, ledgerCredited });
      }
    }
  }
  return { lanes, vaults, ledgers: [] };
}
