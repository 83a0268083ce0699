import { marginUp, wMulDown } from "@ballast/margin";

/** Parameters of {@link positionReward}. */
export interface PositionRewardParameters {
  /** |size| × mark price, rounded up (quote units): what `PerpMarket.liquidatePosition` charges on. */
  notional: bigint;
  /** The market's `liquidationPenaltyRate` (WAD). */
  liquidationPenaltyRate: bigint;
  /** The market's `keeperRewardShare` (WAD). */
  keeperRewardShare: bigint;
}

/** The return type of {@link positionReward} (quote units). */
export interface PositionRewardReturnType {
  penalty: bigint;
  /** The keeper's part of the penalty, credited to its cash on the ledger. */
  reward: bigint;
}

/**
 * The penalty a position liquidation charges and the keeper's reward, as `PerpMarket.liquidatePosition`
 * computes them: penalty = notional × rate rounded up, reward = penalty × share rounded down.
 *
 * @example
 * positionReward({ notional: 13_000_000_000n, liquidationPenaltyRate: WAD / 50n, keeperRewardShare: WAD / 2n });
 * // { penalty: 260_000_000n, reward: 130_000_000n }
 */
export function positionReward(parameters: PositionRewardParameters): PositionRewardReturnType {
  const penalty = marginUp(parameters.notional, parameters.liquidationPenaltyRate);
  return { penalty, reward: wMulDown(penalty, parameters.keeperRewardShare) };
}
