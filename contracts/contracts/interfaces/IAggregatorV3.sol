// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IAggregatorV3
/// @notice The read surface of a Chainlink `AggregatorV3Interface` price feed that Ballast uses.
interface IAggregatorV3 {
    /// @notice Decimals of `answer`.
    function decimals() external view returns (uint8);

    /// @notice Human-readable description of the feed, e.g. "ETH / USD".
    function description() external view returns (string memory);

    /// @notice The latest round.
    /// @return roundId The round id.
    /// @return answer The price, scaled by `10 ** decimals()`.
    /// @return startedAt When the round started.
    /// @return updatedAt When `answer` was last updated.
    /// @return answeredInRound Deprecated by Chainlink; equal to `roundId`.
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}
