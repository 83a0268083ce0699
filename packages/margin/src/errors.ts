/** Base class of every error thrown by `@ballast/margin`. */
export class MarginError extends Error {
  override name = "MarginError";
}

/**
 * The operation reverts in the contracts: an overflow of uint256/int256, a division by zero or an
 * unsafe cast. The TypeScript math throws exactly where the Solidity math reverts, so a
 * differential test can compare "reverted" as well as values.
 */
export class ArithmeticError extends MarginError {
  override name = "ArithmeticError";
}

/** An argument is malformed: an address that is not 20 bytes of hex, a negative count, an empty series. */
export class InvalidInputError extends MarginError {
  override name = "InvalidInputError";
}

/**
 * An event given to `applyEvents` is malformed (unknown `type`, missing key, non-bigint amount, bad
 * address). `applyEvents` is atomic: when it throws, the state it was given is unchanged.
 */
export class InvalidEventError extends InvalidInputError {
  override name = "InvalidEventError";
}

/** A confidence level that the z-score table of `suggestCollateralFactor` does not hold. */
export class UnsupportedConfidenceError extends InvalidInputError {
  override name = "UnsupportedConfidenceError";
}

/** Valuation needs data the caller did not give: the base of {@link MissingConfigError} and co. */
export class ValuationError extends MarginError {
  override name = "ValuationError";
}

/** No risk configuration for a ledger, or for a market an account has a position in. */
export class MissingConfigError extends ValuationError {
  override name = "MissingConfigError";
}

/** No price for a market an account has a position in (collateral without a price counts as zero). */
export class MissingPriceError extends ValuationError {
  override name = "MissingPriceError";
}

/** No exchange rate for an ERC-4626 share collateral (neither in the config nor seen in a RateUpdated event). */
export class MissingRateError extends ValuationError {
  override name = "MissingRateError";
}
