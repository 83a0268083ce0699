// ============================================================================================
// measureAccountReconciliation: the account-level reconciliation of 10,000 accounts, timed with
// batched (Multicall3) reads against per-account `eth_call`s, in the same run, on the same
// projection and block. Wired to the relayer's own `AccountBalanceChecker`
// (src/reconciliation/AccountBalanceChecker.ts, `mode: "multicall" | "perAccount"`).
// ============================================================================================
import type { NestFastifyApplication } from "@nestjs/platform-fastify";
import { ProjectionService } from "../dist/projection/ProjectionService.js";
import {
  AccountBalanceChecker,
  type AccountReadMode,
  type CheckAccountBalancesReturnType,
} from "../dist/reconciliation/AccountBalanceChecker.js";

/** One timed reconciliation pass. */
export interface AccountReconciliationPass {
  mode: AccountReadMode;
  ms: number;
  accounts: number;
  balances: number;
  mismatches: number;
  unread: number;
}

/** What {@link measureAccountReconciliation} found. */
export interface AccountReconciliationResult {
  /** Refreshing the projection from the store (not part of either pass). */
  projectionMs: number;
  multicall: AccountReconciliationPass;
  perAccount: AccountReconciliationPass;
  /** perAccount time over multicall time. */
  speedup: number;
}

/** Thrown when a pass did not compare every balance or found a difference: the timing would mean nothing. */
export class ReconciliationBenchError extends Error {
  override name = "ReconciliationBenchError";
}

async function timedPass(
  checker: AccountBalanceChecker,
  snapshot: Awaited<ReturnType<ProjectionService["refresh"]>>,
  mode: AccountReadMode,
): Promise<AccountReconciliationPass> {
  const start = performance.now();
  const result: CheckAccountBalancesReturnType = await checker.check({
    state: snapshot.state,
    chains: snapshot.chains,
    mode,
  });
  const ms = performance.now() - start;
  return {
    mode,
    ms,
    accounts: result.accounts,
    balances: result.balances,
    mismatches: result.mismatches.length,
    unread: result.unread.length,
  };
}

/**
 * Times the relayer's account-level reconciliation (`AccountBalanceChecker.check`) over every account
 * of the app's projection, in both read modes, against the same projection snapshot (each ledger read
 * at the block the projection is exact at). An untimed multicall pass warms up first. Throws
 * when fewer than `minAccounts` accounts were compared, or a pass left a chain unread or found a
 * mismatch.
 */
export async function measureAccountReconciliation(
  app: NestFastifyApplication,
  minAccounts: number,
): Promise<AccountReconciliationResult> {
  const projection = app.get(ProjectionService);
  const checker = app.get(AccountBalanceChecker);
  const refreshStart = performance.now();
  const snapshot = await projection.refresh();
  const projectionMs = performance.now() - refreshStart;
  await timedPass(checker, snapshot, "multicall"); // warm-up (JIT, the Multicall3 lookup), untimed
  const multicall = await timedPass(checker, snapshot, "multicall");
  const perAccount = await timedPass(checker, snapshot, "perAccount");
  for (const pass of [multicall, perAccount]) {
    if (pass.accounts < minAccounts || pass.unread > 0 || pass.mismatches > 0) {
      throw new ReconciliationBenchError(
        `${pass.mode}: ${pass.accounts} accounts (want >= ${minAccounts}), ${pass.unread} chains unread, ${pass.mismatches} mismatches`,
      );
    }
  }
  return { projectionMs, multicall, perAccount, speedup: perAccount.ms / multicall.ms };
}
