import { getAccount, listAccounts, type ProjectionState } from "@ballast/margin";
import { laneKey } from "./Finding.js";

/**
 * What each ledger's `valuedTotal(srcEid, asset)` should read according to the projection: the sum of
 * every account's valued (not parked) balance, keyed by lane (`laneKey(srcEid, ledgerEid, asset)`).
 * One pass over the projection's accounts.
 */
export function projectedValuedTotals(state: ProjectionState): Map<string, bigint> {
  const totals = new Map<string, bigint>();
  for (const address of listAccounts(state)) {
    for (const ledger of getAccount(state, address).ledgers) {
      for (const { srcEid, asset, valued } of ledger.collateral) {
        if (valued === 0n) continue;
        const key = laneKey(srcEid, ledger.ledgerEid, asset);
        totals.set(key, (totals.get(key) ?? 0n) + valued);
      }
    }
  }
  return totals;
}
