import { InvalidInputError } from "../errors.js";
import { WAD } from "../math/uint.js";

/**
 * A stress scenario: shocks by risk factor (a price id, or a share's `rateId`), each a signed WAD
 * fraction: -0.3e18 is -30%, 0.1e18 is +10%. Factors it does not name do not move; shocking
 * several factors at once is a correlated scenario.
 */
export interface StressScenario {
  name: string;
  shocks: Readonly<Record<string, bigint>>;
}

/** A WAD fraction as a percentage with up to 2 decimals ("-30%", "+12.5%"). */
function percent(shock: bigint): string {
  const bps = (shock * 10_000n) / WAD;
  const sign = shock < 0n ? "-" : "+";
  const abs = bps < 0n ? -bps : bps;
  const fraction = (abs % 100n).toString().padStart(2, "0").replace(/0+$/, "");
  return `${sign}${abs / 100n}${fraction ? `.${fraction}` : ""}%`;
}

/**
 * One scenario per asset (a price id or rate id) and shock: each moved alone, e.g.
 * `perAssetScenarios(["ETH/USD", "BTC/USD"], [-30n * 10n ** 16n])` gives "ETH/USD -30%" and "BTC/USD -30%".
 */
export function perAssetScenarios(factors: readonly string[], shocks: readonly bigint[]): StressScenario[] {
  const scenarios: StressScenario[] = [];
  for (const factor of factors) {
    for (const shock of shocks) {
      if (shock <= -WAD) throw new InvalidInputError(`a shock must stay above -100%, got ${shock}`);
      scenarios.push({ name: `${factor} ${percent(shock)}`, shocks: { [factor]: shock } });
    }
  }
  return scenarios;
}
