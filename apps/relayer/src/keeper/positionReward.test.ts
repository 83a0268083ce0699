import { describe, expect, test } from "vitest";
import { positionReward } from "./positionReward.js";

const WAD = 10n ** 18n;

describe("positionReward", () => {
  test("2% of 13,000 notional is 260, half of it to the keeper (the devnet's market)", () => {
    expect(
      positionReward({
        notional: 13_000n * 10n ** 6n,
        liquidationPenaltyRate: WAD / 50n,
        keeperRewardShare: WAD / 2n,
      }),
    ).toEqual({ penalty: 260n * 10n ** 6n, reward: 130n * 10n ** 6n });
  });

  test("the penalty rounds up and the reward down, as the market does", () => {
    expect(
      positionReward({ notional: 1n, liquidationPenaltyRate: WAD / 50n, keeperRewardShare: WAD / 2n }),
    ).toEqual({
      penalty: 1n,
      reward: 0n,
    });
    expect(
      positionReward({ notional: 101n, liquidationPenaltyRate: WAD / 100n, keeperRewardShare: WAD }),
    ).toEqual({
      penalty: 2n,
      reward: 2n,
    });
  });
});
