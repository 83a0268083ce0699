import { describe, expect, it } from "vitest";
import { MissingConfigError, MissingPriceError, MissingRateError } from "../errors.js";
import { applyEvents } from "../projection/applyEvents.js";
import { createProjection } from "../projection/createProjection.js";
import { getAccount } from "../projection/getAccount.js";
import { address, bytes32, ChainLog } from "../test/chainLog.js";
import { A, alice, B, config, eventsUpTo, market, pricesAt, WAD, weth } from "../test/scenario.js";
import { accountHealth } from "./accountHealth.js";
import type { MarginConfig } from "./marginConfig.js";
import { valueAccount } from "./valueAccount.js";

const aliceAt = (step: Parameters<typeof eventsUpTo>[0]) =>
  getAccount(applyEvents(createProjection(), eventsUpTo(step)), alice);

describe("valueAccount", () => {
  it("values the scenario's account to the wei: 2 WETH and 5 ETH long at 15000 with ETH at 2200", () => {
    const [ledger] = valueAccount(aliceAt("reduce"), config, pricesAt(2_200n)).ledgers;
    expect(ledger?.health).toEqual({
      collateralValue: 4_400_000_000n, // 2 * 2200
      initialCollateral: 3_520_000_000n, // * 80%
      maintenanceCollateral: 3_740_000_000n, // * 85%
      cash: -2_500_000_000n,
      unrealizedPnl: -4_000_000_000n, // 5 * 2200 - 15000
      initialMargin: 1_100_000_000n, // 10% of 11000
      maintenanceMargin: 550_000_000n, // 5% of 11000
    });
    expect(ledger).toMatchObject({
      ledgerEid: B,
      initialHealth: -4_080_000_000n,
      maintenanceHealth: -3_310_000_000n,
      equity: -2_100_000_000n,
      liquidatable: true,
    });
    expect(ledger?.positions).toEqual([
      {
        market,
        size: 5n * WAD,
        openNotional: 15_000_000_000n,
        price: 2_200n * 10n ** 8n,
        unrealizedPnl: -4_000_000_000n,
        notional: 11_000_000_000n,
        initialMargin: 1_100_000_000n,
        maintenanceMargin: 550_000_000n,
      },
    ]);
    // Below initial margin nothing is free; the largest liquidation repays the whole debt for
    // 2500e6 * 1.05 / 2200 WETH = 1.193181818181818181 WETH.
    expect(ledger?.collateral).toEqual([
      {
        srcEid: A,
        asset: weth,
        valued: 2n * WAD,
        parked: 0n,
        listed: true,
        price: 2_200n * 10n ** 8n,
        rate: WAD,
        value: 4_400_000_000n,
        initialCollateral: 3_520_000_000n,
        maintenanceCollateral: 3_740_000_000n,
        free: 0n,
        maxLiquidation: { repaid: 2_500_000_000n, seized: 1_193_181_818_181_818_181n },
      },
    ]);
  });

  it("frees everything without debt or position, and the exact inverse of the haircut with one", () => {
    const idle = valueAccount(aliceAt("credit"), config, pricesAt(3_000n)).ledgers[0];
    expect(idle?.collateral[0]?.free).toBe(2n * WAD);
    expect(idle?.initialHealth).toBe(4_800_000_000n);
    // 10 ETH long at 3000: IM 3000e6, initial health 1800e6; 3000e6 of the 4800e6 contribution must
    // stay, which is 3750e6 of value, 1.25 WETH: 0.75 WETH is free.
    const open = valueAccount(aliceAt("open"), config, pricesAt(3_000n)).ledgers[0];
    expect(open?.initialHealth).toBe(1_800_000_000n);
    expect(open?.collateral[0]?.free).toBe(75n * 10n ** 16n);
    expect(open?.collateral[0]?.maxLiquidation).toBeUndefined();
  });

  it("counts unlisted and unpriced collateral as zero, like MarginLedger.health", () => {
    const view = aliceAt("open");
    const unlisted: MarginConfig = { ledgers: [{ ...firstLedger(config), collaterals: [] }] };
    const [u] = valueAccount(view, unlisted, pricesAt(3_000n)).ledgers;
    expect(u?.collateral[0]).toMatchObject({ listed: false, value: 0n, free: 0n });
    expect(u?.initialHealth).toBe(-3_000_000_000n);
    const { "ETH/USD": eth, ...withoutEth } = pricesAt(3_000n);
    // The market still needs its price.
    expect(() => valueAccount(view, config, withoutEth)).toThrow(MissingPriceError);
    const collateralOnly = aliceAt("credit");
    const [p] = valueAccount(collateralOnly, config, withoutEth).ledgers;
    expect(p?.collateral[0]).toMatchObject({ listed: true, value: 0n, free: 2n * WAD });
    expect(eth?.decimals).toBe(8);
  });

  it("values a share at the rate the projection saw the ledger apply, or the config's", () => {
    const b = new ChainLog(B);
    const share = address("c", 3);
    const state = applyEvents(createProjection(), [
      b.block(1n).emit("RateUpdated", {
        srcEid: B,
        asset: share,
        reported: 11n * 10n ** 17n,
        applied: 11n * 10n ** 17n,
        nonce: 0n,
      }),
      b.emit("Credited", {
        guid: bytes32(0, "0"),
        srcEid: B,
        asset: share,
        account: alice,
        amount: WAD,
        valued: WAD,
        parked: 0n,
      }),
    ]);
    const shareConfig: MarginConfig = {
      ledgers: [
        {
          ...firstLedger(config),
          collaterals: [
            {
              srcEid: B,
              asset: share,
              priceId: "ETH/USD",
              tokenDecimals: 18,
              isShare: true,
              collateralFactor: 5n * 10n ** 17n,
              liquidationFactor: 6n * 10n ** 17n,
              liquidationBonus: 5n * 10n ** 16n,
            },
          ],
        },
      ],
    };
    const view = getAccount(state, alice);
    expect(view.ledgers[0]?.collateral[0]?.rate).toBe(11n * 10n ** 17n);
    // 1 share = 1.1 ETH at 2000 = 2200e6.
    expect(valueAccount(view, shareConfig, pricesAt(2_000n)).ledgers[0]?.health.collateralValue).toBe(
      2_200_000_000n,
    );
    const overridden = {
      ledgers: [
        {
          ...firstLedger(shareConfig),
          collaterals: firstLedger(shareConfig).collaterals.map((c) => ({ ...c, rate: WAD })),
        },
      ],
    };
    expect(valueAccount(view, overridden, pricesAt(2_000n)).ledgers[0]?.health.collateralValue).toBe(
      2_000_000_000n,
    );
    const noRate = {
      ...view,
      ledgers: view.ledgers.map((l) => ({ ...l, collateral: l.collateral.map(({ rate: _r, ...c }) => c) })),
    };
    expect(() => valueAccount(noRate, shareConfig, pricesAt(2_000n))).toThrow(MissingRateError);
  });

  it("needs a config for every ledger and every market with a position", () => {
    expect(() => valueAccount(aliceAt("credit"), { ledgers: [] }, pricesAt(3_000n))).toThrow(
      MissingConfigError,
    );
    const noMarket: MarginConfig = { ledgers: [{ ...firstLedger(config), markets: [] }] };
    expect(() => valueAccount(aliceAt("open"), noMarket, pricesAt(3_000n))).toThrow(MissingConfigError);
  });

  it("accountHealth gives the same figures without the details", () => {
    for (const step of ["credit", "open", "reduce", "liquidate"] as const) {
      const view = aliceAt(step);
      const full = valueAccount(view, config, pricesAt(2_345n)).ledgers;
      expect(accountHealth(view, config, pricesAt(2_345n))).toEqual(
        full.map(({ ledgerEid, health, initialHealth, maintenanceHealth, liquidatable }) => ({
          ledgerEid,
          health,
          initialHealth,
          maintenanceHealth,
          liquidatable,
        })),
      );
    }
  });
});

function firstLedger(c: MarginConfig) {
  const [ledger] = c.ledgers;
  if (ledger === undefined) throw new Error("config without ledgers");
  return ledger;
}
