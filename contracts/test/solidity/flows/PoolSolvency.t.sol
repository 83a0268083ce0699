// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {IMarginLedger} from "../../../contracts/interfaces/IMarginLedger.sol";
import {BallastTestBase} from "../utils/BallastTestBase.sol";

/// @notice Invariant 6 end to end: a market's LP pool pays trader profit only out of what it holds, so
/// a depositor who never traded can always withdraw his cash. (Found by the invariant handler when the
/// pool paid without bound and went negative.)
contract PoolSolvencyFlowTest is BallastTestBase {
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal lp = makeAddr("lp");

    function setUp() public {
        _setUpChains(2);
    }

    function test_closePosition_profitCappedAtPoolSoDepositorsStayPayable() public {
        Deployment storage c = _chain(1);
        _fund(c.usdc, lp, address(c.market), 100_000e6);
        vm.prank(lp);
        c.market.depositLiquidity(100_000e6);
        _fund(c.usdc, bob, address(c.ledger), 50_000e6);
        vm.prank(bob);
        c.ledger.depositCash(bob, 50_000e6);

        // Alice margins a 100 ETH long with 100 WETH locked on the same chain; ETH rises 50%: she
        // realizes 150,000 but the pool holds 100,000.
        _lockWeth(alice, 1, 100e18, 1);
        vm.prank(alice);
        c.market.openPosition(100e18);
        c.ethFeed.setAnswer(4_500e8);
        vm.expectEmit(true, true, false, true, address(c.ledger));
        emit IMarginLedger.PnlSettled(address(c.market), alice, 100_000e6);
        vm.expectEmit(true, true, false, true, address(c.ledger));
        emit IMarginLedger.PnlShortfall(address(c.market), alice, 50_000e6);
        vm.prank(alice);
        c.market.closePosition();

        assertEq(c.ledger.cash(alice), 100_000e6, "paid what the pool held");
        assertEq(c.ledger.cash(address(c.market)), 0, "the pool is empty, not negative");
        assertEq(c.market.poolValue(), 0);
        assertEq(
            int256(c.usdc.balanceOf(address(c.ledger))),
            c.ledger.totalCash() + int256(c.ledger.insuranceFund()),
            "invariant 5 holds"
        );

        vm.prank(alice);
        c.ledger.withdrawCash(100_000e6, alice);
        vm.prank(bob);
        c.ledger.withdrawCash(50_000e6, bob);
        assertEq(c.usdc.balanceOf(bob), 50_000e6, "bob's deposit was never at risk");
        assertEq(c.usdc.balanceOf(address(c.ledger)), 0);
    }
}
