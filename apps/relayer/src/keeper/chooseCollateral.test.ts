import type { Address } from "viem";
import { describe, expect, test } from "vitest";
import { type CollateralCandidate, chooseCollateral } from "./chooseCollateral.js";

const WAD = 10n ** 18n;
const USDC = 10n ** 6n;
const WETH: Address = "0x00000000000000000000000000000000000000e1";
const STABLE: Address = "0x00000000000000000000000000000000000000c1";

const weth = (valued: bigint): CollateralCandidate => ({
  srcEid: 40_101,
  asset: WETH,
  valued,
  rate: WAD,
  price: 2_600n * 10n ** 8n,
  bonus: WAD / 20n,
  tokenDecimals: 18,
  priceDecimals: 8,
});
const usdc = (valued: bigint): CollateralCandidate => ({
  srcEid: 40_102,
  asset: STABLE,
  valued,
  rate: WAD,
  price: 10n ** 8n,
  bonus: WAD / 50n,
  tokenDecimals: 6,
  priceDecimals: 8,
});

describe("chooseCollateral", () => {
  test("repaying 2,260 against 1 WETH at 2,600 with a 5% bonus (the devnet flow)", () => {
    expect(chooseCollateral({ candidates: [weth(WAD)], maxRepay: 2_260n * USDC, quoteDecimals: 6 })).toEqual({
      srcEid: 40_101,
      asset: WETH,
      repaid: 2_260n * USDC,
      seized: 912_692_307_692_307_692n, // floor(2,373e6 * 1e20 / 2,600e8)
      bonusValue: 113n * USDC - 1n,
    });
  });

  test("a seizure capped at the balance repays only what the balance is worth at the bonus (rounded up)", () => {
    const choice = chooseCollateral({ candidates: [weth(WAD)], maxRepay: 5_000n * USDC, quoteDecimals: 6 });
    // 2,600 / 1.05 = 2,476.190476..., rounded up.
    expect(choice).toEqual({
      srcEid: 40_101,
      asset: WETH,
      repaid: 2_476_190_477n,
      seized: WAD,
      bonusValue: 2_600n * USDC - 2_476_190_477n,
    });
  });

  test("the collateral whose bonus is worth the most wins", () => {
    // 0.01 WETH (26 USDC) earns at most 1.24; 10,000 USDC at 2% on 2,260 earns 45.2.
    const small = chooseCollateral({
      candidates: [weth(WAD / 100n), usdc(10_000n * USDC)],
      maxRepay: 2_260n * USDC,
      quoteDecimals: 6,
    });
    expect(small).toMatchObject({
      asset: STABLE,
      repaid: 2_260n * USDC,
      seized: 2_305_200_000n,
      bonusValue: 45_200_000n,
    });
    // With a whole WETH the 5% bonus beats the 2%.
    const large = chooseCollateral({
      candidates: [usdc(10_000n * USDC), weth(WAD)],
      maxRepay: 2_260n * USDC,
      quoteDecimals: 6,
    });
    expect(large).toMatchObject({ asset: WETH });
  });

  test("a share is seized in shares at its rate", () => {
    const share = { ...weth(WAD), rate: (WAD * 102n) / 100n }; // 1 share = 1.02 WETH
    const choice = chooseCollateral({ candidates: [share], maxRepay: 1_020n * USDC, quoteDecimals: 6 });
    // 1,071 USDC of WETH at 2,600 = 0.411923... WETH = 0.403846... shares.
    expect(choice?.seized).toBe(403_846_153_846_153_846n);
    expect(choice?.repaid).toBe(1_020n * USDC);
  });

  test("nothing to repay, an unpriced or empty collateral, or no bonus: no choice", () => {
    expect(chooseCollateral({ candidates: [weth(WAD)], maxRepay: 0n, quoteDecimals: 6 })).toBeUndefined();
    expect(
      chooseCollateral({
        candidates: [{ ...weth(WAD), price: 0n }, weth(0n)],
        maxRepay: USDC,
        quoteDecimals: 6,
      }),
    ).toBeUndefined();
    expect(
      chooseCollateral({ candidates: [{ ...weth(WAD), bonus: 0n }], maxRepay: USDC, quoteDecimals: 6 }),
    ).toBeUndefined();
    expect(chooseCollateral({ candidates: [], maxRepay: USDC, quoteDecimals: 6 })).toBeUndefined();
  });
});
