/** A seeded generator of uniform numbers in [0, 1) and bigints in a range, so runs are comparable. */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi] (inclusive). */
  bigint(lo: bigint, hi: bigint): bigint;
  /** True with probability one half. */
  coin(): boolean;
}

/** Xorshift32 from `seed` (any non-zero 32-bit integer), the generator of `@ballast/margin`'s bench. */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0 || 0x9e3779b9;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  return {
    next,
    bigint(lo, hi) {
      // 52 random bits: the spans drawn here are far smaller, so the modulo bias is negligible.
      const span = hi - lo + 1n;
      const draw = BigInt(Math.floor(next() * 2 ** 26)) * 2n ** 26n + BigInt(Math.floor(next() * 2 ** 26));
      return lo + (draw % span);
    },
    coin: () => next() < 0.5,
  };
}
