import { InvalidInputError } from "../errors.js";
import { WAD } from "./uint.js";

/** Internal precision of the series: 36 decimals, so the WAD result is exact to about 1 wei. */
const ONE = 10n ** 36n;
/** ln(2) to 36 decimals. */
const LN2 = 693_147_180_559_945_309_417_232_121_458_176_568n;

/**
 * ln(x / 1e18) * 1e18 for a WAD `x > 0`, in bigint only: x is reduced to y = x / 2^k in [1, 2), and
 * ln(y) = 2 * atanh((y - 1) / (y + 1)) = 2 * sum z^(2i+1) / (2i+1) with z < 1/3, summed at 1e36
 * precision. The result is within 1 wei of the exact value, truncated toward zero.
 */
export function lnWad(x: bigint): bigint {
  if (x <= 0n) throw new InvalidInputError(`ln of a non-positive number: ${x}`);
  let y = x * (ONE / WAD);
  let k = 0n;
  while (y >= 2n * ONE) {
    y >>= 1n;
    k += 1n;
  }
  while (y < ONE) {
    y <<= 1n;
    k -= 1n;
  }
  const z = ((y - ONE) * ONE) / (y + ONE);
  const z2 = (z * z) / ONE;
  let term = z;
  let sum = 0n;
  for (let i = 1n; term !== 0n; i += 2n) {
    sum += term / i;
    term = (term * z2) / ONE;
  }
  const result = k * LN2 + 2n * sum;
  // Truncate toward zero from 36 to 18 decimals.
  return result / (ONE / WAD);
}
