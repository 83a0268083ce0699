import type { Address } from "./address.js";
import { type ProjectionState, toInternal } from "./createProjection.js";
import { openIndex } from "./openIndex.js";
import { shardKeys } from "./shards.js";

/**
 * Every address the projection knows (traders, liquidators, keepers, markets, LPs, and
 * beneficiaries of LOCKs still in flight), sorted.
 */
export function listAccounts(state: ProjectionState): Address[] {
  const s = toInternal(state);
  const addresses = new Set<string>(shardKeys(s.accounts));
  for (const address of openIndex(s).inFlightByAccount.keys()) addresses.add(address);
  // Account keys are lowercase 0x-hex addresses (validated on the way in).
  return [...addresses].sort().map((address) => address as Address);
}
