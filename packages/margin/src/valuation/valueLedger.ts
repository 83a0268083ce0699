// The valuation of one account on one ledger, as MarginLedger._health and _freeCollateral compute
// it, with the package's mirrored math. Shared by valueAccount (with details) and the stress engine
// (health only).

import { freeBalanceDown } from "../collateral/freeBalance.js";
import { type LiquidationAmountsReturnType, liquidationAmounts } from "../collateral/liquidation.js";
import { collateralValueDown, haircutDown, type ValuationDecimals } from "../collateral/value.js";
import { MissingConfigError, MissingPriceError, MissingRateError } from "../errors.js";
import { type Health, initialHealth, maintenanceHealth } from "../health/health.js";
import { mulDivDown } from "../math/mulDiv.js";
import { WAD } from "../math/uint.js";
import { marginUp, notionalUp, unrealizedPnl } from "../perp/perpMath.js";
import type { Address } from "../projection/address.js";
import type { LedgerAccountView } from "../projection/getAccount.js";
import type { LedgerConfigIndex } from "./configIndex.js";
import type { CollateralRiskConfig, Prices } from "./marginConfig.js";

/** One collateral of a valued account. */
export interface CollateralValuation {
  srcEid: number;
  asset: Address;
  valued: bigint;
  parked: bigint;
  /** The ledger lists the collateral (else it counts as zero). */
  listed: boolean;
  /** The price, when listed and priced (else the collateral counts as zero). */
  price?: bigint;
  /** The rate used (WAD for a plain token), when listed. */
  rate?: bigint;
  /** Value of the valued balance, rounded down. */
  value: bigint;
  /** value * collateralFactor, rounded down. */
  initialCollateral: bigint;
  /** value * liquidationFactor, rounded down. */
  maintenanceCollateral: bigint;
  /** Most of the balance (valued + parked) the account can release now (`MarginLedger.freeCollateral`). */
  free: bigint;
  /** When the account is liquidatable and in debt: the largest liquidation of this collateral. */
  maxLiquidation?: LiquidationAmountsReturnType;
}

/** One position of a valued account. */
export interface PositionValuation {
  market: Address;
  size: bigint;
  openNotional: bigint;
  price: bigint;
  unrealizedPnl: bigint;
  /** |size| * price, rounded up. */
  notional: bigint;
  initialMargin: bigint;
  maintenanceMargin: bigint;
}

/** Health of an account on one ledger. */
export interface LedgerHealth {
  ledgerEid: number;
  health: Health;
  /** cash + pnl + initialCollateral - initialMargin. */
  initialHealth: bigint;
  /** cash + pnl + maintenanceCollateral - maintenanceMargin. */
  maintenanceHealth: bigint;
  /** maintenanceHealth < 0. */
  liquidatable: boolean;
}

/** What valueLedger returns: the health, and details when asked. */
export interface LedgerValuationCore extends LedgerHealth {
  collateral: CollateralValuation[];
  positions: PositionValuation[];
}

/** Multiplies `value` by (1 + shock), rounded down and floored at zero. */
export function shockDown(value: bigint, shock: bigint | undefined): bigint {
  if (shock === undefined || shock === 0n) return value;
  const factor = WAD + shock;
  return factor <= 0n ? 0n : mulDivDown(value, factor, WAD);
}

function rateOf(
  config: CollateralRiskConfig,
  seen: bigint | undefined,
  ledgerEid: number,
  shocks?: Readonly<Record<string, bigint>>,
): bigint {
  if (!config.isShare) return WAD;
  const rate = config.rate ?? seen;
  if (rate === undefined) {
    throw new MissingRateError(
      `no rate for share ${config.asset} from ${config.srcEid} on ledger ${ledgerEid}`,
    );
  }
  return config.rateId === undefined || shocks === undefined ? rate : shockDown(rate, shocks[config.rateId]);
}

/**
 * Values `view` like `MarginLedger.health` (collateral without a price counts as zero) and, with
 * `detail`, lists each collateral's value, free amount and largest liquidation and each position's
 * margins. `shocks` applies to share rates with a `rateId` (prices come already shocked).
 */
