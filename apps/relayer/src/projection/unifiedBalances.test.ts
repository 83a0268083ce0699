import type { InFlightMessage } from "@ballast/margin";
import type { GetAccountReturnType, LedgerAccount } from "@ballast/sdk";
import { getAddress } from "viem";
import { describe, expect, test } from "vitest";
import { unifiedBalances } from "./unifiedBalances.js";

const usdc = getAddress("0x00000000000000000000000000000000000000aa");
const weth = getAddress("0x00000000000000000000000000000000000000bb");
const account = getAddress("0x00000000000000000000000000000000000a11ce");
const guid = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as const;

function ledger(eid: number, collateral: LedgerAccount["collateral"]): LedgerAccount {
  const zero = {
    collateralValue: 0n,
    initialCollateral: 0n,
    maintenanceCollateral: 0n,
    cash: 0n,
    unrealizedPnl: 0n,
    initialMargin: 0n,
    maintenanceMargin: 0n,
  };
  return {
    eid,
    name: String(eid),
    blockNumber: 1n,
    quoteDecimals: 6,
    cash: 0n,
    collateral,
    positions: [],
    lpShares: [],
    health: zero,
    equity: 0n,
    initialHealth: 0n,
    maintenanceHealth: 0n,
    liquidatable: false,
  };
}

function collateral(
  srcEid: number,
  asset: typeof usdc,
  valued: bigint,
  parked = 0n,
): LedgerAccount["collateral"][number] {
  return {
    srcEid,
    asset,
    valued,
    parked,
    listed: true,
    price: 1n,
    rate: 1n,
    value: valued * 2n,
    initialCollateral: 0n,
    maintenanceCollateral: 0n,
    free: valued,
  };
}

function message(
  kind: "lock" | "release",
  vaultEid: number,
  ledgerEid: number,
  asset: string,
  amount: bigint,
  n: number,
): InFlightMessage {
  return {
    guid: guid(n),
    kind,
    vaultEid,
    ledgerEid,
    asset: asset.toLowerCase() as `0x${string}`, // margin returns lowercase addresses
    account: account.toLowerCase() as `0x${string}`, // idem
    amount,
    sentIn: { chainId: 1, blockHash: guid(100 + n), logIndex: 0 },
  };
}

describe("unifiedBalances", () => {
  test("live collateral and in-flight messages summed per (ledger, vault chain, asset), sorted", () => {
    const live: GetAccountReturnType = {
      account,
      ledgers: [ledger(1, []), ledger(2, [collateral(1, usdc, 70n, 5n), collateral(3, weth, 9n)])],
      vaults: [],
    };
    const rows = unifiedBalances(live, [
      message("lock", 1, 2, usdc, 50n, 1),
      message("lock", 1, 2, usdc, 10n, 2),
      message("release", 1, 2, usdc, 30n, 3),
      message("lock", 3, 1, weth, 4n, 4),
    ]);
    expect(rows).toEqual([
      {
        ledgerEid: 1,
        srcEid: 3,
        asset: weth,
        valued: "0",
        parked: "0",
        value: "0",
        free: "0",
        inFlightLock: "4",
        inFlightRelease: "0",
      },
      {
        ledgerEid: 2,
        srcEid: 1,
        asset: usdc,
        valued: "70",
        parked: "5",
        value: "140",
        free: "70",
        inFlightLock: "60",
        inFlightRelease: "30",
      },
      {
        ledgerEid: 2,
        srcEid: 3,
        asset: weth,
        valued: "9",
        parked: "0",
        value: "18",
        free: "9",
        inFlightLock: "0",
        inFlightRelease: "0",
      },
    ]);
  });
});
