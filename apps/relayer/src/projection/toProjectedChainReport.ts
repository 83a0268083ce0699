import type { ProjectedChainReport } from "./ProjectedChainReport.js";
import type { ProjectedChain } from "./ProjectionService.js";

/** The API shape of where the projection stands on a chain. */
export function toProjectedChainReport(chain: ProjectedChain): ProjectedChainReport {
  return {
    name: chain.name,
    eid: chain.eid,
    chainId: chain.chainId,
    blockNumber: chain.blockNumber?.toString() ?? null,
  };
}
