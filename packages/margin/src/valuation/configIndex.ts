import { MissingConfigError } from "../errors.js";
import type {
  CollateralRiskConfig,
  LedgerRiskConfig,
  MarginConfig,
  MarketRiskConfig,
} from "./marginConfig.js";

/** A ledger's config with lookups by (srcEid, asset) and by market. */
export interface LedgerConfigIndex {
  config: LedgerRiskConfig;
  /** Keyed `${srcEid}:${lowercase asset}`. */
  collaterals: ReadonlyMap<string, CollateralRiskConfig>;
  /** Keyed by lowercase market address. */
  markets: ReadonlyMap<string, MarketRiskConfig>;
}

const cache = new WeakMap<MarginConfig, ReadonlyMap<number, LedgerConfigIndex>>();

/** The indexed config of `ledgerEid` (built once per config object), or throws MissingConfigError. */
export function ledgerConfig(config: MarginConfig, ledgerEid: number): LedgerConfigIndex {
  let index = cache.get(config);
  if (index === undefined) {
    const built = new Map<number, LedgerConfigIndex>();
    for (const ledger of config.ledgers) {
      built.set(ledger.ledgerEid, {
        config: ledger,
        collaterals: new Map(ledger.collaterals.map((c) => [`${c.srcEid}:${c.asset.toLowerCase()}`, c])),
        markets: new Map(ledger.markets.map((m) => [m.market.toLowerCase(), m])),
      });
    }
    index = built;
    cache.set(config, index);
  }
  const ledger = index.get(ledgerEid);
  if (ledger === undefined) throw new MissingConfigError(`no risk config for ledger ${ledgerEid}`);
  return ledger;
}
