// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

/// @title TokenBucketLib
/// @notice A token bucket: up to `capacity` may leave at once, refilled at `refillPerSecond`.
/// @dev Bounds what a compromised messaging path can drain from a vault to one bucket plus its refill.
library TokenBucketLib {
    struct Bucket {
        uint128 capacity;
        uint128 refillPerSecond;
        uint128 tokens;
        uint64 lastUpdate;
    }

    /// @notice Tokens available at `nowTs`, never above capacity.
    function available(Bucket memory bucket, uint256 nowTs) internal pure returns (uint256) {
        uint256 elapsed = nowTs > bucket.lastUpdate ? nowTs - bucket.lastUpdate : 0;
        uint256 refilled = uint256(bucket.tokens) + elapsed * bucket.refillPerSecond;
        return refilled < bucket.capacity ? refilled : bucket.capacity;
    }

    /// @notice Takes `amount` from the bucket if available; returns false and changes nothing otherwise.
    function tryConsume(Bucket storage bucket, uint256 amount) internal returns (bool) {
        uint256 tokens = available(bucket, block.timestamp);
        if (amount > tokens) return false;
        // tokens <= capacity <= type(uint128).max, so the difference fits.
        bucket.tokens = uint128(tokens - amount);
        bucket.lastUpdate = uint64(block.timestamp);
        return true;
    }

    /// @notice Sets capacity and refill; the bucket starts full.
    function configure(Bucket storage bucket, uint128 capacity, uint128 refillPerSecond) internal {
        bucket.capacity = capacity;
        bucket.refillPerSecond = refillPerSecond;
        bucket.tokens = capacity;
        bucket.lastUpdate = uint64(block.timestamp);
    }
}
