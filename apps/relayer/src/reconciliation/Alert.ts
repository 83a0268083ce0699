import type { Finding } from "./Finding.js";

/** A discrepancy as alerted: JSON-safe (amounts as decimal strings). */
export interface Alert {
  /** Stable while the discrepancy lasts (see `findingId`). */
  id: string;
  kind: Finding["kind"];
  invariant: Finding["invariant"];
  vaultEid: number;
  /** Absent for a vault-wide discrepancy (invariant 2). */
  ledgerEid?: number;
  /** The asset on the vault's chain, lowercase. */
  asset: string;
  field?: string;
  expected: string;
  actual: string;
  guids: string[];
  detail: string;
  /** ISO time of the run that first found it. */
  openedAt: string;
}

/** The body POSTed to `alertWebhook` after a run that opened or resolved discrepancies. */
export interface AlertWebhookBody {
  source: "ballast-relayer";
  /** ISO time of the run. */
  at: string;
  opened: Alert[];
  resolved: Alert[];
}
