// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {IAggregatorV3} from "../interfaces/IAggregatorV3.sol";

/// @title OracleLib
/// @notice Reads a Chainlink-style feed and refuses prices that are stale or out of bounds.
/// @dev Callers decide what a refused price blocks: only risk-increasing actions use `readPrice`;
/// deposits, repayments and position reductions never depend on it.
library OracleLib {
    /// @notice Thrown when the feed's last update is older than the allowed staleness.
    error StalePrice(address feed, uint256 updatedAt, uint256 maxStaleness);
    /// @notice Thrown when the answer is outside `[minAnswer, maxAnswer]` or not positive.
    error PriceOutOfBounds(address feed, int256 answer, int256 minAnswer, int256 maxAnswer);

    /// @notice Bounds a feed's answer must satisfy to be used.
    struct FeedConfig {
        IAggregatorV3 feed;
        uint32 maxStaleness; // seconds
        int256 minAnswer; // inclusive, > 0
        int256 maxAnswer; // inclusive
    }

    /// @notice Returns the feed's latest answer, or reverts with a typed error when it is unusable.
    /// @return answer A positive price scaled by the feed's decimals.
    function readPrice(FeedConfig memory config) internal view returns (uint256 answer) {
        (, int256 raw,, uint256 updatedAt,) = config.feed.latestRoundData();
        (bool ok, uint256 price) = check(config, raw, updatedAt, block.timestamp);
        if (!ok) {
            if (!isFresh(updatedAt, config.maxStaleness, block.timestamp)) {
                revert StalePrice(address(config.feed), updatedAt, config.maxStaleness);
            }
            revert PriceOutOfBounds(address(config.feed), raw, config.minAnswer, config.maxAnswer);
        }
        return price;
    }

    /// @notice Returns the feed's latest answer and whether it passes the staleness and bound checks.
    /// @dev Never reverts on a bad answer, for paths that must keep working on a bad price
    /// (views, liquidation of reductions). A reverting feed still reverts.
    function tryReadPrice(FeedConfig memory config) internal view returns (bool ok, uint256 price) {
        (, int256 raw,, uint256 updatedAt,) = config.feed.latestRoundData();
        return check(config, raw, updatedAt, block.timestamp);
    }

    /// @notice Pure check of an answer against a config at time `nowTs`.
    /// @return ok True when the answer is fresh, positive and within bounds.
    /// @return price The answer as uint256 (0 when not ok).
    function check(FeedConfig memory config, int256 raw, uint256 updatedAt, uint256 nowTs)
        internal
        pure
        returns (bool ok, uint256 price)
    {
        if (!isFresh(updatedAt, config.maxStaleness, nowTs)) return (false, 0);
        if (raw <= 0 || raw < config.minAnswer || raw > config.maxAnswer) return (false, 0);
        return (true, uint256(raw));
    }

    /// @notice True when `updatedAt` is not in the future and at most `maxStaleness` seconds old.
    function isFresh(uint256 updatedAt, uint256 maxStaleness, uint256 nowTs) internal pure returns (bool) {
        return updatedAt <= nowTs && nowTs - updatedAt <= maxStaleness;
    }
}
