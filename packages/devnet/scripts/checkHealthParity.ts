import type { Health } from "@ballast/margin";
import type { Address } from "viem";

/** The fields of `MarginMathLib.Health`, which the ledger's `health` view returns. */
export const HEALTH_FIELDS = [
  "collateralValue",
  "initialCollateral",
  "maintenanceCollateral",
  "cash",
  "unrealizedPnl",
  "initialMargin",
  "maintenanceMargin",
] as const satisfies readonly (keyof Health)[];

/** One field of one account where the two computations differ. */
export interface HealthMismatch {
  account: Address;
  field: keyof Health | "missing";
  view: bigint | undefined;
  margin: bigint | undefined;
}

/** Thrown when `@ballast/margin` and the contract's view disagree on any field of any account. */
export class HealthParityError extends Error {
  override name = "HealthParityError";
  readonly mismatches: readonly HealthMismatch[];
  constructor(message: string, mismatches: readonly HealthMismatch[] = []) {
    super(message);
    this.mismatches = mismatches;
  }
}

/** Parameters of {@link checkHealthParity}. */
export interface CheckHealthParityParameters {
  /** What was compared, for the error (e.g. `eth_call pass 3`). */
  label: string;
  accounts: readonly Address[];
  /** The view's result per account, in the order of `accounts`. */
  view: readonly (Health | undefined)[];
  /** `@ballast/margin`'s result per account, in the same order. */
  margin: readonly (Health | undefined)[];
}

/** Requires every field of every account to be equal to the wei; throws {@link HealthParityError} otherwise. */
export function checkHealthParity(parameters: CheckHealthParityParameters): void {
  const { label, accounts, view, margin } = parameters;
  if (view.length !== accounts.length || margin.length !== accounts.length) {
    throw new HealthParityError(
      `health parity (${label}): ${view.length} view and ${margin.length} margin results for ${accounts.length} accounts`,
    );
  }
  const mismatches: HealthMismatch[] = [];
  for (const [i, account] of accounts.entries()) {
    const v = view[i];
    const m = margin[i];
    if (v === undefined || m === undefined) {
      mismatches.push({ account, field: "missing", view: undefined, margin: undefined });
      continue;
    }
    for (const field of HEALTH_FIELDS) {
      if (v[field] !== m[field]) mismatches.push({ account, field, view: v[field], margin: m[field] });
    }
  }
  if (mismatches.length > 0) {
    const shown = mismatches
      .slice(0, 5)
      .map((m) => `${m.account} ${m.field}: view ${m.view}, margin ${m.margin}`)
      .join("; ");
    throw new HealthParityError(
      `health parity (${label}): ${mismatches.length} fields differ, e.g. ${shown}`,
      mismatches,
    );
  }
}
