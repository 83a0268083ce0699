// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IAggregatorV3} from "../interfaces/IAggregatorV3.sol";

/// @title MockAggregator
/// @notice A Chainlink-compatible feed whose owner sets the answer; for tests and the devnet only.
contract MockAggregator is IAggregatorV3, Ownable {
    /// @notice Emitted when the owner publishes a new round (same shape as Chainlink's `AnswerUpdated`).
    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    uint8 public immutable override decimals;
    string public override description;

    uint80 internal _roundId;
    int256 internal _answer;
    uint256 internal _updatedAt;

    constructor(address owner_, uint8 decimals_, string memory description_, int256 initialAnswer)
        Ownable(owner_)
    {
        decimals = decimals_;
        description = description_;
        _publish(initialAnswer, block.timestamp);
    }

    /// @notice Publishes `answer` as a new round updated now.
    function setAnswer(int256 answer) external onlyOwner {
        _publish(answer, block.timestamp);
    }

    /// @notice Publishes `answer` as a new round with an explicit `updatedAt` (to simulate staleness).
    function setAnswerAt(int256 answer, uint256 updatedAt) external onlyOwner {
        _publish(answer, updatedAt);
    }

    /// @inheritdoc IAggregatorV3
    function latestRoundData() external view override returns (uint80, int256, uint256, uint256, uint80) {
        return (_roundId, _answer, _updatedAt, _updatedAt, _roundId);
    }

    function _publish(int256 answer, uint256 updatedAt) internal {
        _roundId += 1;
        _answer = answer;
        _updatedAt = updatedAt;
        emit AnswerUpdated(answer, _roundId, updatedAt);
    }
}
