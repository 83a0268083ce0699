import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors.js";
import { applyEvents } from "../projection/applyEvents.js";
import { createProjection } from "../projection/createProjection.js";
import { getAccount } from "../projection/getAccount.js";
import { address, bytes32, ChainLog } from "../test/chainLog.js";
import { alice, B, config, eventsUpTo, pricesAt, WAD } from "../test/scenario.js";
import { accountHealth } from "../valuation/accountHealth.js";
import type { MarginConfig } from "../valuation/marginConfig.js";
import { shockPrices } from "./shockPrices.js";
import { stressAccount } from "./stressAccount.js";
import { perAssetScenarios, type StressScenario } from "./stressScenario.js";

const pct = (n: bigint) => n * 10n ** 16n;

// alice after opening: 2 WETH, 10 ETH long at 30000, no cash. At 3000: initial health 1800e6, maintenance 3600e6.
const view = getAccount(applyEvents(createProjection(), eventsUpTo("open")), alice);
const prices = pricesAt(3_000n);

describe("stressAccount", () => {
  it("values the account under each scenario, to the wei", () => {
    const scenarios: StressScenario[] = [
      ...perAssetScenarios(["ETH/USD"], [pct(-10n), pct(-20n), pct(10n)]),
      { name: "USDC depeg alone", shocks: { "USDC/USD": pct(-50n) } },
      { name: "ETH and USDC together", shocks: { "ETH/USD": pct(-20n), "USDC/USD": pct(-1n) } },
    ];
    const result = stressAccount(view, config, prices, scenarios);
    const figures = result.outcomes.map((o) => [
      o.scenario,
      o.ledgers[0]?.maintenanceHealth,
      o.ledgers[0]?.shortfall,
    ]);
    expect(figures).toEqual([
      // 2700: pnl -3000e6, 5400e6 * 85% = 4590e6, MM 5% of 27000e6 = 1350e6.
      ["ETH/USD -10%", 240_000_000n, 0n],
      // 2400: pnl -6000e6, 4080e6, MM 1200e6.
      ["ETH/USD -20%", -3_120_000_000n, 3_120_000_000n],
      // 3300: pnl +3000e6, 5610e6, MM 1650e6.
      ["ETH/USD +10%", 6_960_000_000n, 0n],
      ["USDC depeg alone", 3_600_000_000n, 0n],
      ["ETH and USDC together", -3_120_000_000n, 3_120_000_000n],
    ]);
    expect(result.outcomes[0]?.ledgers[0]).toMatchObject({
      ledgerEid: B,
      initialHealth: -1_380_000_000n,
      liquidatable: false,
    });
    expect(result.outcomes[1]?.ledgers[0]?.liquidatable).toBe(true);
    expect(result.worst).toEqual({
      scenario: "ETH/USD -20%",
      ledgerEid: B,
      maintenanceHealth: -3_120_000_000n,
      shortfall: 3_120_000_000n,
    });
  });

  it("matches accountHealth at the shocked prices", () => {
    const scenario = { name: "ETH -37%", shocks: { "ETH/USD": pct(-37n) } };
    const [outcome] = stressAccount(view, config, prices, [scenario]).outcomes;
    const [health] = accountHealth(view, config, shockPrices(prices, scenario.shocks));
    expect(outcome?.ledgers[0]).toEqual({ ...health, shortfall: 0n - (health?.maintenanceHealth ?? 0n) });
  });

  it("shocks a share's rate through its rateId (a depeg), besides its underlying's price", () => {
    const b = new ChainLog(B);
    const share = address("c", 3);
    const state = applyEvents(createProjection(), [
      b.block(1n).emit("RateUpdated", { srcEid: B, asset: share, reported: WAD, applied: WAD, nonce: 0n }),
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
          ledgerEid: B,
          quoteDecimals: 6,
          markets: [],
          collaterals: [
            {
              srcEid: B,
              asset: share,
              priceId: "ETH/USD",
              rateId: "stETH/ETH",
              tokenDecimals: 18,
              isShare: true,
              collateralFactor: pct(50n),
              liquidationFactor: pct(60n),
              liquidationBonus: pct(5n),
            },
          ],
        },
      ],
    };
    const result = stressAccount(getAccount(state, alice), shareConfig, prices, [
      { name: "depeg", shocks: { "stETH/ETH": pct(-10n) } },
      { name: "depeg and crash", shocks: { "stETH/ETH": pct(-10n), "ETH/USD": pct(-50n) } },
    ]);
    // 0.9 ETH at 3000 = 2700e6; at 1500 = 1350e6.
    expect(result.outcomes.map((o) => o.ledgers[0]?.health.collateralValue)).toEqual([
      2_700_000_000n,
      1_350_000_000n,
    ]);
  });

  it("gives no worst case without scenarios", () => {
    expect(stressAccount(view, config, prices, [])).toEqual({ address: alice, outcomes: [] });
  });
});

describe("shockPrices", () => {
  it("moves each price by its shock, rounded down and floored at zero", () => {
    const shocked = shockPrices(
      { a: { answer: 999n, decimals: 8 }, b: { answer: 100n, decimals: 6 }, c: { answer: 7n, decimals: 0 } },
      { a: pct(-50n), b: pct(-150n) },
    );
    expect(shocked).toEqual({
      a: { answer: 499n, decimals: 8 },
      b: { answer: 0n, decimals: 6 },
      c: { answer: 7n, decimals: 0 },
    });
  });
});

describe("perAssetScenarios", () => {
  it("names each single-asset shock and refuses -100% or below", () => {
    expect(
      perAssetScenarios(["ETH/USD", "BTC/USD"], [pct(-30n), 125n * 10n ** 15n]).map((s) => s.name),
    ).toEqual(["ETH/USD -30%", "ETH/USD +12.5%", "BTC/USD -30%", "BTC/USD +12.5%"]);
    expect(perAssetScenarios(["X"], [-1n])[0]).toEqual({ name: "X -0%", shocks: { X: -1n } });
    expect(() => perAssetScenarios(["X"], [-WAD])).toThrow(InvalidInputError);
  });
});
