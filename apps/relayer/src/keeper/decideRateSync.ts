import { boundedRate } from "@ballast/margin";

/** Parameters of {@link decideRateSync}. */
export interface DecideRateSyncParameters {
  /** The share's rate on its vault chain (`convertToAssets(1e18)`, what a RATE would carry). */
  vaultRate: bigint;
  /** The rate the ledger's RiskEngine values the share at (`rateState(srcEid, share).rate`). */
  ledgerRate: bigint;
  /** When the ledger accepted it (`rateState.updatedAt`, seconds). */
  ledgerUpdatedAt: bigint;
  /** The ledger chain's latest block time (seconds). */
  now: bigint;
  /** The collateral's `maxRateGrowthPerDay` (WAD): rises are bounded by it on the ledger. */
  maxRateGrowthPerDay: bigint;
  /** A rise must move the ledger's rate by more than this (basis points of it). */
  thresholdBps: number;
}

/** The return type of {@link decideRateSync}. */
export type DecideRateSyncReturnType =
  | {
      sync: true;
      /** `fell`: always synced; `rose`: by more than the threshold. */
      reason: "fell" | "rose";
      /** The rate the ledger would apply now (a fall at once; a rise bounded by the growth cap). */
      applicableRate: bigint;
    }
  | { sync: false; reason: "equal" | "under-threshold"; applicableRate: bigint };

/**
 * Whether the keeper sends a RATE (`CollateralVault.syncRate`) to a ledger: always when the vault's
 * rate fell below the ledger's (the ledger over-values the share until it learns), and when it rose
 * by more than `thresholdBps` of the ledger's rate, counting only what the ledger would accept now
 * (`boundedRate`, the RiskEngine's max daily growth): a rise the cap holds back is sent once it has
 * grown past the threshold, not on every run.
 *
 * @example
 * decideRateSync({ vaultRate: 99n * 10n ** 16n, ledgerRate: 10n ** 18n, ledgerUpdatedAt: 0n, now: 10n,
 *   maxRateGrowthPerDay: 10n ** 16n, thresholdBps: 50 }); // { sync: true, reason: "fell", applicableRate: 99n * 10n ** 16n }
 */
export function decideRateSync(parameters: DecideRateSyncParameters): DecideRateSyncReturnType {
  const { vaultRate, ledgerRate, ledgerUpdatedAt, now, maxRateGrowthPerDay, thresholdBps } = parameters;
  if (vaultRate < ledgerRate) return { sync: true, reason: "fell", applicableRate: vaultRate };
  if (vaultRate === ledgerRate) return { sync: false, reason: "equal", applicableRate: ledgerRate };
  const elapsed = now > ledgerUpdatedAt ? now - ledgerUpdatedAt : 0n;
  const applicableRate = boundedRate(ledgerRate, vaultRate, elapsed, maxRateGrowthPerDay);
  const moved = (applicableRate - ledgerRate) * 10_000n > ledgerRate * BigInt(thresholdBps);
  return moved
    ? { sync: true, reason: "rose", applicableRate }
    : { sync: false, reason: "under-threshold", applicableRate };
}
