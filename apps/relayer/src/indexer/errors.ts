/** An indexing failure; the range is not committed and is tried again on the next run. */
export class IndexerError extends Error {
  override name = "IndexerError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The chain changed while a range was read (a header or log of another fork): read it again. */
export class ChainMovedError extends IndexerError {
  override name = "ChainMovedError";
}

/**
 * A pathway's outbound nonces have a hole that re-fetching did not fill: a `PacketSent` the RPC
 * keeps dropping. The cursor stays before the range until the log is found.
 */
export class NonceGapError extends IndexerError {
  override name = "NonceGapError";
  readonly gaps: readonly NonceGap[];
  constructor(gaps: readonly NonceGap[]) {
    const first = gaps[0];
    super(
      first === undefined
        ? "outbound nonce gap"
        : `outbound nonce gap on ${first.pathway}: expected ${first.expected}, found ${first.found}` +
            (gaps.length > 1 ? ` (and ${gaps.length - 1} more)` : ""),
    );
    this.gaps = gaps;
  }
}

/** A hole in a pathway's outbound nonces. */
export interface NonceGap {
  /** `srcEid/sender->dstEid/receiver`. */
  pathway: string;
  /** The nonce that should come next. */
  expected: bigint;
  /** The nonce that came instead. */
  found: bigint;
  /** The block of the pathway's newest stored message, where a re-fetch starts; undefined when it has none. */
  lastKnownBlock: bigint | undefined;
}
