// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {Origin} from "@layerzerolabs/lz-evm-protocol-v2/contracts/interfaces/ILayerZeroEndpointV2.sol";

import {ICollateralVault} from "../../../contracts/interfaces/ICollateralVault.sol";
import {BallastTestBase} from "../utils/BallastTestBase.sol";

/// @title DocumentedLimitationsTest
/// @notice Behaviours the invariant handler ran into that hold the invariants but look wrong, and whose
/// fix needs a design decision (see contracts/INVARIANTS.md, "Known limitations"). Each test pins the
/// current behaviour so that a fix shows up as a failing test to update.
contract DocumentedLimitationsTest is BallastTestBase {
    address internal alice = makeAddr("alice");

    function setUp() public {
        _setUpChains(2);
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
