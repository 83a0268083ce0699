// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {MarginMathLib} from "../libraries/MarginMathLib.sol";
import {MathLib} from "../libraries/MathLib.sol";
import {PerpMathLib} from "../libraries/PerpMathLib.sol";

/// @title MarginMathHarness
/// @notice Exposes every function of MathLib, MarginMathLib and PerpMathLib so `@ballast/margin`
/// can be proven equal to them, case by case, in differential tests. Not deployed in production.
contract MarginMathHarness {
    /// @notice Runs each call against this contract and returns whether it succeeded and its return data,
    /// so thousands of cases (reverting ones included) cost one `eth_call`.
    function batch(bytes[] calldata calls) external view returns (bool[] memory ok, bytes[] memory results) {
        ok = new bool[](calls.length);
        results = new bytes[](calls.length);
        for (uint256 i; i < calls.length; ++i) {
            (ok[i], results[i]) = address(this).staticcall(calls[i]);
        }
    }

    // ---- MathLib

    function mulDivDown(uint256 x, uint256 y, uint256 d) external pure returns (uint256) {
        return MathLib.mulDivDown(x, y, d);
    }

    function mulDivUp(uint256 x, uint256 y, uint256 d) external pure returns (uint256) {
        return MathLib.mulDivUp(x, y, d);
    }

    function mulDivFloorSigned(int256 x, uint256 y, uint256 d) external pure returns (int256) {
        return MathLib.mulDivFloorSigned(x, y, d);
    }

    function mulDivCeilSigned(int256 x, uint256 y, uint256 d) external pure returns (int256) {
        return MathLib.mulDivCeilSigned(x, y, d);
    }

    // ---- MarginMathLib

    function toAssetsDown(uint256 shares, uint256 rate) external pure returns (uint256) {
        return MarginMathLib.toAssetsDown(shares, rate);
    }

    function toAssetsUp(uint256 shares, uint256 rate) external pure returns (uint256) {
        return MarginMathLib.toAssetsUp(shares, rate);
    }

    function toSharesDown(uint256 assets, uint256 rate) external pure returns (uint256) {
        return MarginMathLib.toSharesDown(assets, rate);
    }

    function toSharesUp(uint256 assets, uint256 rate) external pure returns (uint256) {
        return MarginMathLib.toSharesUp(assets, rate);
    }

    function toValueDown(uint256 amount, uint256 price, uint8 tokenDecimals, uint8 priceDecimals, uint8 quoteDecimals)
        external
        pure
        returns (uint256)
    {
        return MarginMathLib.toValueDown(amount, price, tokenDecimals, priceDecimals, quoteDecimals);
    }

    function toValueUp(uint256 amount, uint256 price, uint8 tokenDecimals, uint8 priceDecimals, uint8 quoteDecimals)
        external
        pure
        returns (uint256)
    {
        return MarginMathLib.toValueUp(amount, price, tokenDecimals, priceDecimals, quoteDecimals);
    }

    function toAmountDown(uint256 value, uint256 price, uint8 tokenDecimals, uint8 priceDecimals, uint8 quoteDecimals)
        external
        pure
        returns (uint256)
    {
        return MarginMathLib.toAmountDown(value, price, tokenDecimals, priceDecimals, quoteDecimals);
    }

    function toAmountUp(uint256 value, uint256 price, uint8 tokenDecimals, uint8 priceDecimals, uint8 quoteDecimals)
        external
        pure
        returns (uint256)
    {
        return MarginMathLib.toAmountUp(value, price, tokenDecimals, priceDecimals, quoteDecimals);
    }

    function collateralValueDown(
        uint256 balance,
        uint256 rate,
        uint256 price,
        uint8 tokenDecimals,
        uint8 priceDecimals,
        uint8 quoteDecimals
    ) external pure returns (uint256) {
        return MarginMathLib.collateralValueDown(balance, rate, price, tokenDecimals, priceDecimals, quoteDecimals);
    }

    function collateralValueUp(
        uint256 balance,
        uint256 rate,
        uint256 price,
        uint8 tokenDecimals,
        uint8 priceDecimals,
        uint8 quoteDecimals
    ) external pure returns (uint256) {
        return MarginMathLib.collateralValueUp(balance, rate, price, tokenDecimals, priceDecimals, quoteDecimals);
    }

    function haircutDown(uint256 value, uint256 factor) external pure returns (uint256) {
        return MarginMathLib.haircutDown(value, factor);
    }

    function minBalanceForContributionUp(
        uint256 contribution,
        uint256 factor,
        uint256 rate,
        uint256 price,
        uint8 tokenDecimals,
        uint8 priceDecimals,
        uint8 quoteDecimals
    ) external pure returns (uint256) {
        return MarginMathLib.minBalanceForContributionUp(
            contribution, factor, rate, price, tokenDecimals, priceDecimals, quoteDecimals
        );
    }

    function freeBalanceDown(
        uint256 balance,
        int256 health,
        uint256 factor,
        uint256 rate,
        uint256 price,
        uint8 tokenDecimals,
        uint8 priceDecimals,
        uint8 quoteDecimals
    ) external pure returns (uint256) {
        return MarginMathLib.freeBalanceDown(
            balance, health, factor, rate, price, tokenDecimals, priceDecimals, quoteDecimals
        );
    }

    function seizeAmountDown(
        uint256 repay,
        uint256 bonus,
        uint256 rate,
        uint256 price,
        uint8 tokenDecimals,
        uint8 priceDecimals,
        uint8 quoteDecimals
    ) external pure returns (uint256) {
        return MarginMathLib.seizeAmountDown(repay, bonus, rate, price, tokenDecimals, priceDecimals, quoteDecimals);
    }

    function repayForSeizeUp(
        uint256 seized,
        uint256 bonus,
        uint256 rate,
        uint256 price,
        uint8 tokenDecimals,
        uint8 priceDecimals,
        uint8 quoteDecimals
    ) external pure returns (uint256) {
        return MarginMathLib.repayForSeizeUp(seized, bonus, rate, price, tokenDecimals, priceDecimals, quoteDecimals);
    }

    function boundedRate(uint256 current, uint256 reported, uint256 elapsed, uint256 maxGrowthPerDay)
        external
        pure
        returns (uint256)
    {
        return MarginMathLib.boundedRate(current, reported, elapsed, maxGrowthPerDay);
    }

    function initialHealth(MarginMathLib.Health calldata h) external pure returns (int256) {
        return MarginMathLib.initialHealth(h);
    }

    function maintenanceHealth(MarginMathLib.Health calldata h) external pure returns (int256) {
        return MarginMathLib.maintenanceHealth(h);
    }

    function equity(MarginMathLib.Health calldata h) external pure returns (int256) {
        return MarginMathLib.equity(h);
    }

    // ---- PerpMathLib

    function markValueFloor(int256 size, uint256 price, uint8 priceDecimals, uint8 quoteDecimals)
        external
        pure
        returns (int256)
    {
        return PerpMathLib.markValueFloor(size, price, priceDecimals, quoteDecimals);
    }

    function entryNotionalCeil(int256 sizeDelta, uint256 price, uint8 priceDecimals, uint8 quoteDecimals)
        external
        pure
        returns (int256)
    {
        return PerpMathLib.entryNotionalCeil(sizeDelta, price, priceDecimals, quoteDecimals);
    }

    function notionalUp(int256 size, uint256 price, uint8 priceDecimals, uint8 quoteDecimals)
        external
        pure
        returns (uint256)
    {
        return PerpMathLib.notionalUp(size, price, priceDecimals, quoteDecimals);
    }

    function unrealizedPnl(int256 size, int256 openNotional, uint256 price, uint8 priceDecimals, uint8 quoteDecimals)
        external
        pure
        returns (int256)
    {
        return PerpMathLib.unrealizedPnl(size, openNotional, price, priceDecimals, quoteDecimals);
    }

    function marginUp(uint256 notional, uint256 rate) external pure returns (uint256) {
        return PerpMathLib.marginUp(notional, rate);
    }

    function remainingNotionalCeil(int256 openNotional, int256 size, int256 remainingSize)
        external
        pure
        returns (int256)
    {
        return PerpMathLib.remainingNotionalCeil(openNotional, size, remainingSize);
    }
}
