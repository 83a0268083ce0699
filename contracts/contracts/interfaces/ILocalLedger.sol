// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

/// @title ILocalLedger
/// @notice What a CollateralVault calls on the MarginLedger of its own chain, where no message is needed.
interface ILocalLedger {
    /// @notice Local vault: credits a same-chain lock, exactly as a LOCK message would.
    function creditLocal(address asset, address beneficiary, uint256 amount, uint256 rate) external;

    /// @notice Local vault: applies a same-chain share rate, exactly as a RATE message would.
    function syncRateLocal(address asset, uint256 rate) external;
}
