import type { Address } from "../projection/address.js";
import type { AccountView } from "../projection/getAccount.js";
import { ledgerConfig } from "../valuation/configIndex.js";
import type { MarginConfig, Prices } from "../valuation/marginConfig.js";
import { type LedgerHealth, valueLedger } from "../valuation/valueLedger.js";
import { shockPrices } from "./shockPrices.js";
import type { StressScenario } from "./stressScenario.js";

/** An account on one ledger under one scenario. */
export interface LedgerStress extends LedgerHealth {
  /** What the account lacks to be back at maintenance margin: max(0, -maintenanceHealth). */
  shortfall: bigint;
}

/** An account under one scenario. */
export interface StressOutcome {
  scenario: string;
  ledgers: LedgerStress[];
}

/** The lowest maintenance health an account reaches over the scenarios. */
export interface WorstStress {
  scenario: string;
  ledgerEid: number;
  maintenanceHealth: bigint;
  shortfall: bigint;
}

/** What {@link stressAccount} returns. */
export interface StressResult {
  address: Address;
  /** One per scenario, in the order given. */
  outcomes: StressOutcome[];
  /** The scenario and ledger of the lowest maintenance health (first one on ties); none without ledgers or scenarios. */
  worst?: WorstStress;
}

const shockedCache = new WeakMap<Prices, WeakMap<StressScenario, Prices>>();

/** Shocked prices, computed once per (prices, scenario) object pair. */
function pricesUnder(prices: Prices, scenario: StressScenario): Prices {
  let byScenario = shockedCache.get(prices);
  if (byScenario === undefined) {
    byScenario = new WeakMap();
    shockedCache.set(prices, byScenario);
  }
  let shocked = byScenario.get(scenario);
  if (shocked === undefined) {
    shocked = shockPrices(prices, scenario.shocks);
    byScenario.set(scenario, shocked);
  }
  return shocked;
}

/**
 * Values an account under each scenario: prices move by their shocks (see `shockPrices`), share
 * rates by the shock of their `rateId`, balances and positions stay. Health is computed with the
 * same math as `valueAccount`. Shocked prices are cached per (prices, scenario) objects, so stressing
 * many accounts with the same arrays shocks each price once.
 */
export function stressAccount(
  view: AccountView,
  config: MarginConfig,
  prices: Prices,
  scenarios: readonly StressScenario[],
): StressResult {
  const indexes = view.ledgers.map((ledger) => ledgerConfig(config, ledger.ledgerEid));
  const outcomes: StressOutcome[] = [];
  let worst: WorstStress | undefined;
  for (const scenario of scenarios) {
    const shocked = pricesUnder(prices, scenario);
    const ledgers: LedgerStress[] = [];
    for (const [i, ledger] of view.ledgers.entries()) {
      const index = indexes[i];
      if (index === undefined) continue;
      const { ledgerEid, health, initialHealth, maintenanceHealth, liquidatable } = valueLedger(
        ledger,
        index,
        shocked,
        false,
        scenario.shocks,
      );
      const shortfall = maintenanceHealth < 0n ? -maintenanceHealth : 0n;
      ledgers.push({ ledgerEid, health, initialHealth, maintenanceHealth, liquidatable, shortfall });
      if (worst === undefined || maintenanceHealth < worst.maintenanceHealth) {
        worst = { scenario: scenario.name, ledgerEid, maintenanceHealth, shortfall };
      }
    }
    outcomes.push({ scenario: scenario.name, ledgers });
  }
  return { address: view.address, outcomes, ...(worst === undefined ? {} : { worst }) };
}
