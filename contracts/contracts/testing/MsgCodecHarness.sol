// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {MsgCodecLib} from "../libraries/MsgCodecLib.sol";

/// @title MsgCodecHarness
/// @notice Exposes MsgCodecLib so the sdk's TypeScript payload codec can be proven equal to it on
/// shared vectors (packages/sdk/vectors/payload-vectors.json). Not deployed in production.
/// @dev Each `decode*` validates like the vault and the ledger do before decoding: `messageType`
/// (header and exact length), then the expected type.
contract MsgCodecHarness {
    /// @notice A well-formed message of another type than the decoder's (as CollateralVault and MarginLedger).
    error UnexpectedMessageType(uint8 msgType);

    /// @notice The codec's constants: version, type bytes and exact lengths.
    function constants()
        external
        pure
        returns (
            uint8 version,
            uint8 lockType,
            uint8 releaseType,
            uint8 rateType,
            uint256 lockLength,
            uint256 releaseLength,
            uint256 rateLength
        )
    {
        return (
            MsgCodecLib.VERSION,
            MsgCodecLib.LOCK,
            MsgCodecLib.RELEASE,
            MsgCodecLib.RATE,
            MsgCodecLib.LOCK_LENGTH,
            MsgCodecLib.RELEASE_LENGTH,
            MsgCodecLib.RATE_LENGTH
        );
    }

    function encodeLock(address asset, address beneficiary, uint128 amount, uint128 rate)
        external
        pure
        returns (bytes memory)
    {
        return MsgCodecLib.encodeLock(asset, beneficiary, amount, rate);
    }

    function encodeRelease(address asset, address recipient, uint128 amount) external pure returns (bytes memory) {
        return MsgCodecLib.encodeRelease(asset, recipient, amount);
    }

    function encodeRate(address asset, uint128 rate) external pure returns (bytes memory) {
        return MsgCodecLib.encodeRate(asset, rate);
    }

    function messageType(bytes calldata message) external pure returns (uint8) {
        return MsgCodecLib.messageType(message);
    }

    function decodeLock(bytes calldata message)
        external
        pure
        returns (address asset, address beneficiary, uint128 amount, uint128 rate)
    {
        _expect(message, MsgCodecLib.LOCK);
        return MsgCodecLib.decodeLock(message);
    }

    function decodeRelease(bytes calldata message)
        external
        pure
        returns (address asset, address recipient, uint128 amount)
    {
        _expect(message, MsgCodecLib.RELEASE);
        return MsgCodecLib.decodeRelease(message);
    }

    function decodeRate(bytes calldata message) external pure returns (address asset, uint128 rate) {
        _expect(message, MsgCodecLib.RATE);
        return MsgCodecLib.decodeRate(message);
    }

    function _expect(bytes calldata message, uint8 expected) internal pure {
        uint8 msgType = MsgCodecLib.messageType(message);
        if (msgType != expected) revert UnexpectedMessageType(msgType);
    }
}
