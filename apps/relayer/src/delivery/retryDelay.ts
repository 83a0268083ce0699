/** Parameters of {@link retryDelay}. */
export interface RetryDelayParameters {
  /** Failed attempts before this one (0 for the first failure). */
  attempts: number;
  /** The first delay. */
  backoffMs: number;
  /** The longest delay. */
  maxBackoffMs: number;
}

/**
 * Exponential backoff: `backoffMs * 2^attempts`, at most `maxBackoffMs` (the first failure waits
 * `backoffMs`, the second twice that, ...).
 *
 * @example
 * retryDelay({ attempts: 2, backoffMs: 500, maxBackoffMs: 60_000 }); // 2_000
 */
export function retryDelay(parameters: RetryDelayParameters): number {
  const { attempts, backoffMs, maxBackoffMs } = parameters;
  // 2^40 * backoffMs is far past any cap; stopping there keeps the number exact.
  const delay = backoffMs * 2 ** Math.min(Math.max(attempts, 0), 40);
  return Math.min(delay, maxBackoffMs);
}
