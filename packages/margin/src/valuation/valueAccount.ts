import { equity } from "../health/health.js";
import type { Address } from "../projection/address.js";
import type { AccountView } from "../projection/getAccount.js";
import { ledgerConfig } from "./configIndex.js";
import type { MarginConfig, Prices } from "./marginConfig.js";
import { type LedgerValuationCore, valueLedger } from "./valueLedger.js";

/** An account valued on one ledger: its health and each collateral's and position's part in it. */
export interface LedgerValuation extends LedgerValuationCore {
  /** cash + pnl + collateralValue. */
  equity: bigint;
}

/** An account valued on every ledger it is on. */
export interface AccountValuation {
  address: Address;
  ledgers: LedgerValuation[];
}

/**
 * Values an account on each ledger of its view, with the contracts' math to the wei:
 * each valued collateral is worth `collateralValueDown(valued, rate, price)` and counts
 * `haircutDown(value, collateralFactor)` toward initial and `haircutDown(value, liquidationFactor)`
 * toward maintenance margin; each position contributes its `unrealizedPnl` and
 * `marginUp(notionalUp(size, price), rate)` of initial and maintenance margin. Health, free
 * collateral and the largest liquidation follow MarginLedger and RiskEngine.
 *
 * Throws MissingConfigError for a ledger (or a market with a position) the config lacks,
 * MissingPriceError for a market without a price, MissingRateError for a share without a rate.
 * Listed collateral without a price counts as zero and frees nothing, like a stale feed.
 */
export function valueAccount(view: AccountView, config: MarginConfig, prices: Prices): AccountValuation {
  return {
    address: view.address,
    ledgers: view.ledgers.map((ledger) => {
      const valuation = valueLedger(ledger, ledgerConfig(config, ledger.ledgerEid), prices, true);
      return { ...valuation, equity: equity(valuation.health) };
    }),
  };
}
