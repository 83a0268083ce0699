import type { LedgerAccount } from "@ballast/sdk";
import { getAddress } from "viem";
import type { AccountLedgerReport } from "./AccountReport.js";

/** The API shape of one ledger of the sdk's live account: amounts as decimal strings, addresses checksummed. */
export function toAccountLedgerReport(ledger: LedgerAccount): AccountLedgerReport {
  const { health } = ledger;
  return {
    eid: ledger.eid,
    name: ledger.name,
    blockNumber: ledger.blockNumber.toString(),
    quoteDecimals: ledger.quoteDecimals,
    cash: ledger.cash.toString(),
    collateral: ledger.collateral.map((c) => ({
      srcEid: c.srcEid,
      asset: getAddress(c.asset),
      valued: c.valued.toString(),
      parked: c.parked.toString(),
      listed: c.listed,
      price: c.price?.toString() ?? null,
      rate: c.rate?.toString() ?? null,
      value: c.value.toString(),
      initialCollateral: c.initialCollateral.toString(),
      maintenanceCollateral: c.maintenanceCollateral.toString(),
      free: c.free.toString(),
    })),
    positions: ledger.positions.map((p) => ({
      market: getAddress(p.market),
      size: p.size.toString(),
      openNotional: p.openNotional.toString(),
      price: p.price.toString(),
      priceOk: p.priceOk,
      unrealizedPnl: p.unrealizedPnl.toString(),
      notional: p.notional.toString(),
      initialMargin: p.initialMargin.toString(),
      maintenanceMargin: p.maintenanceMargin.toString(),
    })),
    lpShares: ledger.lpShares.map(({ market, shares }) => ({
      market: getAddress(market),
      shares: shares.toString(),
    })),
    health: {
      collateralValue: health.collateralValue.toString(),
      initialCollateral: health.initialCollateral.toString(),
      maintenanceCollateral: health.maintenanceCollateral.toString(),
      cash: health.cash.toString(),
      unrealizedPnl: health.unrealizedPnl.toString(),
      initialMargin: health.initialMargin.toString(),
      maintenanceMargin: health.maintenanceMargin.toString(),
    },
    equity: ledger.equity.toString(),
    initialHealth: ledger.initialHealth.toString(),
    maintenanceHealth: ledger.maintenanceHealth.toString(),
    liquidatable: ledger.liquidatable,
  };
}
