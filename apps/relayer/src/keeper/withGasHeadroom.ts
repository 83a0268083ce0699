/** Extra gas limit over an estimate, in percent: state can move a little between estimate and inclusion. */
export const GAS_HEADROOM_PERCENT = 25n;

/**
 * The gas limit to send with: the estimate plus {@link GAS_HEADROOM_PERCENT}. Only the gas used is
 * paid; the profitability check counts the estimate.
 *
 * @example
 * withGasHeadroom(200_000n); // 250_000n
 */
export function withGasHeadroom(estimate: bigint): bigint {
  return estimate + (estimate * GAS_HEADROOM_PERCENT) / 100n;
}
