import type { AccountBalanceMismatch } from "./AccountBalanceChecker.js";
import type { Finding } from "./Finding.js";

/**
 * The findings of account balances the projection and the ledger disagree on: a
 * `projectionMismatch` (an indexing problem, no invariant) on the lane (source chain, ledger chain,
 * asset), one per differing part (`balanceOf(account).valued` / `.parked`), so each keeps its own
 * alert while it lasts.
 */
export function toAccountFindings(mismatches: readonly AccountBalanceMismatch[]): Finding[] {
  return mismatches.flatMap((m) =>
    (["valued", "parked"] as const).flatMap((part): Finding[] => {
      const expected = m.projected[part];
      const actual = m.onChain[part];
      if (expected === actual) return [];
      const field = `balanceOf(${m.account.toLowerCase()}).${part}`;
      return [
        {
          kind: "projectionMismatch",
          invariant: null,
          scope: { vaultEid: m.srcEid, ledgerEid: m.ledgerEid, asset: m.asset },
          field,
          expected,
          actual,
          guids: [],
          detail: `${field} on eid ${m.ledgerEid}: the projection has ${expected}, the chain ${actual} (events missed or extra)`,
        },
      ];
    }),
  );
}
