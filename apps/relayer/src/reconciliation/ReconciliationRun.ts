import type { ProjectedChain } from "../projection/ProjectionService.js";
import type { LaneStatus, VaultStatus } from "./buildReconciliation.js";
import type { UnreadChain } from "./ChainStateReader.js";
import type { PauseLocksReturnType } from "./LocksPauser.js";

/** One completed reconciliation run. */
export interface ReconciliationRun {
  at: Date;
  durationMs: number;
  /** Where the projection stood: the blocks each chain was read at. */
  chains: ProjectedChain[];
  unread: UnreadChain[];
  lanes: LaneStatus[];
  vaults: VaultStatus[];
  /** Alert ids the run opened and resolved. */
  opened: string[];
  resolved: string[];
  /** Vaults whose locks the run paused (pauseOnDiscrepancy with a guardian key). */
  paused: PauseLocksReturnType[];
  /** Account-level reconciliation (`AccountBalanceChecker`): balances compared and how many differed. */
  accounts: {
    accounts: number;
    balances: number;
    mismatches: number;
    unread: UnreadChain[];
  };
}
