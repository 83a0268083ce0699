/** No guardian key is configured: the relayer cannot pause. */
export class NoGuardianKeyError extends Error {
  override name = "NoGuardianKeyError";
  constructor(eid: number) {
    super(`no guardian key is configured (BALLAST_GUARDIAN_KEY) to pause the vault on eid ${eid}`);
  }
}

/** Pausing failed on chain (refused, dropped or reverted); `cause` says why. */
export class PauseFailedError extends Error {
  override name = "PauseFailedError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
