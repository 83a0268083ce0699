// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {
    ILayerZeroEndpointV2,
    Origin
} from "@layerzerolabs/lz-evm-protocol-v2/contracts/interfaces/ILayerZeroEndpointV2.sol";
import {Packet as LzPacket} from "@layerzerolabs/lz-evm-protocol-v2/contracts/interfaces/ISendLib.sol";
import {PacketV1Codec} from "@layerzerolabs/lz-evm-protocol-v2/contracts/messagelib/libs/PacketV1Codec.sol";

import {MarginLedger} from "../../../../contracts/MarginLedger.sol";
import {IMarket} from "../../../../contracts/interfaces/IMarket.sol";
import {IRiskEngine} from "../../../../contracts/interfaces/IRiskEngine.sol";
import {MockERC20} from "../../../../contracts/mocks/MockERC20.sol";
import {BallastTestBase} from "../../utils/BallastTestBase.sol";

/// @dev A market the tests drive by hand: it reports whatever margin figures it is told and forwards
/// the market-only ledger calls, so the ledger's accounting can be exercised without a price path.
contract TestMarket is IMarket {
    struct Figures {
        int256 unrealizedPnl;
        uint256 initialMargin;
        uint256 maintenanceMargin;
        bool priceOk;
        bool hasPosition;
    }

    MarginLedger public immutable ledger;
    mapping(address account => Figures) public figures;

    constructor(MarginLedger ledger_) {
        ledger = ledger_;
    }

    function setFigures(address account, int256 pnl, uint256 im, uint256 mm, bool priceOk, bool hasPosition_)
        external
    {
        figures[account] = Figures(pnl, im, mm, priceOk, hasPosition_);
    }

    function accountMargin(address account) external view returns (int256, uint256, uint256, bool) {
        Figures memory f = figures[account];
        if (!f.hasPosition) return (0, 0, 0, true);
        return (f.unrealizedPnl, f.initialMargin, f.maintenanceMargin, f.priceOk);
    }

    function hasPosition(address account) external view returns (bool) {
        return figures[account].hasPosition;
    }

    function settlePnl(address account, int256 amount) external returns (int256) {
        return ledger.settlePnl(account, amount);
    }

    function chargePenalty(address account, uint256 penalty, address keeper, uint256 reward) external {
        ledger.chargePenalty(account, penalty, keeper, reward);
    }

    /// @dev Pulls `amount` of the quote from the caller and deposits it as this market's cash.
    function deposit(uint256 amount) external {
        MockERC20 quote = MockERC20(ledger.quote());
        quote.transferFrom(msg.sender, address(this), amount);
        quote.approve(address(ledger), amount);
        ledger.marketDeposit(msg.sender, amount);
    }

    function withdraw(address to, uint256 amount) external {
        ledger.marketWithdraw(to, amount);
    }
}

