import type { Decimals } from "../math/decimals.js";

/** An oracle answer and its decimals. */
export interface PriceQuote {
  answer: bigint;
  decimals: Decimals;
}

/**
 * Prices by price id: the name a collateral or market config refers to (e.g. "ETH/USD"), and the
 * key stress scenarios shock. A listed collateral without a price counts as zero, like a stale
 * feed in `MarginLedger.health`.
 */
export type Prices = Readonly<Record<string, PriceQuote>>;

/** Risk parameters of one collateral on one ledger (`RiskEngine.CollateralConfig`). */
export interface CollateralRiskConfig {
  /** Chain of the vault holding the tokens. */
  srcEid: number;
  /** The asset on its source chain (any case). */
  asset: string;
  /** Price of the value-bearing token (the underlying of a share), a key of {@link Prices}. */
  priceId: string;
  /** Decimals of the value-bearing token (the underlying of a share). */
  tokenDecimals: Decimals;
  /** An ERC-4626 share, valued through its rate. */
  isShare: boolean;
  /** The share's rate (assets per 1e18 shares); default: the rate the projection saw the ledger apply. */
  rate?: bigint;
  /** Stress factor of the share's rate (a depeg), a key scenarios may shock like a price id. */
  rateId?: string;
  /** Initial margin haircut (WAD). */
  collateralFactor: bigint;
  /** Maintenance haircut (WAD). */
  liquidationFactor: bigint;
  /** Extra collateral a liquidator receives per quote repaid (WAD). */
  liquidationBonus: bigint;
}

/** Margin parameters of one market on one ledger (`PerpMarket.MarketConfig`). */
export interface MarketRiskConfig {
  /** The market contract (any case). */
  market: string;
  /** Its mark price, a key of {@link Prices}. */
  priceId: string;
  /** WAD. */
  initialMarginRate: bigint;
  /** WAD. */
  maintenanceMarginRate: bigint;
}

/** Everything one ledger values with. Collateral it does not list counts as zero (parked-like). */
export interface LedgerRiskConfig {
  ledgerEid: number;
  /** Decimals of the ledger's quote token: the unit of every value. */
  quoteDecimals: Decimals;
  collaterals: readonly CollateralRiskConfig[];
  markets: readonly MarketRiskConfig[];
}

/** Risk configuration of every ledger an account is valued on. */
export interface MarginConfig {
  ledgers: readonly LedgerRiskConfig[];
}
