/** A deterministic pseudo-random source (mulberry32), for reproducible test schedules. */
export interface SeededRandom {
  /** The seed it started from. */
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, max). */
  int(max: number): number;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
}

/** A {@link SeededRandom} over mulberry32 (32-bit state; good enough to schedule faults, not for crypto). */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    seed,
    next,
    int: (max) => Math.floor(next() * max),
    between: (min, max) => min + Math.floor(next() * (max - min + 1)),
  };
}

/**
 * The seed of a test run: `TEST_SEED` when set (to replay a failure), else a fresh one. Printed
 * with `label` so a failing run can be replayed.
 */
export function testSeed(label: string): number {
  const fromEnv = process.env.TEST_SEED;
  const seed =
    fromEnv !== undefined && fromEnv !== "" ? Number(fromEnv) >>> 0 : Math.floor(Math.random() * 2 ** 32);
  console.log(`${label}: seed ${seed} (replay with TEST_SEED=${seed})`);
  return seed;
}
