// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {TokenBucketLib} from "../../../contracts/libraries/TokenBucketLib.sol";

/// @dev Holds one bucket in storage and exposes the library on it.
contract TokenBucketHarness {
    using TokenBucketLib for TokenBucketLib.Bucket;

    TokenBucketLib.Bucket internal _bucket;

    function configure(uint128 capacity, uint128 refillPerSecond) external {
        _bucket.configure(capacity, refillPerSecond);
    }

    function tryConsume(uint256 amount) external returns (bool) {
        return _bucket.tryConsume(amount);
    }

    function available() external view returns (uint256) {
        return TokenBucketLib.available(_bucket, block.timestamp);
    }

    function availableAt(uint256 nowTs) external view returns (uint256) {
        return TokenBucketLib.available(_bucket, nowTs);
    }

    function bucket() external view returns (TokenBucketLib.Bucket memory) {
        return _bucket;
    }
}

contract TokenBucketLibTest is Test {
    TokenBucketHarness internal h;

    uint256 internal constant T0 = 1_700_000_000;

    function setUp() public {
        vm.warp(T0);
        h = new TokenBucketHarness();
    }

    function test_configure_startsFull() public {
        h.configure(1_000, 10);
        TokenBucketLib.Bucket memory b = h.bucket();
        assertEq(b.capacity, 1_000);
        assertEq(b.refillPerSecond, 10);
        assertEq(b.tokens, 1_000);
        assertEq(b.lastUpdate, T0);
        assertEq(h.available(), 1_000);
    }

    function test_unconfigured_allowsNothing() public {
        assertEq(h.available(), 0);
        assertFalse(h.tryConsume(1));
        assertTrue(h.tryConsume(0), "zero always fits");
    }

    function test_tryConsume_takesAndRecordsTime() public {
        h.configure(1_000, 10);
        vm.warp(T0 + 5);
        assertTrue(h.tryConsume(400));
        TokenBucketLib.Bucket memory b = h.bucket();
        assertEq(b.tokens, 600);
        assertEq(b.lastUpdate, T0 + 5);
    }

    function test_tryConsume_refusesMoreThanAvailableAndChangesNothing() public {
        h.configure(1_000, 10);
        assertTrue(h.tryConsume(800));
        assertFalse(h.tryConsume(201));
        TokenBucketLib.Bucket memory b = h.bucket();
        assertEq(b.tokens, 200);
        assertEq(b.lastUpdate, T0);
        assertTrue(h.tryConsume(200), "exactly the available amount fits");
        assertEq(h.available(), 0);
    }

    function test_available_refillsLinearly() public {
        h.configure(1_000, 10);
        assertTrue(h.tryConsume(1_000));
        vm.warp(T0 + 1);
        assertEq(h.available(), 10);
        vm.warp(T0 + 37);
        assertEq(h.available(), 370);
        assertFalse(h.tryConsume(371));
        assertTrue(h.tryConsume(370));
        assertEq(h.available(), 0);
    }

    function test_available_capsAtCapacity() public {
        h.configure(1_000, 10);
        assertTrue(h.tryConsume(500));
        vm.warp(T0 + 10 days);
        assertEq(h.available(), 1_000);
        assertFalse(h.tryConsume(1_001), "never more than capacity at once");
        assertTrue(h.tryConsume(1_000));
    }

    function test_available_noRefillBackwardInTime() public {
        h.configure(1_000, 10);
        vm.warp(T0 + 100);
        assertTrue(h.tryConsume(1_000));
        assertEq(h.availableAt(T0), 0, "an earlier timestamp refills nothing");
        assertEq(h.availableAt(T0 + 101), 10);
    }

    function test_configure_refillsAndResets() public {
        h.configure(1_000, 10);
        assertTrue(h.tryConsume(1_000));
        h.configure(50, 1);
        assertEq(h.available(), 50, "reconfiguring starts full at the new capacity");
    }

    function test_available_maxValuesDoNotOverflow() public {
        h.configure(type(uint128).max, type(uint128).max);
        assertTrue(h.tryConsume(type(uint128).max));
        vm.warp(T0 + 365 days);
        assertEq(h.available(), type(uint128).max);
    }

    /// @dev Over any schedule of consumptions, what left in a window [T0, T0 + t] never exceeds
    /// capacity + refill * t, and available() never exceeds capacity.
    function testFuzz_tryConsume_boundsOutflow(
        uint64 capacity,
        uint32 refill,
        uint256[8] calldata amounts,
        uint16[8] calldata gaps
    ) public {
        vm.assume(capacity > 0);
        h.configure(capacity, refill);
        uint256 consumed;
        uint256 elapsed;
        for (uint256 i; i < amounts.length; ++i) {
            elapsed += gaps[i];
            vm.warp(T0 + elapsed);
            uint256 before = h.available();
            assertLe(before, capacity);
            uint256 amount = bound(amounts[i], 0, uint256(capacity) * 2);
            bool ok = h.tryConsume(amount);
            assertEq(ok, amount <= before);
            if (ok) {
                consumed += amount;
                assertEq(h.available(), before - amount);
            } else {
                assertEq(h.available(), before);
            }
        }
        assertLe(consumed, uint256(capacity) + uint256(refill) * elapsed);
    }
}
