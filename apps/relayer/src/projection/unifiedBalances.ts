import type { InFlightMessage } from "@ballast/margin";
import type { GetAccountReturnType } from "@ballast/sdk";
import { type Address, getAddress } from "viem";
import type { AccountBalanceReport } from "./AccountReport.js";

interface BalanceAccumulator {
  ledgerEid: number;
  srcEid: number;
  asset: Address;
  valued: bigint;
  parked: bigint;
  value: bigint;
  free: bigint;
  inFlightLock: bigint;
  inFlightRelease: bigint;
}

/**
 * The unified balance of an account per (ledger chain, vault chain, asset): the live collateral of
 * `live` (valued, parked, value, free) and the LOCKs and RELEASEs of `inFlight` (the projection's)
 * summed on the lane they travel, a LOCK toward its ledger, a RELEASE from it. Sorted by ledger,
 * vault chain, asset; amounts as decimal strings.
 */
export function unifiedBalances(
  live: GetAccountReturnType,
  inFlight: readonly InFlightMessage[],
): AccountBalanceReport[] {
  const rows = new Map<string, BalanceAccumulator>();
  const row = (ledgerEid: number, srcEid: number, asset: string): BalanceAccumulator => {
    const key = `${ledgerEid}:${srcEid}:${asset.toLowerCase()}`;
    let found = rows.get(key);
    if (found === undefined) {
      found = {
        ledgerEid,
        srcEid,
        asset: getAddress(asset),
        valued: 0n,
        parked: 0n,
        value: 0n,
        free: 0n,
        inFlightLock: 0n,
        inFlightRelease: 0n,
      };
      rows.set(key, found);
    }
    return found;
  };
  for (const ledger of live.ledgers) {
    for (const collateral of ledger.collateral) {
      const entry = row(ledger.eid, collateral.srcEid, collateral.asset);
      entry.valued += collateral.valued;
      entry.parked += collateral.parked;
      entry.value += collateral.value;
      entry.free += collateral.free;
    }
  }
  for (const message of inFlight) {
    const entry = row(message.ledgerEid, message.vaultEid, message.asset);
    if (message.kind === "lock") entry.inFlightLock += message.amount;
    else entry.inFlightRelease += message.amount;
  }
  return [...rows.values()]
    .sort(
      (x, y) =>
        x.ledgerEid - y.ledgerEid ||
        x.srcEid - y.srcEid ||
        (x.asset.toLowerCase() < y.asset.toLowerCase() ? -1 : 1),
    )
    .map((entry) => ({
      ledgerEid: entry.ledgerEid,
      srcEid: entry.srcEid,
      asset: entry.asset,
      valued: entry.valued.toString(),
      parked: entry.parked.toString(),
      value: entry.value.toString(),
      free: entry.free.toString(),
      inFlightLock: entry.inFlightLock.toString(),
      inFlightRelease: entry.inFlightRelease.toString(),
    }));
}
