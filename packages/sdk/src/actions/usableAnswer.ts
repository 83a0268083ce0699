// Internal: OracleLib.check, to tell which collateral prices MarginLedger.health counts.

/** The bounds a feed's answer must satisfy (`OracleLib.FeedConfig` without the feed). */
export interface FeedBounds {
  maxStaleness: number;
  minAnswer: bigint;
  maxAnswer: bigint;
}

/**
 * `OracleLib.check`: the answer when it is fresh at `now` (not in the future, at most
 * `maxStaleness` seconds old), positive and within bounds; otherwise undefined.
 */
export function usableAnswer(
  answer: bigint,
  updatedAt: bigint,
  now: bigint,
  bounds: FeedBounds,
): bigint | undefined {
  if (updatedAt > now || now - updatedAt > BigInt(bounds.maxStaleness)) return undefined;
  if (answer <= 0n || answer < bounds.minAnswer || answer > bounds.maxAnswer) return undefined;
  return answer;
}
