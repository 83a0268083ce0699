// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {IMarket} from "./IMarket.sol";

/// @title IPerpMarket
/// @notice A linear perpetual on an oracle mark price, margined by a MarginLedger, with an LP pool
/// (the market's own cash on the ledger) as every trader's counterparty.
interface IPerpMarket is IMarket {
    /// @notice An account's position: signed size in base units (18 decimals, long > 0) and the
    /// signed quote paid to open it.
    struct Position {
        int256 size;
        int256 openNotional;
    }

    /// @notice Market parameters (rates in WAD).
    struct MarketConfig {
        address feed;
        uint32 maxStaleness;
        int128 minAnswer;
        int128 maxAnswer;
        uint64 initialMarginRate;
        uint64 maintenanceMarginRate;
        /// Penalty on the notional of a liquidated position.
        uint64 liquidationPenaltyRate;
        /// Share of the penalty paid to the liquidator; the rest goes to the insurance fund.
        uint64 keeperRewardShare;
        /// Maximum open interest per side, base units.
        uint128 maxOpenInterest;
    }

    error ZeroAmount();
    error ZeroAddress();
    error InvalidMarketConfig();
    /// @notice `openPosition` in the opposite direction of the open position; reduce it instead.
    error OppositeDirection(int256 size, int256 sizeDelta);
    error NoPosition(address account);
    error ReduceExceedsPosition(uint256 amount, uint256 size);
    error MaxOpenInterestExceeded(uint256 openInterest, uint256 max);
    /// @notice The account would end below initial margin.
    error InsufficientMargin(address account, int256 initialHealth);
    error MarketPaused();
    error NotLiquidatable(address account);
    error InsufficientShares(uint256 requested, uint256 available);
    error PoolInsolvent(int256 poolValue);

    event PositionChanged(
        address indexed account, int256 sizeDelta, int256 size, int256 openNotional, uint256 price, int256 realizedPnl
    );
    event PositionLiquidated(
        address indexed account,
        address indexed liquidator,
        int256 size,
        uint256 price,
        int256 realizedPnl,
        uint256 penalty,
        uint256 keeperReward
    );
    event LiquidityDeposited(address indexed provider, uint256 amount, uint256 shares);
    event LiquidityWithdrawn(address indexed provider, address to, uint256 amount, uint256 shares);
    event MarketConfigured(MarketConfig config, uint8 priceDecimals);

    /// @notice Opens a position or increases it in the same direction by `sizeDelta` (long > 0).
    /// @dev Risk-increasing: needs a fresh price, an unpaused ledger, room in max open interest, and
    /// leaves the account at or above initial margin.
    function openPosition(int256 sizeDelta) external;

    /// @notice Reduces the caller's position by `amount` base units and settles the realized PnL
    /// into the ledger. Always works, even paused or with a stale price (last answer used).
    function reducePosition(uint256 amount) external;

    /// @notice Closes the caller's position. Always works, like `reducePosition`.
    function closePosition() external;

    /// @notice Closes an account below maintenance margin at the mark price and charges the
    /// liquidation penalty (keeper reward to the caller, the rest to the insurance fund).
    function liquidatePosition(address account) external;

    /// @notice Adds `amount` quote tokens to the LP pool for pool shares (approve this market first).
    /// While traders hold positions the shares are priced on a fresh answer (a stale one reverts), so
    /// nobody buys into the pool at a value the market has moved away from.
    function depositLiquidity(uint256 amount) external returns (uint256 shares);

    /// @notice Burns `shares` for their part of the pool value, paid to `to` (needs a fresh price).
    function withdrawLiquidity(uint256 shares, address to) external returns (uint256 amount);

    function position(address account) external view returns (Position memory);
    /// @notice The oracle answer used as mark price and whether it is usable (fresh and in bounds).
    function markPrice() external view returns (uint256 price, bool ok);
    /// @notice LP pool value: the market's cash on the ledger minus the traders' unrealized PnL.
    function poolValue() external view returns (int256);
    function lpShares(address provider) external view returns (uint256);
    function totalLpShares() external view returns (uint256);
    function longOpenInterest() external view returns (uint256);
    function shortOpenInterest() external view returns (uint256);
    function config() external view returns (MarketConfig memory);

    /// @notice Owner: sets the market parameters.
    function configure(MarketConfig calldata config) external;
}
