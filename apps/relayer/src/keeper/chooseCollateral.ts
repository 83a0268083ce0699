import { collateralValueDown, liquidationAmounts } from "@ballast/margin";
import type { Address } from "viem";

/** One collateral of a liquidatable account, with what valuing its seizure needs. */
export interface CollateralCandidate {
  srcEid: number;
  asset: Address;
  /** The account's valued balance (what the ledger can seize). */
  valued: bigint;
  /** Assets per 1e18 units (1e18 for a plain token). */
  rate: bigint;
  /** The feed's usable answer. */
  price: bigint;
  /** `liquidationBonus` (WAD). */
  bonus: bigint;
  tokenDecimals: number;
  priceDecimals: number;
}

/** Parameters of {@link chooseCollateral}. */
export interface ChooseCollateralParameters {
  candidates: readonly CollateralCandidate[];
  /** The most the keeper repays: the account's debt, capped at the keeper's quote balance. */
  maxRepay: bigint;
  quoteDecimals: number;
}

/** The return type of {@link chooseCollateral}: the seizure that earns the most, or undefined. */
export type ChooseCollateralReturnType =
  | {
      srcEid: number;
      asset: Address;
      /** Quote the keeper pays (`RiskEngine.liquidationAmounts`). */
      repaid: bigint;
      /** Collateral it receives. */
      seized: bigint;
      /** Value of `seized` minus `repaid`, in quote units: the keeper's reward. */
      bonusValue: bigint;
    }
  | undefined;

/**
 * The collateral whose liquidation pays the keeper the most: for each candidate,
 * `RiskEngine.liquidationAmounts(maxRepay, valued)` (repay × (1 + bonus), capped at the balance) with
 * `@ballast/margin`, valued at its rate and price; the largest `seized value − repaid` wins (ties: the
 * larger repayment, then manifest order). Undefined when nothing earns more than it costs.
 */
export function chooseCollateral(parameters: ChooseCollateralParameters): ChooseCollateralReturnType {
  const { candidates, maxRepay, quoteDecimals } = parameters;
  if (maxRepay <= 0n) return undefined;
  let best: ChooseCollateralReturnType;
  for (const c of candidates) {
    if (c.valued <= 0n || c.price <= 0n || c.rate <= 0n) continue;
    const decimals = { tokenDecimals: c.tokenDecimals, priceDecimals: c.priceDecimals, quoteDecimals };
    const { repaid, seized } = liquidationAmounts({
      maxRepay,
      available: c.valued,
      bonus: c.bonus,
      rate: c.rate,
      price: c.price,
      decimals,
    });
    if (repaid === 0n || seized === 0n) continue;
    const bonusValue = collateralValueDown(seized, c.rate, c.price, decimals) - repaid;
    if (bonusValue <= 0n) continue;
    if (
      best === undefined ||
      bonusValue > best.bonusValue ||
      (bonusValue === best.bonusValue && repaid > best.repaid)
    ) {
      best = { srcEid: c.srcEid, asset: c.asset, repaid, seized, bonusValue };
    }
  }
  return best;
}
