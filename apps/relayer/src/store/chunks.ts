/** Rows per multi-row statement: well under PostgreSQL's 65,535 bind parameters for any of our tables. */
export const ROWS_PER_STATEMENT = 1_000;

/** `items` split into consecutive slices of at most `size`. */
export function chunks<T>(items: readonly T[], size: number = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
