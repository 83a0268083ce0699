import type { Discrepancy } from "@ballast/margin";

/** What a finding is about: a lane (vault chain, ledger chain, asset) or a vault's asset (no ledger). */
export interface FindingScope {
  vaultEid: number;
  /** Undefined for a vault-wide finding (invariant 2, vault totals). */
  ledgerEid?: number | undefined;
  /** The asset on the vault's chain, lowercase. */
  asset: string;
}

/** One discrepancy of a reconciliation run, placed on its lane or vault. */
export interface Finding {
  /** `@ballast/margin`'s discrepancy kind. */
  kind: Discrepancy["kind"];
  /** The DESIGN.md invariant it breaks (null for a projection/chain mismatch: an indexing problem). */
  invariant: 1 | 2 | 4 | null;
  scope: FindingScope;
  /** For `projectionMismatch`: the total that differs (`vaultLocked`, `ledgerCredited`, `valuedTotal`, ...). */
  field?: string | undefined;
  /**
   * laneConservation: `vault.locked`; vaultSolvency: totalLocked + totalClaimable; message kinds: the
   * amount sent; projectionMismatch: the projection's figure.
   */
  expected: bigint;
  /**
   * laneConservation: `ledger.credited` + in flight; vaultSolvency: `balanceOf(vault)`; message kinds:
   * the amount applied; projectionMismatch: the chain's figure.
   */
  actual: bigint;
  /** The LayerZero messages involved (in flight on the lane, unmatched, duplicated, stuck). */
  guids: string[];
  /** One line saying what is wrong, with the figures. */
  detail: string;
}

/** A stable identity of a finding across runs: the same problem keeps its id while it lasts. */
export function findingId(finding: Finding): string {
  const { kind, scope, field, guids } = finding;
  const where = `${scope.vaultEid}:${scope.ledgerEid ?? "*"}:${scope.asset}`;
  // Lane-wide and vault-wide findings are one problem whatever messages are in flight; message
  // findings are one per message.
  const perMessage = kind !== "laneConservation" && kind !== "vaultSolvency" && kind !== "projectionMismatch";
  return `${kind}:${where}${field === undefined ? "" : `:${field}`}${perMessage ? `:${[...guids].sort().join(",")}` : ""}`;
}

/** The key of a lane: `${vaultEid}:${ledgerEid}:${asset}` (asset lowercase). */
export function laneKey(vaultEid: number, ledgerEid: number, asset: string): string {
  return `${vaultEid}:${ledgerEid}:${asset.toLowerCase()}`;
}

/** The key of a vault asset: `${vaultEid}:${asset}` (asset lowercase). */
export function vaultKey(vaultEid: number, asset: string): string {
  return `${vaultEid}:${asset.toLowerCase()}`;
}
