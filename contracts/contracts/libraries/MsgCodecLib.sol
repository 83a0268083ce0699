// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

/// @title MsgCodecLib
/// @notice Packed, versioned payloads exchanged between vaults and ledgers.
/// @dev Layout: `type (1) | version (1) | body`. Every byte is paid for in the send and in
/// the `PacketSent` event, so bodies are packed, amounts are uint128 and addresses are 20 bytes.
///
///   LOCK    (vault -> ledger): asset (20) | beneficiary (20) | amount (16) | rate (16)   = 74 bytes
///   RELEASE (ledger -> vault): asset (20) | recipient (20)   | amount (16)               = 58 bytes
///   RATE    (vault -> ledger): asset (20) | rate (16)                                    = 38 bytes
///
/// `rate` is the ERC-4626 exchange rate (assets per 1e18 shares, in raw units) or 0 for a plain token.
/// Decoding is strict: an unknown type, another version or any length other than the exact one reverts.
library MsgCodecLib {
    /// @notice The payload is shorter than its two-byte header.
    error MessageTooShort(uint256 length);
    /// @notice The type byte names no known message.
    error UnknownMessageType(uint8 msgType);
    /// @notice The version byte is not the one this codec speaks.
    error UnsupportedVersion(uint8 version);
    /// @notice The payload length is not exactly the length of its type.
    error InvalidMessageLength(uint8 msgType, uint256 length, uint256 expected);

    uint8 internal constant VERSION = 1;

    uint8 internal constant LOCK = 1;
    uint8 internal constant RELEASE = 2;
    uint8 internal constant RATE = 3;

    uint256 internal constant LOCK_LENGTH = 74;
    uint256 internal constant RELEASE_LENGTH = 58;
    uint256 internal constant RATE_LENGTH = 38;

    function encodeLock(address asset, address beneficiary, uint128 amount, uint128 rate)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodePacked(LOCK, VERSION, asset, beneficiary, amount, rate);
    }

    function encodeRelease(address asset, address recipient, uint128 amount) internal pure returns (bytes memory) {
        return abi.encodePacked(RELEASE, VERSION, asset, recipient, amount);
    }

    function encodeRate(address asset, uint128 rate) internal pure returns (bytes memory) {
        return abi.encodePacked(RATE, VERSION, asset, rate);
    }

    /// @notice Validates the header and the exact length of `message` and returns its type.
    function messageType(bytes calldata message) internal pure returns (uint8 msgType) {
        if (message.length < 2) revert MessageTooShort(message.length);
        msgType = uint8(message[0]);
        uint8 version = uint8(message[1]);
        uint256 expected;
        if (msgType == LOCK) expected = LOCK_LENGTH;
        else if (msgType == RELEASE) expected = RELEASE_LENGTH;
        else if (msgType == RATE) expected = RATE_LENGTH;
        else revert UnknownMessageType(msgType);
        if (version != VERSION) revert UnsupportedVersion(version);
        if (message.length != expected) revert InvalidMessageLength(msgType, message.length, expected);
    }

    /// @dev Body of a LOCK whose header and length `messageType` validated.
    function decodeLock(bytes calldata message)
        internal
        pure
        returns (address asset, address beneficiary, uint128 amount, uint128 rate)
    {
        asset = address(bytes20(message[2:22]));
        beneficiary = address(bytes20(message[22:42]));
        amount = uint128(bytes16(message[42:58]));
        rate = uint128(bytes16(message[58:74]));
    }

    /// @dev Body of a RELEASE whose header and length `messageType` validated.
    function decodeRelease(bytes calldata message)
        internal
        pure
        returns (address asset, address recipient, uint128 amount)
    {
        asset = address(bytes20(message[2:22]));
        recipient = address(bytes20(message[22:42]));
        amount = uint128(bytes16(message[42:58]));
    }

    /// @dev Body of a RATE whose header and length `messageType` validated.
    function decodeRate(bytes calldata message) internal pure returns (address asset, uint128 rate) {
        asset = address(bytes20(message[2:22]));
        rate = uint128(bytes16(message[22:38]));
    }
}
