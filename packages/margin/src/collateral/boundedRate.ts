import { mulDivDown } from "../math/mulDiv.js";
import { min, uint256, WAD } from "../math/uint.js";

const DAY = 86_400n;

/**
 * An ERC-4626 rate bounded by a maximum growth per day since the last accepted rate: falls apply
 * at once, rises are clamped to `current * (1 + maxGrowthPerDay * elapsed / 1 day)`; `current == 0`
 * (no accepted rate yet) takes the report as is. Mirrors `MarginMathLib.boundedRate`.
 */
export function boundedRate(
  current: bigint,
  reported: bigint,
  elapsed: bigint,
  maxGrowthPerDay: bigint,
): bigint {
  if (current === 0n || reported <= current) return reported;
  const growth = mulDivDown(current, uint256(maxGrowthPerDay * elapsed), uint256(WAD * DAY));
  return min(reported, uint256(current + growth));
}
