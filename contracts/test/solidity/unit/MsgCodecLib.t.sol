// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {MsgCodecLib} from "../../../contracts/libraries/MsgCodecLib.sol";
import {MsgCodecHarness} from "../../../contracts/testing/MsgCodecHarness.sol";

contract MsgCodecLibTest is Test {
    MsgCodecHarness internal codec;

    address internal constant ASSET = 0x1111111111111111111111111111111111111111;
    address internal constant ACCOUNT = 0x2222222222222222222222222222222222222222;

    function setUp() public {
        codec = new MsgCodecHarness();
    }

    // ------------------------------------------------------------ constants

    function test_constants_matchTheWireFormat() public pure {
        assertEq(MsgCodecLib.VERSION, 1);
        assertEq(MsgCodecLib.LOCK, 1);
        assertEq(MsgCodecLib.RELEASE, 2);
        assertEq(MsgCodecLib.RATE, 3);
        assertEq(MsgCodecLib.LOCK_LENGTH, 2 + 20 + 20 + 16 + 16);
        assertEq(MsgCodecLib.RELEASE_LENGTH, 2 + 20 + 20 + 16);
        assertEq(MsgCodecLib.RATE_LENGTH, 2 + 20 + 16);
    }

    // ------------------------------------------------------------ exact byte layout

    function test_encodeLock_exactBytes() public view {
        bytes memory message = codec.encodeLock(ASSET, ACCOUNT, 0x0102030405060708090a0b0c0d0e0f10, 1e18);
        assertEq(
            message,
            hex"0101" hex"1111111111111111111111111111111111111111" hex"2222222222222222222222222222222222222222"
                hex"0102030405060708090a0b0c0d0e0f10" hex"00000000000000000de0b6b3a7640000"
        );
        assertEq(message.length, 74);
    }

    function test_encodeRelease_exactBytes() public view {
        bytes memory message = codec.encodeRelease(ASSET, ACCOUNT, type(uint128).max);
        assertEq(
            message,
            hex"0201" hex"1111111111111111111111111111111111111111" hex"2222222222222222222222222222222222222222"
                hex"ffffffffffffffffffffffffffffffff"
        );
        assertEq(message.length, 58);
    }

    function test_encodeRate_exactBytes() public view {
        bytes memory message = codec.encodeRate(ASSET, 1);
        assertEq(
            message,
            hex"0301" hex"1111111111111111111111111111111111111111" hex"00000000000000000000000000000001"
        );
        assertEq(message.length, 38);
    }

    function test_decodeLock_readsFixedOffsets() public view {
        bytes memory message = hex"0101" hex"00000000000000000000000000000000000000aa"
            hex"00000000000000000000000000000000000000bb" hex"000000000000000000000000000000cc"
            hex"000000000000000000000000000000dd";
        (address asset, address beneficiary, uint128 amount, uint128 rate) = codec.decodeLock(message);
        assertEq(asset, address(0xaa));
        assertEq(beneficiary, address(0xbb));
        assertEq(amount, 0xcc);
        assertEq(rate, 0xdd);
    }

    // ------------------------------------------------------------ round trips

    function testFuzz_lock_roundTrip(address asset, address beneficiary, uint128 amount, uint128 rate) public view {
        bytes memory message = codec.encodeLock(asset, beneficiary, amount, rate);
        assertEq(message.length, MsgCodecLib.LOCK_LENGTH);
        assertEq(codec.messageType(message), MsgCodecLib.LOCK);
        (address a, address b, uint128 m, uint128 r) = codec.decodeLock(message);
        assertEq(a, asset);
        assertEq(b, beneficiary);
        assertEq(m, amount);
        assertEq(r, rate);
    }

    function testFuzz_release_roundTrip(address asset, address recipient, uint128 amount) public view {
        bytes memory message = codec.encodeRelease(asset, recipient, amount);
        assertEq(message.length, MsgCodecLib.RELEASE_LENGTH);
        assertEq(codec.messageType(message), MsgCodecLib.RELEASE);
        (address a, address b, uint128 m) = codec.decodeRelease(message);
        assertEq(a, asset);
        assertEq(b, recipient);
        assertEq(m, amount);
    }

    function testFuzz_rate_roundTrip(address asset, uint128 rate) public view {
        bytes memory message = codec.encodeRate(asset, rate);
        assertEq(message.length, MsgCodecLib.RATE_LENGTH);
        assertEq(codec.messageType(message), MsgCodecLib.RATE);
        (address a, uint128 r) = codec.decodeRate(message);
        assertEq(a, asset);
        assertEq(r, rate);
    }

    // ------------------------------------------------------------ strict decoding

    function test_messageType_revertsOnEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(MsgCodecLib.MessageTooShort.selector, 0));
        codec.messageType("");
    }

    function test_messageType_revertsOnOneByte() public {
        vm.expectRevert(abi.encodeWithSelector(MsgCodecLib.MessageTooShort.selector, 1));
        codec.messageType(hex"01");
    }

    function test_messageType_revertsOnUnknownType() public {
        for (uint256 t; t < 256; ++t) {
            if (t >= 1 && t <= 3) continue;
            vm.expectRevert(abi.encodeWithSelector(MsgCodecLib.UnknownMessageType.selector, uint8(t)));
            codec.messageType(abi.encodePacked(uint8(t), uint8(1), new bytes(72)));
        }
    }

    function test_messageType_revertsOnOtherVersion() public {
        bytes memory message = codec.encodeRelease(ASSET, ACCOUNT, 1);
        message[1] = 0x02;
        vm.expectRevert(abi.encodeWithSelector(MsgCodecLib.UnsupportedVersion.selector, 2));
        codec.messageType(message);
        message[1] = 0x00;
        vm.expectRevert(abi.encodeWithSelector(MsgCodecLib.UnsupportedVersion.selector, 0));
        codec.messageType(message);
    }

    /// @dev The type is checked before the version, and the version before the length.
    function test_messageType_checksTypeThenVersionThenLength() public {
        vm.expectRevert(abi.encodeWithSelector(MsgCodecLib.UnknownMessageType.selector, 9));
        codec.messageType(hex"0902");
        vm.expectRevert(abi.encodeWithSelector(MsgCodecLib.UnsupportedVersion.selector, 7));
        codec.messageType(hex"0107");
        vm.expectRevert(abi.encodeWithSelector(MsgCodecLib.InvalidMessageLength.selector, 1, 2, 74));
        codec.messageType(hex"0101");
    }

    function test_messageType_revertsOnTruncatedLock() public {
        bytes memory full = codec.encodeLock(ASSET, ACCOUNT, 5, 0);
        bytes memory truncated = new bytes(73);
        for (uint256 i; i < 73; ++i) {
            truncated[i] = full[i];
        }
        vm.expectRevert(abi.encodeWithSelector(MsgCodecLib.InvalidMessageLength.selector, 1, 73, 74));
        codec.decodeLock(truncated);
    }

    function test_messageType_revertsOnTrailingBytes() public {
        bytes memory message = abi.encodePacked(codec.encodeRate(ASSET, 1), hex"00");
        vm.expectRevert(abi.encodeWithSelector(MsgCodecLib.InvalidMessageLength.selector, 3, 39, 38));
        codec.decodeRate(message);
    }

    /// @dev Every length but the exact one is refused, for every type.
    function testFuzz_messageType_refusesEveryOtherLength(uint8 typeSeed, uint256 length) public {
        uint8 msgType = uint8(bound(typeSeed, 1, 3));
        uint256 expected = msgType == 1 ? 74 : msgType == 2 ? 58 : 38;
        length = bound(length, 2, 200);
        vm.assume(length != expected);
        bytes memory message = new bytes(length);
        message[0] = bytes1(msgType);
        message[1] = 0x01;
        vm.expectRevert(
            abi.encodeWithSelector(MsgCodecLib.InvalidMessageLength.selector, msgType, length, expected)
        );
        codec.messageType(message);
    }

    /// @dev A message of one type is never accepted as another: the lengths differ pairwise.
    function testFuzz_messageType_typeDeterminesLength(address asset, address account, uint128 amount) public {
        bytes memory release = codec.encodeRelease(asset, account, amount);
        release[0] = bytes1(MsgCodecLib.LOCK);
        vm.expectRevert(abi.encodeWithSelector(MsgCodecLib.InvalidMessageLength.selector, 1, 58, 74));
        codec.messageType(release);
        release[0] = bytes1(MsgCodecLib.RATE);
        vm.expectRevert(abi.encodeWithSelector(MsgCodecLib.InvalidMessageLength.selector, 3, 58, 38));
        codec.messageType(release);
    }
}
