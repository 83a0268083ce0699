import { InvalidInputError } from "../errors.js";

/** floor(sqrt(n)) for a bigint `n >= 0` (Newton's method, exact). */
export function sqrtDown(n: bigint): bigint {
  if (n < 0n) throw new InvalidInputError(`square root of a negative number: ${n}`);
  if (n < 2n) return n;
  // Start above the root (2^ceil(bits/2)) so Newton's iterates decrease monotonically to floor(sqrt(n)).
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** ceil(sqrt(n)) for a bigint `n >= 0`. */
export function sqrtUp(n: bigint): bigint {
  const root = sqrtDown(n);
  return root * root === n ? root : root + 1n;
}
