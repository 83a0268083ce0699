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
