// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ICollateralVault} from "../interfaces/ICollateralVault.sol";

/// @title LockBatcher
/// @notice Locks the same amount for many beneficiaries in one transaction: each is a separate
/// `CollateralVault.lock` (its own `Locked` event and, cross-chain, its own LOCK packet). Used by the
/// relayer's benchmark to create tens of thousands of messages and events quickly. Not deployed in
/// production.
/// @dev The caller approves this contract for `amountEach * beneficiaries.length` of `asset` and
/// sends `feeEach * beneficiaries.length` wei (the vault's `quoteLock` fee of one lock; 0 for a
/// local ledger). Any LayerZero fee refund comes back here and is returned with the leftover value.
contract LockBatcher {
    using SafeERC20 for IERC20;

    /// @notice `msg.value` is not `feeEach` times the number of beneficiaries.
    error WrongValue(uint256 value, uint256 expected);
    /// @notice Returning the leftover native value to the caller failed.
    error RefundFailed();

    /// @notice Locks `amountEach` of `asset` in `vault` for `dstEid` once per beneficiary.
    /// @return guids Each lock's LayerZero guid (zero for a local ledger), in beneficiary order.
    function lockMany(
        ICollateralVault vault,
        address asset,
        uint256 amountEach,
        uint32 dstEid,
        uint256 feeEach,
        address[] calldata beneficiaries
    ) external payable returns (bytes32[] memory guids) {
        uint256 count = beneficiaries.length;
        if (msg.value != feeEach * count) revert WrongValue(msg.value, feeEach * count);
        uint256 total = amountEach * count;
        IERC20(asset).safeTransferFrom(msg.sender, address(this), total);
        IERC20(asset).forceApprove(address(vault), total);
        guids = new bytes32[](count);
        for (uint256 i = 0; i < count; i++) {
            (guids[i],) = vault.lock{value: feeEach}(asset, amountEach, dstEid, beneficiaries[i]);
        }
        uint256 left = address(this).balance;
        if (left != 0) {
            (bool ok,) = msg.sender.call{value: left}("");
            if (!ok) revert RefundFailed();
        }
    }

    /// @notice Accepts LayerZero fee refunds (returned to the caller at the end of `lockMany`).
    receive() external payable {}
}
