import type { Address } from "./address.js";
import { type ProjectionState, toInternal } from "./createProjection.js";
import type { LaneId } from "./getLane.js";

/** Every lane the projection has seen an event of, sorted by (vaultEid, ledgerEid, asset). */
export function listLanes(state: ProjectionState): LaneId[] {
  const lanes: LaneId[] = [];
  for (const lane of toInternal(state).lanes.values()) {
    // Lane assets are lowercase 0x-hex addresses (validated on the way in).
    lanes.push({ vaultEid: lane.vaultEid, ledgerEid: lane.ledgerEid, asset: lane.asset as Address });
  }
  return lanes.sort(
    (a, b) =>
      a.vaultEid - b.vaultEid ||
      a.ledgerEid - b.ledgerEid ||
      (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0),
  );
}
