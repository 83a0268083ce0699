import { type Address, normalizeAddress } from "./address.js";
import { type ProjectionState, toInternal } from "./createProjection.js";

/** Totals of one asset in one vault from its events. */
export interface VaultAssetView {
  vaultEid: number;
  asset: Address;
  /** Tokens locked minus tokens paid out (Released, Claimed): the vault's balance without donations. */
  tokensHeld: bigint;
  /** Sum over destinations of the lanes' locked amounts (`CollateralVault.totalLocked`). */
  totalLocked: bigint;
  /** `CollateralVault.totalClaimable`. */
  totalClaimable: bigint;
}

/** The totals of `asset` in the vault on `vaultEid` (zeros when never seen). */
export function getVaultAsset(state: ProjectionState, vaultEid: number, asset: string): VaultAssetView {
  const s = toInternal(state);
  const normalized = normalizeAddress(asset, "asset");
  const record = s.vaults.get(`${vaultEid}:${normalized}`);
  let totalLocked = 0n;
  for (const lane of s.lanes.values()) {
    if (lane.vaultEid === vaultEid && lane.asset === normalized)
      totalLocked += lane.lockedSent - lane.released;
  }
  return {
    vaultEid,
    asset: normalized,
    tokensHeld: (record?.tokensIn ?? 0n) - (record?.tokensOut ?? 0n),
    totalLocked,
    totalClaimable: record?.totalClaimable ?? 0n,
  };
}