/// @dev Helpers shared by the unit tests: hand-made packets through the real endpoint, split
/// verification and execution (for out-of-order and expected-revert deliveries), configs and the
/// quote-conservation check (invariant 5).
abstract contract UnitTestBase is BallastTestBase {
    bytes32 internal constant HAND_GUID_SALT = keccak256("ballast.unit.hand-made");

    // ------------------------------------------------------------ packets

    function _toBytes32(address a) internal pure returns (bytes32) {
        return bytes32(uint256(uint160(a)));
    }

    /// @dev Builds a packet `sender`@`srcEid` -> `receiver`@`dstEid` carrying `message`, with the next
    /// inbound nonce of that path on the destination endpoint.
    function _handPacket(uint32 srcEid, address sender, uint32 dstEid, address receiver, bytes memory message)
        internal
        view
        returns (bytes memory)
    {
        uint64 nonce = _chain(dstEid).endpoint.inboundNonce(receiver, srcEid, _toBytes32(sender)) + 1;
        return PacketV1Codec.encode(
            LzPacket({
                nonce: nonce,
                srcEid: srcEid,
                sender: sender,
                dstEid: dstEid,
                receiver: _toBytes32(receiver),
                guid: keccak256(abi.encode(HAND_GUID_SALT, srcEid, sender, dstEid, receiver, nonce)),
                message: message
            })
        );
    }

    /// @dev Verifies `encoded` on its destination through the real SimpleMessageLib.
    function _verifyPacket(bytes memory encoded) internal {
        (, uint32 dstEid,,,) = decoder.decode(encoded);
        _chain(dstEid).lib.validatePacket(encoded);
    }

    /// @dev Executes an already verified packet on its destination endpoint.
    function _executePacket(bytes memory encoded) internal {
        (Origin memory origin, uint32 dstEid, address receiver, bytes32 guid, bytes memory message) =
            decoder.decode(encoded);
        _chain(dstEid).endpoint.lzReceive(origin, receiver, guid, message, "");
    }

    /// @dev What `endpoint.lzReceive` takes for `encoded`, so a test can put vm.expectEmit right before it.
    function _receiveArgs(bytes memory encoded)
        internal
        view
        returns (
            ILayerZeroEndpointV2 endpoint,
            Origin memory origin,
            address receiver,
            bytes32 guid,
            bytes memory message
        )
    {
        uint32 dstEid;
        (origin, dstEid, receiver, guid, message) = decoder.decode(encoded);
        endpoint = _chain(dstEid).endpoint;
    }

    /// @dev Executes an already verified packet and expects the OApp's revert `reason` to bubble up.
    function _executePacketExpectRevert(bytes memory encoded, bytes memory reason) internal {
        (Origin memory origin, uint32 dstEid, address receiver, bytes32 guid, bytes memory message) =
            decoder.decode(encoded);
        vm.expectRevert(reason);
        _chain(dstEid).endpoint.lzReceive(origin, receiver, guid, message, "");
    }

    /// @dev True while `encoded` is verified and not yet executed (retryable) on its destination.
    function _isVerifiedPending(bytes memory encoded) internal view returns (bool) {
        (Origin memory origin, uint32 dstEid, address receiver,,) = decoder.decode(encoded);
        return _chain(dstEid).endpoint.inboundPayloadHash(receiver, origin.srcEid, origin.sender, origin.nonce)
            != bytes32(0);
    }

    /// @dev Removes pending packet `index` without delivering it and returns its encoding.
    function _takePending(uint256 index) internal returns (bytes memory encoded) {
        _capture();
        encoded = pending[index].encoded;
        pending[index] = pending[pending.length - 1];
        pending.pop();
    }

    /// @dev The application message of pending packet `index`.
    function _pendingMessage(uint256 index) internal returns (bytes memory message) {
        _capture();
        (,,,, message) = decoder.decode(pending[index].encoded);
    }

    // ------------------------------------------------------------ configs

    function _usdcLike(address feed) internal pure returns (IRiskEngine.CollateralConfig memory) {
        return IRiskEngine.CollateralConfig({
            feed: feed,
            maxStaleness: 1 days,
            tokenDecimals: 6,
            priceDecimals: 0,
            isShare: false,
            minAnswer: 0.9e8,
            maxAnswer: 1.1e8,
            collateralFactor: 0.95e18,
            liquidationFactor: 0.97e18,
            liquidationBonus: 0.02e18,
            maxRateGrowthPerDay: 0,
            cap: type(uint128).max
        });
    }

    function _ethLike(address feed, bool isShare) internal pure returns (IRiskEngine.CollateralConfig memory) {
        return IRiskEngine.CollateralConfig({
            feed: feed,
            maxStaleness: 1 hours,
            tokenDecimals: 18,
            priceDecimals: 0,
            isShare: isShare,
            minAnswer: 1e6,
            maxAnswer: 1e14,
            collateralFactor: isShare ? 0.75e18 : 0.8e18,
            liquidationFactor: isShare ? 0.8e18 : 0.85e18,
            liquidationBonus: 0.05e18,
            maxRateGrowthPerDay: isShare ? 0.01e18 : 0,
            cap: type(uint128).max
        });
    }

    // ------------------------------------------------------------ invariants

    /// @dev Invariant 5 on chain `eid`: quote.balanceOf(ledger) == totalCash + insuranceFund.
    function _assertQuoteConserved(uint32 eid) internal view {
        Deployment storage c = _chain(eid);
        assertEq(
            int256(c.usdc.balanceOf(address(c.ledger))),
            c.ledger.totalCash() + int256(c.ledger.insuranceFund()),
            "invariant 5: quote held == totalCash + insurance"
        );
    }

    /// @dev Invariant 2 on chain `eid` for `asset`: vault balance >= totalLocked + totalClaimable.
    function _assertVaultSolvent(uint32 eid, address asset) internal view {
        Deployment storage c = _chain(eid);
        assertGe(
            MockERC20(asset).balanceOf(address(c.vault)),
            c.vault.totalLocked(asset) + c.vault.totalClaimable(asset),
            "invariant 2: vault solvent"
        );
    }
}
