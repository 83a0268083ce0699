/** One item's result of {@link mapInBatches}: its value, or what it threw. */
export type BatchResult<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * `fn` over `items`, `batchSize` at a time (a batch starts when the previous one has settled), results
 * in input order; a rejection is that item's result and does not stop the others.
 *
 * @example
 * const valued = await mapInBatches(accounts, 8, (account) => getAccount({ manifest, clients, account }));
 */
export async function mapInBatches<T, R>(
  items: readonly T[],
  batchSize: number,
  fn: (item: T) => Promise<R>,
): Promise<BatchResult<R>[]> {
  if (!Number.isSafeInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batch size must be >= 1: ${batchSize}`);
  const results: BatchResult<R>[] = [];
  for (let start = 0; start < items.length; start += batchSize) {
    const settled = await Promise.allSettled(items.slice(start, start + batchSize).map((item) => fn(item)));
    for (const outcome of settled) {
      results.push(
        outcome.status === "fulfilled"
          ? { ok: true, value: outcome.value }
          : { ok: false, error: outcome.reason },
      );
    }
  }
  return results;
}
