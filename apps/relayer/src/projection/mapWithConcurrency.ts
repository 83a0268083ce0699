/**
 * `fn` over `items` with at most `limit` calls in flight, results in input order. The first
 * rejection rejects the whole (calls already started still run to completion).
 *
 * @example
 * const balances = await mapWithConcurrency(accounts, 8, (account) => readBalance(account));
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new RangeError(`concurrency limit must be >= 1: ${limit}`);
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      // index < items.length: the slot exists.
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
