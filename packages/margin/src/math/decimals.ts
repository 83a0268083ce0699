import { ArithmeticError } from "../errors.js";

/** Token or price decimals: a Solidity `uint8`. */
export type Decimals = number;

/** The uint8 as a bigint, or throws for anything that is not an integer in [0, 255]. */
export function decimalsToBigInt(value: Decimals, what: string): bigint {
  if (!Number.isInteger(value) || value < 0 || value > 255) {
    throw new ArithmeticError(`${what} must be a uint8, got ${value}`);
  }
  return BigInt(value);
}
