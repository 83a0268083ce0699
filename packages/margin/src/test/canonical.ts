// Test support: everything the projection's queries show, in one comparable value.
import type { ChainSnapshot } from "../invariants/chainSnapshot.js";
import { checkInvariants } from "../invariants/checkInvariants.js";
import type { ProjectionState } from "../projection/createProjection.js";
import { getAccount } from "../projection/getAccount.js";
import { getLane } from "../projection/getLane.js";
import { listAccounts } from "../projection/listAccounts.js";
import { listLanes } from "../projection/listLanes.js";

const NOW = 2_000_000_000n;

/** Every account and lane view, and the discrepancies against `snapshot`, at a fixed "now". */
export function canonical(state: ProjectionState, snapshot?: ChainSnapshot) {
  return {
    accounts: listAccounts(state).map((a) => getAccount(state, a, { now: NOW })),
    lanes: listLanes(state).map((l) => getLane(state, l.vaultEid, l.ledgerEid, l.asset, { now: NOW })),
    discrepancies: snapshot
      ? checkInvariants(state, snapshot, { now: NOW, stuckAfterSeconds: 10n ** 12n })
      : [],
  };
}

/** A seeded shuffle (Fisher-Yates with a 32-bit LCG): the same seed, the same permutation. */
export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let x = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    x = (Math.imul(x, 1_664_525) + 1_013_904_223) >>> 0;
    const j = x % (i + 1);
    const tmp = out[i];
    const other = out[j];
    if (tmp === undefined || other === undefined) continue;
    out[i] = other;
    out[j] = tmp;
  }
  return out;
}
