import type { InternalState } from "./records.js";
import { emptyShards } from "./shards.js";

declare const projectionBrand: unique symbol;

/**
 * The unified view of every chain's events: per-account balances on every ledger, claimables on
 * every vault, lane totals and LayerZero messages in flight. Immutable and opaque: make one with
 * {@link createProjection}, advance it with `applyEvents`, read it with `getAccount`, `getLane`,
 * `listAccounts`, `listLanes` and `checkInvariants`.
 */
export interface ProjectionState {
  readonly [projectionBrand]: true;
}

/** The empty projection: no event applied. */
export function createProjection(): ProjectionState {
  const state: InternalState = {
    seen: emptyShards(),
    accounts: emptyShards(),
    messages: emptyShards(),
    open: emptyShards(),
    lanes: new Map(),
    vaults: new Map(),
    ledgers: new Map(),
    flagged: new Set(),
    latestTimestamp: 0n,
    eventCount: 0,
  };
  return toPublic(state);
}

/** The public, opaque face of an internal state. */
export function toPublic(state: InternalState): ProjectionState {
  // ProjectionState is a brand over InternalState: the only way to make one is through this module.
  return state as unknown as ProjectionState;
}

/** The internal state behind a projection made by this package. */
export function toInternal(state: ProjectionState): InternalState {
  // Every ProjectionState comes from toPublic (the brand cannot be forged without a cast).
  return state as unknown as InternalState;
}
