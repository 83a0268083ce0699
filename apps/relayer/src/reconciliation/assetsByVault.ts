import { listLanes, type ProjectionState } from "@ballast/margin";
import type { Manifest } from "@ballast/sdk";

/**
 * The assets (lowercase) reconciliation checks per vault chain: the manifest's tokens of the chain
 * (USDC, WETH, the share) and any other asset the projection saw a lane of from that vault.
 */
export function assetsByVault(manifest: Manifest, state: ProjectionState): Map<number, string[]> {
  const out = new Map<number, Set<string>>();
  for (const chain of manifest.chains) {
    out.set(chain.eid, new Set(Object.values(chain.tokens).map((token) => token.toLowerCase())));
  }
  for (const lane of listLanes(state)) out.get(lane.vaultEid)?.add(lane.asset.toLowerCase());
  return new Map([...out].map(([eid, assets]) => [eid, [...assets].sort()]));
}
