/** This replica no longer holds the lease on a message (it expired, or another replica took it): stop before sending anything. */
export class LeaseLostError extends Error {
  override name = "LeaseLostError";
  readonly guid: string;

  constructor(guid: string, options?: ErrorOptions) {
    super(`lost the lease on message ${guid}`, options);
    this.guid = guid;
  }
}

/** A transaction recorded for a message is still in the mempool: the message waits for it. */
export class TransactionPendingError extends Error {
  override name = "TransactionPendingError";
  readonly hash: string;

  constructor(hash: string, options?: ErrorOptions) {
    super(`transaction ${hash} is still pending`, options);
    this.hash = hash;
  }
}

/** One pathway the relayer refuses to work on, and why. */
export interface PathwayIssue {
  /** For example `a -> b (collateralVault -> marginLedger)`. */
  pathway: string;
  message: string;
}

/** Production mode refused to start: a pathway's LayerZero configuration is missing or unsafe (each pathway and reason in `issues`). */
export class PathwayConfigError extends Error {
  override name = "PathwayConfigError";
  readonly issues: readonly PathwayIssue[];

  constructor(issues: readonly PathwayIssue[], options?: ErrorOptions) {
    super(
      `refusing to deliver: ${issues.map(({ pathway, message }) => `${pathway}: ${message}`).join("; ")}`,
      options,
    );
    this.issues = issues;
  }
}
