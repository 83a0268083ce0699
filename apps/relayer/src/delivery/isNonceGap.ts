/** What nodes answer when a transaction's nonce is above the sender's next one (geth, EDR/Hardhat, anvil, viem). */
const NONCE_TOO_HIGH = /nonce too high|higher than the next one expected/i;

/**
 * True when a node refused a transaction because its nonce leaves a gap: a node that cannot queue
 * it (Hardhat or anvil automining, some L2 sequencers) answers "nonce too high" while an earlier
 * nonce of the same sender is still on its way. Looks through the error's `cause` chain (viem
 * wraps the node's answer).
 */
export function isNonceGap(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 10; depth++) {
    // viem's errors keep the node's own message in `details`; others only have `message`.
    const details = (current as Error & { details?: unknown }).details;
    if (NONCE_TOO_HIGH.test(current.message) || (typeof details === "string" && NONCE_TOO_HIGH.test(details)))
      return true;
    current = current.cause;
  }
  return false;
}
