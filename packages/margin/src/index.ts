// ---------------------------------------------------------------- margin math (mirrors the contracts)
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
export {
  ArithmeticError,
  InvalidEventError,
  InvalidInputError,
  MarginError,
  MissingConfigError,
  MissingPriceError,
  MissingRateError,
  UnsupportedConfidenceError,
  ValuationError,
} from "./errors.js";
export { equity, type Health, initialHealth, maintenanceHealth } from "./health/health.js";
// ---------------------------------------------------------------- invariants
export type {
  ChainSnapshot,
  LaneSnapshot,
  LedgerSnapshot,
  VaultAssetSnapshot,
} from "./invariants/chainSnapshot.js";
export { type CheckInvariantsOptions, checkInvariants } from "./invariants/checkInvariants.js";
export type {
  Discrepancy,
  DuplicateDeliveryDiscrepancy,
  LaneConservationDiscrepancy,
  MessageEndView,
  MessageMismatchDiscrepancy,
  ProjectionField,
  ProjectionMismatchDiscrepancy,
  QuoteConservationDiscrepancy,
  StuckMessageDiscrepancy,
  UnmatchedDeliveryDiscrepancy,
  VaultSolvencyDiscrepancy,
} from "./invariants/discrepancy.js";
export type { Decimals } from "./math/decimals.js";
export { lnWad } from "./math/lnWad.js";
export {
  mulDivCeilSigned,
  mulDivDown,
  mulDivFloorSigned,
  mulDivUp,
  wMulDown,
  wMulUp,
} from "./math/mulDiv.js";
export { sqrtDown, sqrtUp } from "./math/sqrt.js";
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
// ---------------------------------------------------------------- projection
export { type Address, type Hex, ZERO_GUID } from "./projection/address.js";
export { applyEvents } from "./projection/applyEvents.js";
export { createProjection, type ProjectionState } from "./projection/createProjection.js";
export type {
  BadDebtSettledEvent,
  BallastEvent,
  BallastEventBase,
  CashDepositedEvent,
  CashWithdrawnEvent,
  ClaimedEvent,
  CreditedEvent,
  EventKey,
  InsuranceDepositedEvent,
  InsuranceWithdrawnEvent,
  LiquidatedEvent,
  LiquidityDepositedEvent,
  LiquidityWithdrawnEvent,
  LockedEvent,
  LossSocializedEvent,
  ParkedActivatedEvent,
  PenaltyChargedEvent,
  PnlSettledEvent,
  PositionChangedEvent,
  PositionLiquidatedEvent,
  RateSyncedEvent,
  RateUpdatedEvent,
  ReleaseClaimableEvent,
  ReleasedEvent,
  ReleaseRequestedEvent,
} from "./projection/events.js";
export {
  type AccountView,
  type ClaimableBalanceView,
  type CollateralBalanceView,
  type GetAccountOptions,
  getAccount,
  type LedgerAccountView,
  type LpSharesView,
  type PositionView,
} from "./projection/getAccount.js";
export { type GetLaneOptions, getLane, type LaneId, type LaneView } from "./projection/getLane.js";
export { getLedger, type LedgerTotalsView } from "./projection/getLedger.js";
export { getVaultAsset, type VaultAssetView } from "./projection/getVaultAsset.js";
export type { InFlightMessage } from "./projection/inFlightMessage.js";
export { listAccounts } from "./projection/listAccounts.js";
export { listLanes } from "./projection/listLanes.js";
// ---------------------------------------------------------------- risk analytics
export {
  type EwmaVolatility,
  type EwmaVolatilityOptions,
  ewmaVolatility,
  RISKMETRICS_DAILY_LAMBDA,
} from "./risk/ewmaVolatility.js";
export { shockPrices } from "./risk/shockPrices.js";
export {
  type LedgerStress,
  type StressOutcome,
  type StressResult,
  stressAccount,
  type WorstStress,
} from "./risk/stressAccount.js";
export { perAssetScenarios, type StressScenario } from "./risk/stressScenario.js";
export {
  type SuggestCollateralFactorParameters,
  type SuggestedCollateralFactor,
  suggestCollateralFactor,
  Z_SCORES,
} from "./risk/suggestCollateralFactor.js";
// ---------------------------------------------------------------- valuation
export { accountHealth } from "./valuation/accountHealth.js";
export type {
  CollateralRiskConfig,
  LedgerRiskConfig,
  MarginConfig,
  MarketRiskConfig,
  PriceQuote,
  Prices,
} from "./valuation/marginConfig.js";
export { type AccountValuation, type LedgerValuation, valueAccount } from "./valuation/valueAccount.js";
export type {
  CollateralValuation,
  LedgerHealth,
  LedgerValuationCore,
  PositionValuation,
} from "./valuation/valueLedger.js";
