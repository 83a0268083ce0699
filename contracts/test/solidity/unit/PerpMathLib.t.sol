// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {MarginMathHarness} from "../../../contracts/testing/MarginMathHarness.sol";

contract PerpMathLibTest is Test {
    MarginMathHarness internal m;

    uint256 internal constant ETH = 3_000e8;
    int256 internal constant MAX_SIZE = 1e30;

    function setUp() public {
        m = new MarginMathHarness();
    }

    // ------------------------------------------------------------ exact values and rounding directions

    function test_markValueFloor_exactAndTowardNegativeInfinity() public view {
        assertEq(m.markValueFloor(1e18, ETH, 8, 6), 3_000e6);
        assertEq(m.markValueFloor(-1e18, ETH, 8, 6), -3_000e6);
        // 1 wei of ETH is 3e-9 USDC units.
        assertEq(m.markValueFloor(1, ETH, 8, 6), 0);
        assertEq(m.markValueFloor(-1, ETH, 8, 6), -1);
        // 18-decimal quote: scale 1e8, exact.
        assertEq(m.markValueFloor(1, ETH, 8, 18), 3_000);
    }

    function test_entryNotionalCeil_exactAndTowardPositiveInfinity() public view {
        assertEq(m.entryNotionalCeil(2e18, ETH, 8, 6), 6_000e6);
        assertEq(m.entryNotionalCeil(-2e18, ETH, 8, 6), -6_000e6);
        assertEq(m.entryNotionalCeil(1, ETH, 8, 6), 1);
        assertEq(m.entryNotionalCeil(-1, ETH, 8, 6), 0);
    }

    function test_notionalUp_roundsMagnitudeUp() public view {
        assertEq(m.notionalUp(1e18, ETH, 8, 6), 3_000e6);
        assertEq(m.notionalUp(-1e18, ETH, 8, 6), 3_000e6);
        assertEq(m.notionalUp(1, ETH, 8, 6), 1);
        assertEq(m.notionalUp(-1, ETH, 8, 6), 1);
        assertEq(m.notionalUp(0, ETH, 8, 6), 0);
    }

    function test_marginUp_roundsUp() public view {
        assertEq(m.marginUp(3_000e6, 0.1e18), 300e6);
        assertEq(m.marginUp(2_840e6, 0.02e18), 56_800_000);
        assertEq(m.marginUp(1, 0.1e18), 1);
        assertEq(m.marginUp(0, 0.1e18), 0);
    }

    function test_unrealizedPnl_exactValues() public view {
        // Long 2 ETH opened for 6,000: at 3,300 the PnL is +600; short the same: -600.
        assertEq(m.unrealizedPnl(2e18, 6_000e6, 3_300e8, 8, 6), 600e6);
        assertEq(m.unrealizedPnl(-2e18, -6_000e6, 3_300e8, 8, 6), -600e6);
    }

    function test_remainingNotionalCeil_exactValues() public view {
        assertEq(m.remainingNotionalCeil(6_100e6, 2e18, 1.5e18), 4_575e6);
        assertEq(m.remainingNotionalCeil(6_100e6, 2e18, 0), 0);
        // Long: 5,999 over 2 units keeping 1 -> ceil(2,999.5) = 3,000 stays, 2,999 is closed.
        assertEq(m.remainingNotionalCeil(5_999, 2, 1), 3_000);
    }

    /// @dev Documents the short side: the ceiling rounds the remaining (negative) notional toward zero,
    /// so the closed part of a short carries the larger magnitude and realizes up to one unit more
    /// than the exact split (the remaining position carries one unit less: the total is conserved,
    /// see testFuzz_remainingNotionalCeil_conservesTotalPnl).
    function test_remainingNotionalCeil_shortRoundsTowardZero() public view {
        // -5,999 over 2 units keeping 1 -> ceil(-2,999.5) = -2,999 stays, -3,000 is closed.
        assertEq(m.remainingNotionalCeil(-5_999, -2, -1), -2_999);
    }

    // ------------------------------------------------------------ fuzz

    /// @dev Opening and marking at the same price never shows a profit, and loses at most one unit.
    function testFuzz_openThenMark_neverProfitsAtSamePrice(int256 size, uint256 price, bool quote18) public view {
        size = bound(size, -MAX_SIZE, MAX_SIZE);
        price = bound(price, 1, 1e16);
        uint8 qd = quote18 ? 18 : 6;
        int256 entry = m.entryNotionalCeil(size, price, 8, qd);
        int256 pnl = m.unrealizedPnl(size, entry, price, 8, qd);
        assertLe(pnl, 0, "no free profit");
        assertGe(pnl, -1, "at most one unit of rounding");
    }

    function testFuzz_notionalUp_boundsMarkValue(int256 size, uint256 price) public view {
        size = bound(size, -MAX_SIZE, MAX_SIZE);
        price = bound(price, 1, 1e16);
        uint256 notional = m.notionalUp(size, price, 8, 6);
        int256 mark = m.markValueFloor(size, price, 8, 6);
        int256 entry = m.entryNotionalCeil(size, price, 8, 6);
        // |floor| and |ceil| are both within the rounded-up magnitude, which is at most one unit above them.
        assertLe(mark < 0 ? uint256(-mark) : uint256(mark), notional);
        assertLe(entry < 0 ? uint256(-entry) : uint256(entry), notional);
        assertLe(notional - (size >= 0 ? uint256(mark) : uint256(-entry)), 1);
    }

    /// @dev Long: the remaining notional is at least its exact share, so the closed part realizes no more
    /// than exact.
    function testFuzz_remainingNotionalCeil_longKeepsAtLeastExactShare(
        uint256 openNotional,
        uint256 size,
        uint256 remaining
    ) public view {
        size = bound(size, 1, uint256(MAX_SIZE));
        remaining = bound(remaining, 0, size);
        openNotional = bound(openNotional, 0, 1e30);
        int256 kept = m.remainingNotionalCeil(int256(openNotional), int256(size), int256(remaining));
        assertGe(kept, 0);
        // kept * size >= open * remaining, and less than one unit above it.
        assertGe(uint256(kept) * size, openNotional * remaining);
        assertLt(uint256(kept) * size, openNotional * remaining + size);
        assertLe(uint256(kept), openNotional);
    }

    /// @dev Realized PnL of the closed part plus the remaining position's PnL equals the whole position's
    /// PnL at any price, for longs and shorts: reducing in steps creates or loses nothing.
    function testFuzz_remainingNotionalCeil_conservesTotalPnl(
        int256 size,
        uint256 closeSeed,
        uint256 entryPrice,
        uint256 markPrice
    ) public view {
        size = bound(size, -MAX_SIZE, MAX_SIZE);
        vm.assume(size != 0);
        entryPrice = bound(entryPrice, 1, 1e16);
        markPrice = bound(markPrice, 1, 1e16);
        int256 openNotional = m.entryNotionalCeil(size, entryPrice, 8, 6);
        uint256 absSize = size > 0 ? uint256(size) : uint256(-size);
        uint256 closeAmount = bound(closeSeed, 1, absSize);
        int256 closedSize = size > 0 ? int256(closeAmount) : -int256(closeAmount);
        int256 remainingSize = size - closedSize;

        int256 kept = m.remainingNotionalCeil(openNotional, size, remainingSize);
        int256 closedNotional = openNotional - kept;
        int256 realized = m.markValueFloor(closedSize, markPrice, 8, 6) - closedNotional;
        int256 stillOpen = m.unrealizedPnl(remainingSize, kept, markPrice, 8, 6);
        int256 whole = m.unrealizedPnl(size, openNotional, markPrice, 8, 6);
        // Splitting the mark value floors twice instead of once: at most one unit lower, never higher.
        assertLe(realized + stillOpen, whole);
        assertGe(realized + stillOpen, whole - 1);
        // The remaining notional never changes sign and never exceeds the whole.
        if (openNotional >= 0) assertTrue(kept >= 0 && kept <= openNotional);
        else assertTrue(kept <= 0 && kept >= openNotional);
    }
}