export function valueLedger(
  view: LedgerAccountView,
  index: LedgerConfigIndex,
  prices: Prices,
  detail: boolean,
  shocks?: Readonly<Record<string, bigint>>,
): LedgerValuationCore {
  const { ledgerEid, quoteDecimals } = index.config;
  let collateralValue = 0n;
  let initialCollateral = 0n;
  let maintenanceCollateral = 0n;
  let allPriced = true;
  const collateral: CollateralValuation[] = [];
  const decimalsOf: ValuationDecimals[] = [];
  for (const c of view.collateral) {
    const config = index.collaterals.get(`${c.srcEid}:${c.asset.toLowerCase()}`);
    const quote = config === undefined ? undefined : prices[config.priceId];
    let value = 0n;
    let initial = 0n;
    let maintenance = 0n;
    let rate: bigint | undefined;
    if (config !== undefined) {
      rate = rateOf(config, c.rate, ledgerEid, shocks);
      if (quote === undefined) {
        if (c.valued > 0n) allPriced = false;
      } else if (c.valued > 0n) {
        const decimals = {
          tokenDecimals: config.tokenDecimals,
          priceDecimals: quote.decimals,
          quoteDecimals,
        };
        value = collateralValueDown(c.valued, rate, quote.answer, decimals);
        initial = haircutDown(value, config.collateralFactor);
        maintenance = haircutDown(value, config.liquidationFactor);
        if (detail) decimalsOf[collateral.length] = decimals;
      }
    }
    collateralValue += value;
    initialCollateral += initial;
    maintenanceCollateral += maintenance;
    if (detail) {
      collateral.push({
        srcEid: c.srcEid,
        asset: c.asset,
        valued: c.valued,
        parked: c.parked,
        listed: config !== undefined,
        ...(quote === undefined || config === undefined ? {} : { price: quote.answer }),
        ...(rate === undefined ? {} : { rate }),
        value,
        initialCollateral: initial,
        maintenanceCollateral: maintenance,
        free: 0n,
      });
    }
  }

  let pnl = 0n;
  let initialMargin = 0n;
  let maintenanceMargin = 0n;
  const positions: PositionValuation[] = [];
  for (const p of view.positions) {
    if (p.size === 0n) continue;
    const market = index.markets.get(p.market.toLowerCase());
    if (market === undefined)
      throw new MissingConfigError(`no config for market ${p.market} on ledger ${ledgerEid}`);
    const quote = prices[market.priceId];
    if (quote === undefined) throw new MissingPriceError(`no price ${market.priceId} for market ${p.market}`);
    const decimals = { priceDecimals: quote.decimals, quoteDecimals };
    const positionPnl = unrealizedPnl(p.size, p.openNotional, quote.answer, decimals);
    const notional = notionalUp(p.size, quote.answer, decimals);
    const im = marginUp(notional, market.initialMarginRate);
    const mm = marginUp(notional, market.maintenanceMarginRate);
    pnl += positionPnl;
    initialMargin += im;
    maintenanceMargin += mm;
    if (detail) {
      positions.push({
        market: p.market,
        size: p.size,
        openNotional: p.openNotional,
        price: quote.answer,
        unrealizedPnl: positionPnl,
        notional,
        initialMargin: im,
        maintenanceMargin: mm,
      });
    }
  }

  const health: Health = {
    collateralValue,
    initialCollateral,
    maintenanceCollateral,
    cash: view.cash,
    unrealizedPnl: pnl,
    initialMargin,
    maintenanceMargin,
  };
  const initial = initialHealth(health);
  const maintenance = maintenanceHealth(health);
  const liquidatable = maintenance < 0n;
  if (detail) {
    const hasPosition = positions.length > 0;
    for (const [i, c] of collateral.entries()) {
      c.free = freeCollateral(
        c,
        view.cash,
        hasPosition,
        allPriced ? initial : undefined,
        index,
        decimalsOf[i],
      );
      const decimals = decimalsOf[i];
      const config = index.collaterals.get(`${c.srcEid}:${c.asset.toLowerCase()}`);
      if (
        liquidatable &&
        view.cash < 0n &&
        decimals &&
        config &&
        c.price !== undefined &&
        (c.rate ?? 0n) > 0n
      ) {
        c.maxLiquidation = liquidationAmounts({
          maxRepay: -view.cash,
          available: c.valued,
          bonus: config.liquidationBonus,
          rate: c.rate ?? WAD,
          price: c.price,
          decimals,
        });
      }
    }
  }
  return {
    ledgerEid,
    health,
    initialHealth: initial,
    maintenanceHealth: maintenance,
    liquidatable,
    collateral,
    positions,
  };
}

/**
 * `MarginLedger._freeCollateral`: everything when the account owes nothing and has no position;
 * otherwise nothing below initial margin (or when a price it needs is missing, as the strict health
 * reverts), the parked part always, and the valued part by the exact inverse of its haircut.
 */
function freeCollateral(
  c: CollateralValuation,
  cash: bigint,
  hasPosition: boolean,
  health: bigint | undefined,
  index: LedgerConfigIndex,
  decimals: ValuationDecimals | undefined,
): bigint {
  if (cash >= 0n && !hasPosition) return c.valued + c.parked;
  if (health === undefined || health < 0n) return 0n;
  if (c.valued === 0n) return c.parked;
  const config = index.collaterals.get(`${c.srcEid}:${c.asset.toLowerCase()}`);
  if (config === undefined) return c.valued + c.parked;
  if (c.price === undefined || c.rate === undefined || decimals === undefined) return c.parked;
  return freeBalanceDown(c.valued, health, config.collateralFactor, c.rate, c.price, decimals) + c.parked;
}
