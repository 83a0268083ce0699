import { ArithmeticError } from "../errors.js";
import { abs, int256, uint256, WAD } from "./uint.js";

function checkedMulDivInputs(x: bigint, y: bigint, d: bigint): void {
  uint256(x, "x");
  uint256(y, "y");
  if (d === 0n) throw new ArithmeticError("division by zero");
  uint256(d, "denominator");
}

/** floor(x * y / d) with a 512-bit intermediate, like OpenZeppelin's `Math.mulDiv`. */
export function mulDivDown(x: bigint, y: bigint, d: bigint): bigint {
  checkedMulDivInputs(x, y, d);
  return uint256((x * y) / d, "mulDiv result");
}

/** ceil(x * y / d), like `Math.mulDiv(x, y, d, Rounding.Ceil)`. */
export function mulDivUp(x: bigint, y: bigint, d: bigint): bigint {
  checkedMulDivInputs(x, y, d);
  const product = x * y;
  const floor = uint256(product / d, "mulDiv result");
  return product % d === 0n ? floor : uint256(floor + 1n, "mulDiv result");
}

/** floor(x * y / WAD). */
export function wMulDown(x: bigint, y: bigint): bigint {
  return mulDivDown(x, y, WAD);
}

/** ceil(x * y / WAD). */
export function wMulUp(x: bigint, y: bigint): bigint {
  return mulDivUp(x, y, WAD);
}

/** floor(x * y / d) for a signed `x`: rounds toward negative infinity. */
export function mulDivFloorSigned(x: bigint, y: bigint, d: bigint): bigint {
  int256(x, "x");
  if (x >= 0n) return int256(mulDivDown(x, y, d), "SafeCast.toInt256");
  return -int256(mulDivUp(abs(x), y, d), "SafeCast.toInt256");
}

/** ceil(x * y / d) for a signed `x`: rounds toward positive infinity. */
export function mulDivCeilSigned(x: bigint, y: bigint, d: bigint): bigint {
  int256(x, "x");
  if (x >= 0n) return int256(mulDivUp(x, y, d), "SafeCast.toInt256");
  return -int256(mulDivDown(abs(x), y, d), "SafeCast.toInt256");
}
