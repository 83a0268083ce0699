import type { AccountView } from "../projection/getAccount.js";
import { ledgerConfig } from "./configIndex.js";
import type { MarginConfig, Prices } from "./marginConfig.js";
import { type LedgerHealth, valueLedger } from "./valueLedger.js";

/**
 * The health of an account on each ledger of its view: the figures of `valueAccount`
 * without the per-collateral and per-position details (free collateral, liquidation amounts),
 * for keepers that scan many accounts. Same errors as valueAccount.
 */
export function accountHealth(view: AccountView, config: MarginConfig, prices: Prices): LedgerHealth[] {
  return view.ledgers.map((ledger) => {
    const { ledgerEid, health, initialHealth, maintenanceHealth, liquidatable } = valueLedger(
      ledger,
      ledgerConfig(config, ledger.ledgerEid),
      prices,
      false,
    );
    return { ledgerEid, health, initialHealth, maintenanceHealth, liquidatable };
  });
}
