// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

/// @title IMarket
/// @notice What a derivatives venue reports to the MarginLedger for each account.
interface IMarket {
    /// @notice The account's open exposure in this market, in quote units.
    /// @return unrealizedPnl Signed PnL of open positions at the mark price.
    /// @return initialMargin Margin required to open or increase risk.
    /// @return maintenanceMargin Margin below which the account is liquidatable.
    /// @return priceOk False when the mark price is stale or out of bounds (figures then use the last answer).
    function accountMargin(address account)
        external
        view
        returns (int256 unrealizedPnl, uint256 initialMargin, uint256 maintenanceMargin, bool priceOk);

    /// @notice Whether the account has any open position here.
    function hasPosition(address account) external view returns (bool);
}
