// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {Vm} from "forge-std/Vm.sol";
import {Origin} from "@layerzerolabs/lz-evm-protocol-v2/contracts/interfaces/ILayerZeroEndpointV2.sol";
import {EnforcedOptionParam} from "@layerzerolabs/lz-evm-oapp-v2/contracts/oapp/interfaces/IOAppOptionsType3.sol";
import {MessagingFee, SendParam} from "@layerzerolabs/lz-evm-oapp-v2/contracts/oft/interfaces/IOFT.sol";

import {MockERC4626} from "../../../contracts/mocks/MockERC4626.sol";
import {BallastTestBase} from "../utils/BallastTestBase.sol";
import {ReferenceOFT, ReferenceOFTAdapter} from "./ReferenceOFT.sol";

/// @title GasBenchBase
/// @notice Ballast and LayerZero's reference OFT side by side on the same two chains (same
/// EndpointV2 + SimpleMessageLib, same USDC): the adapter locks chain 1's USDC and sends to an OFT
/// (mint) on chain 2, a second adapter pair sends chain 1 USDC to an adapter over chain 2's USDC
/// (unlock). Each concrete bench prepares ONE scenario in `setUp` and measures one call per test.
/// @dev Why one call per test: every test function runs in its own transaction after `setUp`, so
/// every account and slot the measured call touches is cold and every SSTORE is priced on the value
/// `setUp` left, exactly as in a fresh transaction on a real chain. Packets are verified
/// (`validatePacket`) in `setUp` too, so the measured `endpoint.lzReceive` reads the payload hash cold,
/// as the executor's transaction does.
///
/// Two figures per call, measured the same way for both systems:
/// - `exec`: the callee's execution gas (`vm.lastCallGas().gasTotalUsed`), gross of refunds: what a
///   transaction's execution costs beyond the intrinsic gas, and what an executor's gas limit must cover;
/// - `gasleftDelta`: `gasleft()` before minus after, in the test frame: `exec` plus the caller-side
///   cost of the CALL (cold account 2,600, value transfer 9,000 less the 2,300 stipend, ABI encoding).
/// For a source call the full transaction gas is also computed: 21,000 + calldata (EIP-2028: 16 per
/// non-zero byte, 4 per zero byte) + exec - refund (capped at a fifth), or the EIP-7623 floor
/// (21,000 + 10 per token, a token being a zero byte or a quarter of a non-zero byte) if higher.
/// When GAS_BENCH_OUT names a folder (scripts/bench.ts sets it), each measurement is written there
/// as `<name>.json`.
abstract contract GasBenchBase is BallastTestBase {
    uint256 internal constant AMOUNT = 1_000e6;
    uint16 internal constant OFT_SEND = 1;

    /// Chain 1 USDC -> chain 2 OFT (mint, burn).
    ReferenceOFTAdapter internal adapter;
    ReferenceOFT internal oft;
    /// Chain 1 USDC -> chain 2 USDC (lockbox on both sides: the receive is a token transfer).
    ReferenceOFTAdapter internal adapterOut;
    ReferenceOFTAdapter internal adapterIn;

    /// A verified packet per receiver, not yet executed.
    mapping(address receiver => bytes packet) internal verified;

    /// Fees quoted in `setUp`: a quote inside the measured transaction would warm the slots the
    /// measured call reads (asset config, enforced options, peers, the endpoint's library lookup).
    uint256 internal lockFee;
    MessagingFee internal sendFee;

    error OnePacketPerReceiver(address receiver);
    error NoVerifiedPacket(address receiver);

    struct Measurement {
        uint256 exec;
        uint256 gasleftDelta;
        int256 refund;
    }

    function _setUpBench() internal {
        _setUpChains(2);
        Deployment storage c1 = _chain(1);
        Deployment storage c2 = _chain(2);
        adapter = new ReferenceOFTAdapter(address(c1.usdc), address(c1.endpoint), address(this));
        oft = new ReferenceOFT("USD Coin OFT", "USDC.oft", address(c2.endpoint), address(this));
        adapterOut = new ReferenceOFTAdapter(address(c1.usdc), address(c1.endpoint), address(this));
        adapterIn = new ReferenceOFTAdapter(address(c2.usdc), address(c2.endpoint), address(this));
        _pair(address(adapter), 1, address(oft), 2);
        _pair(address(adapterOut), 1, address(adapterIn), 2);
        // The unlock side needs liquidity (the OFT side mints).
        c2.usdc.mint(address(adapterIn), 1_000_000e6);
    }

    /// @dev Peers both ways and the same enforced executor option as a Ballast LOCK.
    function _pair(address a, uint32 eidA, address b, uint32 eidB) internal {
        ReferenceOFTAdapter(a).setPeer(eidB, bytes32(uint256(uint160(b))));
        ReferenceOFTAdapter(b).setPeer(eidA, bytes32(uint256(uint160(a))));
        EnforcedOptionParam[] memory options = new EnforcedOptionParam[](1);
        options[0] = EnforcedOptionParam(eidB, OFT_SEND, _lzReceiveOption(LOCK_GAS));
        ReferenceOFTAdapter(a).setEnforcedOptions(options);
        options[0] = EnforcedOptionParam(eidA, OFT_SEND, _lzReceiveOption(LOCK_GAS));
        ReferenceOFTAdapter(b).setEnforcedOptions(options);
    }

    // ------------------------------------------------------------ source calls

    function _sendParam(address to, uint256 amount) internal pure returns (SendParam memory) {
        return SendParam({
            dstEid: 2,
            to: bytes32(uint256(uint160(to))),
            amountLD: amount,
            minAmountLD: amount,
            extraOptions: "",
            composeMsg: "",
            oftCmd: ""
        });
    }

    /// @dev Mints `AMOUNT` twice over (balances and allowances stay non-zero after the call, as for
    /// a typical holder), approves the vault and the adapter for it, funds and quotes the fees.
    function _prepareSender(address who) internal {
        Deployment storage c1 = _chain(1);
        _fund(c1.usdc, who, address(c1.vault), 2 * AMOUNT);
        vm.prank(who);
        c1.usdc.approve(address(adapter), 2 * AMOUNT);
        vm.deal(who, 1 ether);
        lockFee = c1.vault.quoteLock(address(c1.usdc), AMOUNT, 2, who).nativeFee;
        sendFee = adapter.quoteSend(_sendParam(who, AMOUNT), false);
    }

    /// @dev `who` sends `amount` of chain 1 USDC through `oapp` (an adapter) to itself on chain 2.
    function _oftSend(ReferenceOFTAdapter oapp, address who, uint256 amount) internal {
        _fund(_chain(1).usdc, who, address(oapp), amount);
        SendParam memory param = _sendParam(who, amount);
        MessagingFee memory fee = oapp.quoteSend(param, false);
        vm.deal(who, who.balance + fee.nativeFee);
        vm.prank(who);
        // solhint-disable-next-line check-send-result
        oapp.send{value: fee.nativeFee}(param, fee, who);
        _capture();
    }

    function _measureLock(address who) internal returns (Measurement memory m, bytes memory data) {
        Deployment storage c1 = _chain(1);
        address usdc = address(c1.usdc);
        uint256 fee = lockFee;
        data = abi.encodeCall(c1.vault.lock, (usdc, AMOUNT, 2, who));
        vm.prank(who);
        uint256 before = gasleft();
        c1.vault.lock{value: fee}(usdc, AMOUNT, 2, who);
        uint256 afterCall = gasleft();
        m = _lastCall(before - afterCall);
    }

    function _measureOftSend(address who) internal returns (Measurement memory m, bytes memory data) {
        SendParam memory param = _sendParam(who, AMOUNT);
        MessagingFee memory fee = sendFee;
        // solhint-disable-next-line check-send-result
        data = abi.encodeCall(adapter.send, (param, fee, who));
        vm.prank(who);
        uint256 before = gasleft();
        // solhint-disable-next-line check-send-result, multiple-sends
        adapter.send{value: fee.nativeFee}(param, fee, who);
        uint256 afterCall = gasleft();
        m = _lastCall(before - afterCall);
    }

    function _lastCall(uint256 gasleftDelta) internal view returns (Measurement memory m) {
        Vm.Gas memory g = vm.lastCallGas();
        m = Measurement({exec: g.gasTotalUsed, gasleftDelta: gasleftDelta, refund: g.gasRefunded});
    }

    /// @notice Calldata gas under EIP-2028 and the EIP-7623 floor token count.
    function _calldataCost(bytes memory data) internal pure returns (uint256 gas, uint256 tokens, uint256 zeros) {
        for (uint256 i; i < data.length; ++i) {
            if (data[i] == 0) ++zeros;
        }
        uint256 nonZeros = data.length - zeros;
        gas = 16 * nonZeros + 4 * zeros;
        tokens = zeros + 4 * nonZeros;
    }

    /// @notice Gas of a transaction whose whole execution is the measured call.
    function _txGas(Measurement memory m, bytes memory data)
        internal
        pure
        returns (uint256 txGas, uint256 standard, uint256 floor)
    {
        (uint256 calldataGas, uint256 tokens,) = _calldataCost(data);
        uint256 gross = 21_000 + calldataGas + m.exec;
        uint256 refund = m.refund > 0 ? uint256(m.refund) : 0;
        if (refund > gross / 5) refund = gross / 5;
        standard = gross - refund;
        floor = 21_000 + 10 * tokens;
        txGas = standard > floor ? standard : floor;
    }

    // ------------------------------------------------------------ deliveries

    /// @dev Verifies every captured packet on its destination and keeps it by receiver.
    function _verifyPending() internal {
        _capture();
        while (pending.length > 0) {
            bytes memory encoded = pending[pending.length - 1].encoded;
            pending.pop();
            (, uint32 dstEid, address receiver,,) = decoder.decode(encoded);
            if (verified[receiver].length != 0) revert OnePacketPerReceiver(receiver);
            _chain(dstEid).lib.validatePacket(encoded);
            verified[receiver] = encoded;
        }
    }

    /// @dev Executes the verified packet for `receiver` as an executor would, with `gasLimit`.
    function _measureDelivery(address receiver, uint256 gasLimit) internal returns (Measurement memory m) {
        bytes memory encoded = verified[receiver];
        if (encoded.length == 0) revert NoVerifiedPacket(receiver);
        (Origin memory origin, uint32 dstEid,, bytes32 guid, bytes memory message) = decoder.decode(encoded);
        Deployment storage dst = _chain(dstEid);
        uint256 before = gasleft();
        dst.endpoint.lzReceive{gas: gasLimit}(origin, receiver, guid, message, "");
        uint256 afterCall = gasleft();
        m = _lastCall(before - afterCall);
    }

    // ------------------------------------------------------------ output

    /// @dev Writes one measurement when GAS_BENCH_OUT is set. `side` is "source" or "receive".
    function _record(string memory name, string memory side, string memory system, Measurement memory m)
        internal
        returns (string memory json)
    {
        json = vm.serializeString(name, "name", name);
        json = vm.serializeString(name, "side", side);
        json = vm.serializeString(name, "system", system);
        json = vm.serializeUint(name, "exec", m.exec);
        json = vm.serializeUint(name, "gasleftDelta", m.gasleftDelta);
        json = vm.serializeInt(name, "refund", m.refund);
        _write(name, json);
    }

    function _recordSource(string memory name, string memory system, Measurement memory m, bytes memory data)
        internal
        returns (uint256 txGas)
    {
        (uint256 calldataGas, uint256 tokens, uint256 zeros) = _calldataCost(data);
        uint256 standard;
        uint256 floor;
        (txGas, standard, floor) = _txGas(m, data);
        vm.serializeUint(name, "calldataBytes", data.length);
        vm.serializeUint(name, "calldataZeroBytes", zeros);
        vm.serializeUint(name, "calldataGas", calldataGas);
        vm.serializeUint(name, "floorTokens", tokens);
        vm.serializeUint(name, "floorGas", floor);
        vm.serializeUint(name, "standardGas", standard);
        vm.serializeUint(name, "txGas", txGas);
        _record(name, "source", system, m);
    }

    function _write(string memory name, string memory json) internal {
        string memory dir = vm.envOr("GAS_BENCH_OUT", string(""));
        if (bytes(dir).length > 0) vm.writeJson(json, string.concat(dir, "/", name, ".json"));
    }

    // ------------------------------------------------------------ extra assets

    /// @dev A share the vault on chain 1 accepts but chain 2's risk engine does not list.
    function _unlistedShare() internal returns (MockERC4626 share) {
        Deployment storage c1 = _chain(1);
        share = new MockERC4626(c1.weth, "Unlisted Share", "uSH");
        c1.weth.mint(address(this), 1e18);
        c1.weth.approve(address(share), 1e18);
        share.deposit(1e18, address(this));
        c1.vault.configureAsset(address(share), true, true, type(uint128).max);
    }
}
