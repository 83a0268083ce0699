// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {MathLib} from "./MathLib.sol";

/// @title MarginMathLib
/// @notice Collateral valuation, haircuts, account health and liquidation amounts.
/// @dev Mirrored function by function in `@ballast/margin` (TypeScript) and proven equal by
/// differential tests. Units:
/// - amounts: raw token units; ERC-4626 shares are converted with `rate`, the underlying
///   assets per 1e18 raw shares (a plain token uses rate = WAD, the identity);
/// - prices: oracle answers with `priceDecimals`, quote per whole token (the quote token is the
///   unit of account, e.g. USDC);
/// - values: raw quote units (`quoteDecimals`);
/// - factors and rates: WAD (1e18 = 100%).
/// Credits to the account round down, what the account owes rounds up.
library MarginMathLib {
    using MathLib for uint256;

    uint256 internal constant WAD = MathLib.WAD;

    /// @notice One account's margin figures, all in quote units.
    struct Health {
        /// Sum of collateral values, no haircut.
        uint256 collateralValue;
        /// Sum of value * collateral factor.
        uint256 initialCollateral;
        /// Sum of value * liquidation factor.
        uint256 maintenanceCollateral;
        /// Signed cash balance (negative is debt).
        int256 cash;
        /// Sum of the markets' unrealized PnL.
        int256 unrealizedPnl;
        /// Sum of the markets' initial margin requirements.
        uint256 initialMargin;
        /// Sum of the markets' maintenance margin requirements.
        uint256 maintenanceMargin;
    }

    /// @notice Underlying assets of `shares` at `rate`, rounded down.
    function toAssetsDown(uint256 shares, uint256 rate) internal pure returns (uint256) {
        return shares.mulDivDown(rate, WAD);
    }

    /// @notice Underlying assets of `shares` at `rate`, rounded up.
    function toAssetsUp(uint256 shares, uint256 rate) internal pure returns (uint256) {
        return shares.mulDivUp(rate, WAD);
    }

    /// @notice Shares worth `assets` at `rate` (> 0), rounded down.
    function toSharesDown(uint256 assets, uint256 rate) internal pure returns (uint256) {
        return assets.mulDivDown(WAD, rate);
    }

    /// @notice The fewest shares worth at least `assets` at `rate` (> 0), rounded up.
    function toSharesUp(uint256 assets, uint256 rate) internal pure returns (uint256) {
        return assets.mulDivUp(WAD, rate);
    }

    /// @notice Quote value of `amount` raw token units at `price`, rounded down.
    function toValueDown(uint256 amount, uint256 price, uint8 tokenDecimals, uint8 priceDecimals, uint8 quoteDecimals)
        internal
        pure
        returns (uint256)
    {
        uint256 inDecimals = uint256(tokenDecimals) + priceDecimals;
        if (inDecimals >= quoteDecimals) return amount.mulDivDown(price, 10 ** (inDecimals - quoteDecimals));
        return amount * price * 10 ** (quoteDecimals - inDecimals);
    }

    /// @notice Quote value of `amount` raw token units at `price`, rounded up.
    function toValueUp(uint256 amount, uint256 price, uint8 tokenDecimals, uint8 priceDecimals, uint8 quoteDecimals)
        internal
        pure
        returns (uint256)
    {
        uint256 inDecimals = uint256(tokenDecimals) + priceDecimals;
        if (inDecimals >= quoteDecimals) return amount.mulDivUp(price, 10 ** (inDecimals - quoteDecimals));
        return amount * price * 10 ** (quoteDecimals - inDecimals);
    }

    /// @notice Raw token units worth `value` quote units at `price`, rounded down.
    function toAmountDown(uint256 value, uint256 price, uint8 tokenDecimals, uint8 priceDecimals, uint8 quoteDecimals)
        internal
        pure
        returns (uint256)
    {
        uint256 inDecimals = uint256(tokenDecimals) + priceDecimals;
        if (inDecimals >= quoteDecimals) return value.mulDivDown(10 ** (inDecimals - quoteDecimals), price);
        return value.mulDivDown(1, price * 10 ** (quoteDecimals - inDecimals));
    }

    /// @notice The smallest raw token amount whose value (rounded down) is at least `value`.
    function toAmountUp(uint256 value, uint256 price, uint8 tokenDecimals, uint8 priceDecimals, uint8 quoteDecimals)
        internal
        pure
        returns (uint256)
    {
        uint256 inDecimals = uint256(tokenDecimals) + priceDecimals;
        if (inDecimals >= quoteDecimals) return value.mulDivUp(10 ** (inDecimals - quoteDecimals), price);
        return value.mulDivUp(1, price * 10 ** (quoteDecimals - inDecimals));
    }

    /// @notice Value of a collateral balance (shares converted at `rate` first), rounded down.
    function collateralValueDown(
        uint256 balance,
        uint256 rate,
        uint256 price,
        uint8 tokenDecimals,
        uint8 priceDecimals,
        uint8 quoteDecimals
    ) internal pure returns (uint256) {
        return toValueDown(toAssetsDown(balance, rate), price, tokenDecimals, priceDecimals, quoteDecimals);
    }

    /// @notice Value of a collateral balance, rounded up.
    function collateralValueUp(
        uint256 balance,
        uint256 rate,
        uint256 price,
        uint8 tokenDecimals,
        uint8 priceDecimals,
        uint8 quoteDecimals
    ) internal pure returns (uint256) {
        return toValueUp(toAssetsUp(balance, rate), price, tokenDecimals, priceDecimals, quoteDecimals);
    }

    /// @notice `value * factor`, rounded down (a haircut credited to the account).
    function haircutDown(uint256 value, uint256 factor) internal pure returns (uint256) {
        return value.wMulDown(factor);
    }

    /// @notice cash + pnl + initialCollateral - initialMargin: at or above zero the account may take risk.
    function initialHealth(Health memory h) internal pure returns (int256) {
        return h.cash + h.unrealizedPnl + int256(h.initialCollateral) - int256(h.initialMargin);
    }

    /// @notice cash + pnl + maintenanceCollateral - maintenanceMargin: below zero the account is liquidatable.
    function maintenanceHealth(Health memory h) internal pure returns (int256) {
        return h.cash + h.unrealizedPnl + int256(h.maintenanceCollateral) - int256(h.maintenanceMargin);
    }

    /// @notice cash + pnl + collateralValue.
    function equity(Health memory h) internal pure returns (int256) {
        return h.cash + h.unrealizedPnl + int256(h.collateralValue);
    }

    /// @notice The smallest balance whose haircut contribution is at least `contribution`.
    /// @dev Exact inverse of `haircutDown(collateralValueDown(b, ...), factor)` by ceilings at each
    /// step, so `balance - minBalanceForContributionUp(...)` is the most that can leave.
    function minBalanceForContributionUp(
        uint256 contribution,
        uint256 factor,
        uint256 rate,
        uint256 price,
        uint8 tokenDecimals,
        uint8 priceDecimals,
        uint8 quoteDecimals
    ) internal pure returns (uint256) {
        if (contribution == 0) return 0;
        // haircutDown(v, f) >= c  <=>  v * f >= c * WAD  <=>  v >= ceil(c * WAD / f)
        uint256 value = contribution.mulDivUp(WAD, factor);
        // toValueDown(y) >= v  <=>  y >= toAmountUp(v)
        uint256 assets = toAmountUp(value, price, tokenDecimals, priceDecimals, quoteDecimals);
        // toAssetsDown(s, r) >= y  <=>  s >= ceil(y * WAD / r)
        return toSharesUp(assets, rate);
    }

    /// @notice The most of `balance` that can leave an account whose initial health is `health`
    /// when the asset contributes `haircutDown(value(balance), factor)` to initial collateral.
    function freeBalanceDown(
        uint256 balance,
        int256 health,
        uint256 factor,
        uint256 rate,
        uint256 price,
        uint8 tokenDecimals,
        uint8 priceDecimals,
        uint8 quoteDecimals
    ) internal pure returns (uint256) {
        if (health < 0) return 0;
        if (factor == 0 || rate == 0) return balance;
        uint256 contribution = haircutDown(
            collateralValueDown(balance, rate, price, tokenDecimals, priceDecimals, quoteDecimals), factor
        );
        uint256 mustStay = MathLib.zeroFloorSub(contribution, uint256(health));
        uint256 minBalance =
            minBalanceForContributionUp(mustStay, factor, rate, price, tokenDecimals, priceDecimals, quoteDecimals);
        return MathLib.zeroFloorSub(balance, minBalance);
    }

    /// @notice Collateral a liquidator receives for repaying `repay` quote units: repay * (1 + bonus), rounded down.
    function seizeAmountDown(
        uint256 repay,
        uint256 bonus,
        uint256 rate,
        uint256 price,
        uint8 tokenDecimals,
        uint8 priceDecimals,
        uint8 quoteDecimals
    ) internal pure returns (uint256) {
        uint256 value = repay.mulDivDown(WAD + bonus, WAD);
        return toSharesDown(toAmountDown(value, price, tokenDecimals, priceDecimals, quoteDecimals), rate);
    }

    /// @notice Quote a liquidator must repay to receive `seized` collateral: value / (1 + bonus), rounded up.
    function repayForSeizeUp(
        uint256 seized,
        uint256 bonus,
        uint256 rate,
        uint256 price,
        uint8 tokenDecimals,
        uint8 priceDecimals,
        uint8 quoteDecimals
    ) internal pure returns (uint256) {
        uint256 value = collateralValueUp(seized, rate, price, tokenDecimals, priceDecimals, quoteDecimals);
        return value.mulDivUp(WAD, WAD + bonus);
    }

    /// @notice An ERC-4626 rate bounded by a maximum growth per day since the last accepted rate.
    /// @dev Falls apply at once (a slashed share must never be valued at its old rate); rises are
    /// clamped to `current * (1 + maxGrowthPerDay * elapsed / 1 day)`, so a donated or manipulated
    /// share price cannot inflate margin faster than the bound. `current == 0` means no accepted
    /// rate yet: the reported rate is taken as is (listing a share sets an initial rate).
    function boundedRate(uint256 current, uint256 reported, uint256 elapsed, uint256 maxGrowthPerDay)
        internal
        pure
        returns (uint256)
    {
        if (current == 0 || reported <= current) return reported;
        uint256 maxRate = current + current.mulDivDown(maxGrowthPerDay * elapsed, WAD * 1 days);
        return MathLib.min(reported, maxRate);
    }
}
