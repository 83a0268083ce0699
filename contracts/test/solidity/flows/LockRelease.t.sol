// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {BallastTestBase} from "../utils/BallastTestBase.sol";

contract LockReleaseFlowTest is BallastTestBase {
    address internal alice = makeAddr("alice");

    function setUp() public {
        _setUpChains(2);
    }

    function test_lock_creditsLedgerOnOtherChain() public {
        _lockUsdc(alice, 1, 1_000e6, 2);
        assertEq(_pendingCount(), 1, "one LOCK in flight");
        assertEq(_chain(1).vault.locked(2, address(_chain(1).usdc)), 1_000e6);
        assertEq(_chain(2).ledger.credited(1, address(_chain(1).usdc)), 0);

        _deliverAll();
        (uint128 valued, uint128 parked) = _chain(2).ledger.balanceOf(alice, 1, address(_chain(1).usdc));
        assertEq(valued, 1_000e6);
        assertEq(parked, 0);
        assertEq(_chain(2).ledger.credited(1, address(_chain(1).usdc)), 1_000e6);
    }

    function test_release_paysOnSourceChain() public {
        _lockUsdc(alice, 1, 1_000e6, 2);
        _deliverAll();
        _requestRelease(alice, 2, 1, address(_chain(1).usdc), 400e6);
        _deliverAll();
        assertEq(_chain(1).usdc.balanceOf(alice), 400e6);
        assertEq(_chain(1).vault.locked(2, address(_chain(1).usdc)), 600e6);
        assertEq(_chain(2).ledger.credited(1, address(_chain(1).usdc)), 600e6);
    }

    function test_lock_sameChainCreditsWithoutMessage() public {
        _lockUsdc(alice, 2, 500e6, 2);
        assertEq(_pendingCount(), 0);
        (uint128 valued,) = _chain(2).ledger.balanceOf(alice, 2, address(_chain(2).usdc));
        assertEq(valued, 500e6);
    }
}
