import { type ProjectionState, toInternal } from "./createProjection.js";

/** Totals of one ledger from its events. */
export interface LedgerTotalsView {
  ledgerEid: number;
  /** Sum of every account's cash, markets' LP pools included (`MarginLedger.totalCash`). */
  totalCash: bigint;
  /** `MarginLedger.insuranceFund`. */
  insuranceFund: bigint;
  /** Quote tokens moved in minus moved out: deposits, LP deposits, insurance, liquidators' repayments. */
  quoteHeld: bigint;
  /** Sum of bad debt charged to LP pools (`MarginLedger.socializedLoss`). */
  socializedLoss: bigint;
  /** Sum of bad debt settled. */
  badDebt: bigint;
}

/** The totals of the ledger on `ledgerEid` (zeros for a ledger never seen). */
export function getLedger(state: ProjectionState, ledgerEid: number): LedgerTotalsView {
  const ledger = toInternal(state).ledgers.get(ledgerEid);
  return {
    ledgerEid,
    totalCash: ledger?.totalCash ?? 0n,
    insuranceFund: ledger?.insuranceFund ?? 0n,
    quoteHeld: (ledger?.quoteIn ?? 0n) - (ledger?.quoteOut ?? 0n),
    socializedLoss: ledger?.socializedLoss ?? 0n,
    badDebt: ledger?.badDebt ?? 0n,
  };
}
