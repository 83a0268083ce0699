export { boundedRate } from "./collateral/boundedRate.js";
export { freeBalanceDown, minBalanceForContributionUp } from "./collateral/freeBalance.js";
export {
  type LiquidationAmountsParameters,
  type LiquidationAmountsReturnType,
  liquidationAmounts,
  repayForSeizeUp,
  seizeAmountDown,
} from "./collateral/liquidation.js";
export { toAssetsDown, toAssetsUp, toSharesDown, toSharesUp } from "./collateral/shares.js";
export {
  collateralValueDown,
  collateralValueUp,
  haircutDown,
  toAmountDown,
  toAmountUp,
  toValueDown,
  toValueUp,
  type ValuationDecimals,
} from "./collateral/value.js";
export { ArithmeticError, MarginError } from "./errors.js";
export { equity, type Health, initialHealth, maintenanceHealth } from "./health/health.js";
export type { Decimals } from "./math/decimals.js";
export {
  mulDivCeilSigned,
  mulDivDown,
  mulDivFloorSigned,
  mulDivUp,
  wMulDown,
  wMulUp,
} from "./math/mulDiv.js";
export { MAX_INT256, MAX_UINT256, MIN_INT256, WAD } from "./math/uint.js";
export {
  entryNotionalCeil,
  type MarketDecimals,
  marginUp,
  markValueFloor,
  notionalUp,
  remainingNotionalCeil,
  SIZE_DECIMALS,
  unrealizedPnl,
} from "./perp/perpMath.js";
