// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {IAggregatorV3} from "../../contracts/interfaces/IAggregatorV3.sol";
import {OracleLib} from "../../contracts/libraries/OracleLib.sol";
import {MockAggregator} from "../../contracts/mocks/MockAggregator.sol";

/// @dev Exposes the library's internal functions so reverts can be observed.
contract OracleLibHarness {
    function readPrice(OracleLib.FeedConfig memory config) external view returns (uint256) {
        return OracleLib.readPrice(config);
    }

    function tryReadPrice(OracleLib.FeedConfig memory config) external view returns (bool, uint256) {
        return OracleLib.tryReadPrice(config);
    }
}

contract OracleLibTest is Test {
    OracleLibHarness internal harness;
    MockAggregator internal feed;

    uint32 internal constant STALENESS = 1 hours;
    int256 internal constant MIN_ANSWER = 1e6; // $0.01 at 8 decimals
    int256 internal constant MAX_ANSWER = 1e14; // $1,000,000 at 8 decimals

    function setUp() public {
        vm.warp(1_700_000_000);
        harness = new OracleLibHarness();
        feed = new MockAggregator(address(this), 8, "ETH / USD", 3000e8);
    }

    function _config() internal view returns (OracleLib.FeedConfig memory) {
        return OracleLib.FeedConfig({
            feed: IAggregatorV3(address(feed)),
            maxStaleness: STALENESS,
            minAnswer: MIN_ANSWER,
            maxAnswer: MAX_ANSWER
        });
    }

    function test_readPrice_returnsFreshAnswer() public view {
        assertEq(harness.readPrice(_config()), 3000e8);
    }

    function test_readPrice_revertsWhenStale() public {
        uint256 updatedAt = block.timestamp - STALENESS - 1;
        feed.setAnswerAt(3000e8, updatedAt);
        vm.expectRevert(abi.encodeWithSelector(OracleLib.StalePrice.selector, address(feed), updatedAt, STALENESS));
        harness.readPrice(_config());
    }

    function test_readPrice_revertsWhenUpdatedInFuture() public {
        uint256 updatedAt = block.timestamp + 1;
        feed.setAnswerAt(3000e8, updatedAt);
        vm.expectRevert(abi.encodeWithSelector(OracleLib.StalePrice.selector, address(feed), updatedAt, STALENESS));
        harness.readPrice(_config());
    }

    function test_readPrice_revertsWhenNegative() public {
        feed.setAnswer(-1);
        vm.expectRevert(
            abi.encodeWithSelector(OracleLib.PriceOutOfBounds.selector, address(feed), int256(-1), MIN_ANSWER, MAX_ANSWER)
        );
        harness.readPrice(_config());
    }

    function testFuzz_readPrice_acceptsExactlyFreshInBoundAnswers(int256 answer, uint256 age) public {
        age = bound(age, 0, block.timestamp);
        feed.setAnswerAt(answer, block.timestamp - age);
        bool fresh = age <= STALENESS;
        bool inBounds = answer > 0 && answer >= MIN_ANSWER && answer <= MAX_ANSWER;

        (bool ok, uint256 price) = harness.tryReadPrice(_config());
        assertEq(ok, fresh && inBounds, "tryReadPrice verdict");
        assertEq(price, ok ? uint256(answer) : 0, "tryReadPrice price");

        if (ok) {
            assertEq(harness.readPrice(_config()), uint256(answer));
        } else if (!fresh) {
            vm.expectRevert(
                abi.encodeWithSelector(OracleLib.StalePrice.selector, address(feed), block.timestamp - age, STALENESS)
            );
            harness.readPrice(_config());
        } else {
            vm.expectRevert(
                abi.encodeWithSelector(OracleLib.PriceOutOfBounds.selector, address(feed), answer, MIN_ANSWER, MAX_ANSWER)
            );
            harness.readPrice(_config());
        }
    }

    function testFuzz_setAnswer_revertsForStranger(address stranger, int256 answer) public {
        vm.assume(stranger != address(this));
        vm.prank(stranger);
        vm.expectRevert();
        feed.setAnswer(answer);
    }
}
