// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {Origin} from "@layerzerolabs/lz-evm-protocol-v2/contracts/interfaces/ILayerZeroEndpointV2.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {ICollateralVault} from "../../../contracts/interfaces/ICollateralVault.sol";
import {BallastTestBase} from "../utils/BallastTestBase.sol";

/// @title DocumentedLimitationsTest
/// @notice Behaviours the invariant handler ran into that hold the invariants but look wrong, and whose
/// fix needs a design decision (see contracts/INVARIANTS.md, "Known limitations"). Each test pins the
/// current behaviour so that a fix shows up as a failing test to update.
contract DocumentedLimitationsTest is BallastTestBase {
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal lp = makeAddr("lp");

    function setUp() public {
        _setUpChains(2);
    }

    /// @notice The LP pool pays trader PnL without bound, so the market's cash can go negative.
    /// Invariant 5 still holds (quote held == totalCash + insurance), but a winner's cash is then backed
    /// by other accounts' deposits: the winner withdraws first and a depositor who never traded cannot
    /// withdraw his own cash. Found by the invariant handler (`withdrawalsUnbacked`).
    function test_withdrawCash_depositorStrandedAfterLpPoolPaysOutMoreThanItHolds() public {
        Deployment storage c = _chain(1);
        _fund(c.usdc, lp, address(c.market), 100_000e6);
        vm.prank(lp);
        c.market.depositLiquidity(100_000e6);
        _fund(c.usdc, bob, address(c.ledger), 50_000e6);
        vm.prank(bob);
        c.ledger.depositCash(bob, 50_000e6);

        // Alice margins a 100 ETH long with 100 WETH locked on the same chain; ETH rises 50%.
        _lockWeth(alice, 1, 100e18, 1);
        vm.prank(alice);
        c.market.openPosition(100e18);
        c.ethFeed.setAnswer(4_500e8);
        vm.prank(alice);
        c.market.closePosition();

        assertEq(c.ledger.cash(alice), 150_000e6, "alice realized 150k");
        assertEq(c.ledger.cash(address(c.market)), -50_000e6, "the pool paid 50k more than it held");
        assertEq(c.ledger.socializedLoss(), 0, "the pool deficit is not treated as bad debt");
        assertEq(
            int256(c.usdc.balanceOf(address(c.ledger))),
            c.ledger.totalCash() + int256(c.ledger.insuranceFund()),
            "invariant 5 holds"
        );

        vm.prank(alice);
        c.ledger.withdrawCash(150_000e6, alice);
        assertEq(c.usdc.balanceOf(address(c.ledger)), 0, "alice took the pool and bob's deposit");

        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, address(c.ledger), 0, 50_000e6)
        );
        vm.prank(bob);
        c.ledger.withdrawCash(50_000e6, bob);
    }

    /// @notice A RELEASE larger than its asset's bucket capacity can never pass the rate limit: the
    /// ledger has debited it, it stays in flight (lane conservation holds) and no refill helps; only the
    /// owner raising the capacity lets it land. The ledger does not check the bucket when it sends.
    function test_lzReceive_releaseAboveBucketCapacityWaitsForTheOwner() public {
        Deployment storage v = _chain(1);
        v.vault.configureRateLimit(address(v.weth), 10e18, 1e18);
        _lockWeth(alice, 1, 20e18, 2);
        _deliverAll();
        _requestRelease(alice, 2, 1, address(v.weth), 20e18);
        assertEq(_pendingCount(), 1, "RELEASE in flight");
        bytes memory packet = pending[0].encoded;
        (Origin memory origin,, address receiver, bytes32 guid, bytes memory message) = decoder.decode(packet);
        v.lib.validatePacket(packet);

        vm.warp(block.timestamp + 30 days);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.RateLimited.selector, address(v.weth), 20e18, 10e18));
        v.endpoint.lzReceive(origin, receiver, guid, message, "");
        assertEq(v.vault.locked(2, address(v.weth)), 20e18, "still locked");
        assertEq(_chain(2).ledger.credited(1, address(v.weth)), 0, "already debited on the ledger");

        v.vault.configureRateLimit(address(v.weth), 20e18, 1e18);
        v.endpoint.lzReceive(origin, receiver, guid, message, "");
        assertEq(v.weth.balanceOf(alice), 20e18, "paid once the owner raised the capacity");
        assertEq(v.vault.locked(2, address(v.weth)), 0, "lane settled");
    }
}
