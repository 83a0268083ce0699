// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {MarginMathLib} from "../../../contracts/libraries/MarginMathLib.sol";
import {MarginMathHarness} from "../../../contracts/testing/MarginMathHarness.sol";

/// @dev The shared harness plus two helpers these tests need.
contract MarginMathTestHarness is MarginMathHarness {
    function contribution(uint256 b, uint256 f, uint256 r, uint256 p, uint8 td, uint8 pd, uint8 qd)
        public
        pure
        returns (uint256)
    {
        return MarginMathLib.haircutDown(MarginMathLib.collateralValueDown(b, r, p, td, pd, qd), f);
    }

    function healths(MarginMathLib.Health memory h) external pure returns (int256, int256, int256) {
        return (MarginMathLib.initialHealth(h), MarginMathLib.maintenanceHealth(h), MarginMathLib.equity(h));
    }
}

contract MarginMathLibTest is Test {
    MarginMathTestHarness internal m;

    uint256 internal constant WAD = 1e18;
    uint256 internal constant MAX_AMOUNT = 1e30;

    /// @dev One fuzzed market: decimals drawn from {6, 8, 18}, a price of at most 1e9 whole quote units.
    struct Market {
        uint8 td;
        uint8 pd;
        uint8 qd;
        uint256 price;
    }

    function setUp() public {
        m = new MarginMathTestHarness();
    }

    function _dec(uint256 seed) internal pure returns (uint8) {
        uint256 i = seed % 3;
        return i == 0 ? 6 : i == 1 ? 8 : 18;
    }

    function _market(uint256 decSeed, uint256 priceSeed) internal pure returns (Market memory mk) {
        mk.td = _dec(decSeed);
        mk.pd = _dec(decSeed / 3);
        mk.qd = _dec(decSeed / 9);
        mk.price = bound(priceSeed, 1, 10 ** (uint256(mk.pd) + 9));
    }

    // ------------------------------------------------------------ exact values

    function test_toValueDown_exactValues() public view {
        // 1 WETH at $3,000 (8-decimal feed) is 3,000 USDC.
        assertEq(m.toValueDown(1e18, 3_000e8, 18, 8, 6), 3_000e6);
        // 1 wei of WETH is worth 3e-9 USDC units: 0 down, 1 up.
        assertEq(m.toValueDown(1, 3_000e8, 18, 8, 6), 0);
        assertEq(m.toValueUp(1, 3_000e8, 18, 8, 6), 1);
        // Fewer input decimals than quote decimals: exact multiplication.
        assertEq(m.toValueDown(1e6, 1e6, 6, 6, 18), 1e18);
        assertEq(m.toValueUp(3, 7, 6, 6, 18), 21e6);
        assertEq(m.toAmountDown(21e6 + 1, 7, 6, 6, 18), 3);
        assertEq(m.toAmountUp(21e6 + 1, 7, 6, 6, 18), 4);
    }

    function test_collateralValue_convertsSharesFirst() public view {
        // 2 shares at 1.05 assets per share, ETH at $2,000: 4,200 USDC.
        assertEq(m.collateralValueDown(2e18, 1.05e18, 2_000e8, 18, 8, 6), 4_200e6);
        // 3 wei of shares at rate 0.5: 1.5 assets -> 1 down, 2 up.
        assertEq(m.collateralValueDown(3, 0.5e18, 1e8, 18, 8, 18), 1);
        assertEq(m.collateralValueUp(3, 0.5e18, 1e8, 18, 8, 18), 2);
    }

    function test_seizeAmountDown_exactValue() public view {
        // Repay 1,000 USDC at 5% bonus, ETH at $2,000: 1,050 USDC of ETH = 0.525 ETH.
        assertEq(m.seizeAmountDown(1_000e6, 0.05e18, WAD, 2_000e8, 18, 8, 6), 0.525e18);
        // Through a share at rate 1.1: 0.525 / 1.1 shares, rounded down.
        assertEq(m.seizeAmountDown(1_000e6, 0.05e18, 1.1e18, 2_000e8, 18, 8, 6), 477_272_727_272_727_272);
    }

    function test_repayForSeizeUp_exactValue() public view {
        // 1 ETH at $2,000 with a 5% bonus costs ceil(2,000 / 1.05) USDC.
        assertEq(m.repayForSeizeUp(1e18, 0.05e18, WAD, 2_000e8, 18, 8, 6), 1_904_761_905);
    }

    function test_healths_formulas() public view {
        MarginMathLib.Health memory h = MarginMathLib.Health({
            collateralValue: 1_000,
            initialCollateral: 800,
            maintenanceCollateral: 850,
            cash: -100,
            unrealizedPnl: -50,
            initialMargin: 300,
            maintenanceMargin: 150
        });
        (int256 initial, int256 maintenance, int256 equity) = m.healths(h);
        assertEq(initial, -100 - 50 + 800 - 300);
        assertEq(maintenance, -100 - 50 + 850 - 150);
        assertEq(equity, -100 - 50 + 1_000);
    }

    // ------------------------------------------------------------ value <-> amount

    function testFuzz_toValue_upIsDownOrDownPlusOne(uint256 decSeed, uint256 priceSeed, uint256 amount) public view {
        Market memory mk = _market(decSeed, priceSeed);
        amount = bound(amount, 0, MAX_AMOUNT);
        uint256 down = m.toValueDown(amount, mk.price, mk.td, mk.pd, mk.qd);
        uint256 up = m.toValueUp(amount, mk.price, mk.td, mk.pd, mk.qd);
        assertLe(down, up);
        assertLe(up - down, 1);
    }

    /// @dev toAmountUp(v) is the smallest amount whose value (rounded down) reaches v.
    function testFuzz_toAmountUp_isSmallestAmountReachingValue(uint256 decSeed, uint256 priceSeed, uint256 value)
        public
        view
    {
        Market memory mk = _market(decSeed, priceSeed);
        value = bound(value, 0, MAX_AMOUNT);
        uint256 a = m.toAmountUp(value, mk.price, mk.td, mk.pd, mk.qd);
        assertGe(m.toValueDown(a, mk.price, mk.td, mk.pd, mk.qd), value, "reaches the value");
        if (a > 0) assertLt(m.toValueDown(a - 1, mk.price, mk.td, mk.pd, mk.qd), value, "smallest");
    }

    /// @dev toAmountDown(v) is the largest amount whose value (rounded up) stays within v.
    function testFuzz_toAmountDown_isLargestAmountWithinValue(uint256 decSeed, uint256 priceSeed, uint256 value)
        public
        view
    {
        Market memory mk = _market(decSeed, priceSeed);
        value = bound(value, 0, MAX_AMOUNT);
        uint256 a = m.toAmountDown(value, mk.price, mk.td, mk.pd, mk.qd);
        assertLe(m.toValueUp(a, mk.price, mk.td, mk.pd, mk.qd), value, "within the value");
        assertGt(m.toValueUp(a + 1, mk.price, mk.td, mk.pd, mk.qd), value, "largest");
        assertLe(a, m.toAmountUp(value, mk.price, mk.td, mk.pd, mk.qd));
    }

    // ------------------------------------------------------------ exact inverse of the haircut contribution

    function testFuzz_minBalanceForContributionUp_isExactInverse(
        uint256 decSeed,
        uint256 priceSeed,
        uint256 target,
        uint256 factor,
        uint256 rate
    ) public view {
        Market memory mk = _market(decSeed, priceSeed);
        target = bound(target, 0, 1e24);
        factor = bound(factor, 0.01e18, WAD);
        rate = bound(rate, 0.001e18, 1_000e18);
        uint256 b = m.minBalanceForContributionUp(target, factor, rate, mk.price, mk.td, mk.pd, mk.qd);
        assertGe(m.contribution(b, factor, rate, mk.price, mk.td, mk.pd, mk.qd), target, "contributes enough");
        if (b > 0) {
            assertLt(m.contribution(b - 1, factor, rate, mk.price, mk.td, mk.pd, mk.qd), target, "smallest balance");
        }
    }

    /// @dev What freeBalanceDown lets leave keeps health >= 0, and one unit more would not.
    function testFuzz_freeBalanceDown_isTheMostThatKeepsHealth(
        uint256 decSeed,
        uint256 priceSeed,
        uint256 balance,
        uint256 healthSeed,
        uint256 factor,
        uint256 rate
    ) public view {
        Market memory mk = _market(decSeed, priceSeed);
        balance = bound(balance, 0, MAX_AMOUNT);
        factor = bound(factor, 0.01e18, WAD);
        rate = bound(rate, 0.001e18, 1_000e18);
        uint256 c = m.contribution(balance, factor, rate, mk.price, mk.td, mk.pd, mk.qd);
        // Health from zero to a bit above the asset's whole contribution.
        int256 health = int256(bound(healthSeed, 0, c + c / 10 + 1));

        uint256 free = m.freeBalanceDown(balance, health, factor, rate, mk.price, mk.td, mk.pd, mk.qd);
        assertLe(free, balance);
        uint256 remaining = balance - free;
        // health after = health - c + contribution(remaining) >= 0
        assertGe(
            health - int256(c) + int256(m.contribution(remaining, factor, rate, mk.price, mk.td, mk.pd, mk.qd)),
            0,
            "stays healthy"
        );
        if (remaining > 0) {
            assertLt(
                health - int256(c) + int256(m.contribution(remaining - 1, factor, rate, mk.price, mk.td, mk.pd, mk.qd)),
                0,
                "one unit more breaks initial margin"
            );
        }
    }

    function testFuzz_freeBalanceDown_zeroWhenUnhealthy(uint256 balance, int256 health) public view {
        health = bound(health, type(int256).min, -1);
        assertEq(m.freeBalanceDown(balance, health, 0.8e18, WAD, 3_000e8, 18, 8, 6), 0);
    }

    function test_freeBalanceDown_wholeBalanceWhenNoHaircutContribution() public view {
        assertEq(m.freeBalanceDown(123, 0, 0, WAD, 3_000e8, 18, 8, 6), 123, "factor 0 contributes nothing");
        assertEq(m.freeBalanceDown(123, 0, 0.8e18, 0, 3_000e8, 18, 8, 6), 123, "rate 0 contributes nothing");
    }

    function test_freeBalanceDown_exactValue() public view {
        // 1 ETH at $3,000, factor 0.8: contribution 2,400 USDC. Health 600 lets 0.25 ETH leave.
        assertEq(m.freeBalanceDown(1e18, 600e6, 0.8e18, WAD, 3_000e8, 18, 8, 6), 0.25e18);
        // Health 0: nothing leaves; health >= contribution: everything leaves.
        assertEq(m.freeBalanceDown(1e18, 0, 0.8e18, WAD, 3_000e8, 18, 8, 6), 0);
        assertEq(m.freeBalanceDown(1e18, 2_400e6, 0.8e18, WAD, 3_000e8, 18, 8, 6), 1e18);
    }

    // ------------------------------------------------------------ liquidation amounts

    /// @dev The seized collateral is worth at most repay * (1 + bonus) (rounded down for the account).
    function testFuzz_seizeAmountDown_neverExceedsRepayWithBonus(
        uint256 decSeed,
        uint256 priceSeed,
        uint256 repay,
        uint256 bonus,
        uint256 rate
    ) public view {
        Market memory mk = _market(decSeed, priceSeed);
        repay = bound(repay, 0, 1e24);
        bonus = bound(bonus, 0, 0.5e18);
        rate = bound(rate, 0.001e18, 1_000e18);
        uint256 seized = m.seizeAmountDown(repay, bonus, rate, mk.price, mk.td, mk.pd, mk.qd);
        assertLe(
            m.collateralValueDown(seized, rate, mk.price, mk.td, mk.pd, mk.qd),
            repay * (WAD + bonus) / WAD,
            "seized value within repay * (1 + bonus)"
        );
    }

    /// @dev Paying repayForSeizeUp(s) always entitles the liquidator to at least s: a capped seizure
    /// never undercharges.
    function testFuzz_repayForSeizeUp_coversTheSeizure(
        uint256 decSeed,
        uint256 priceSeed,
        uint256 seized,
        uint256 bonus,
        uint256 rate
    ) public view {
        Market memory mk = _market(decSeed, priceSeed);
        seized = bound(seized, 0, MAX_AMOUNT);
        bonus = bound(bonus, 0, 0.5e18);
        rate = bound(rate, 0.001e18, 1_000e18);
        uint256 repay = m.repayForSeizeUp(seized, bonus, rate, mk.price, mk.td, mk.pd, mk.qd);
        assertGe(m.seizeAmountDown(repay, bonus, rate, mk.price, mk.td, mk.pd, mk.qd), seized);
    }

    // ------------------------------------------------------------ bounded rate

    function test_boundedRate_takesReportedWithoutCurrent() public view {
        assertEq(m.boundedRate(0, 5e18, 0, 0), 5e18);
    }

    function test_boundedRate_fallsApplyAtOnce() public view {
        assertEq(m.boundedRate(1e18, 0.5e18, 0, 0), 0.5e18);
        assertEq(m.boundedRate(1e18, 0, 1 days, 0.01e18), 0);
    }

    function test_boundedRate_risesAreClampedPerDay() public view {
        // 1%/day: one day allows 1.01, half a day 1.005, no time nothing.
        assertEq(m.boundedRate(1e18, 2e18, 1 days, 0.01e18), 1.01e18);
        assertEq(m.boundedRate(1e18, 2e18, 12 hours, 0.01e18), 1.005e18);
        assertEq(m.boundedRate(1e18, 2e18, 0, 0.01e18), 1e18);
        // Within the bound the reported rate is taken.
        assertEq(m.boundedRate(1e18, 1.004e18, 1 days, 0.01e18), 1.004e18);
    }

    function testFuzz_boundedRate_withinBounds(uint128 current, uint128 reported, uint32 elapsed, uint64 g)
        public
        view
    {
        uint256 applied = m.boundedRate(current, reported, elapsed, g);
        if (current == 0 || reported <= current) {
            assertEq(applied, reported);
        } else {
            assertGe(applied, current);
            assertLe(applied, reported);
            assertLe(applied, uint256(current) + uint256(current) * g * elapsed / (WAD * 1 days));
        }
    }
}
