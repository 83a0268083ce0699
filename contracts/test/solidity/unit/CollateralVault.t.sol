// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {
    ILayerZeroEndpointV2,
    Origin
} from "@layerzerolabs/lz-evm-protocol-v2/contracts/interfaces/ILayerZeroEndpointV2.sol";
import {Errors} from "@layerzerolabs/lz-evm-protocol-v2/contracts/libs/Errors.sol";
import {IOAppCore} from "@layerzerolabs/lz-evm-oapp-v2/contracts/oapp/interfaces/IOAppCore.sol";
import {OAppReceiver} from "@layerzerolabs/lz-evm-oapp-v2/contracts/oapp/OAppReceiver.sol";
import {EnforcedOptionParam} from "@layerzerolabs/lz-evm-oapp-v2/contracts/oapp/interfaces/IOAppOptionsType3.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {CollateralVault} from "../../../contracts/CollateralVault.sol";
import {MarginLedger} from "../../../contracts/MarginLedger.sol";
import {ICollateralVault} from "../../../contracts/interfaces/ICollateralVault.sol";
import {MsgCodecLib} from "../../../contracts/libraries/MsgCodecLib.sol";
import {TokenBucketLib} from "../../../contracts/libraries/TokenBucketLib.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {UnitTestBase} from "./utils/UnitTestBase.sol";

contract CollateralVaultTest is UnitTestBase {
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal stranger = makeAddr("stranger");

    CollateralVault internal vault;
    MockERC20 internal usdc;

    function setUp() public {
        _setUpChains(2);
        vault = _chain(1).vault;
        usdc = _chain(1).usdc;
    }

    /// @dev alice locks `amount` USDC on chain 1 for chain 2 and the LOCK is delivered.
    function _lockedOnTwo(uint256 amount) internal {
        _lockUsdc(alice, 1, amount, 2);
        _deliverAll();
    }

    /// @dev alice asks ledger 2 to release `amount` of chain 1's USDC to `to`; returns the RELEASE packet.
    function _releasePacket(uint256 amount, address to) internal returns (bytes memory) {
        MarginLedger ledger = _chain(2).ledger;
        uint256 fee = ledger.quoteRelease(1, address(usdc), amount, to).nativeFee;
        vm.deal(alice, fee);
        vm.prank(alice);
        ledger.requestRelease{value: fee}(1, address(usdc), amount, to);
        return _takePending(0);
    }

    // ================================================================ lock: refusals

    function test_lock_revertsOnZeroAmount() public {
        vm.prank(alice);
        vm.expectRevert(ICollateralVault.ZeroAmount.selector);
        vault.lock(address(usdc), 0, 2, alice);
    }

    function test_lock_revertsOnZeroBeneficiary() public {
        _fund(usdc, alice, address(vault), 1e6);
        vm.prank(alice);
        vm.expectRevert(ICollateralVault.ZeroAddress.selector);
        vault.lock(address(usdc), 1e6, 2, address(0));
    }

    function test_lock_revertsOnUnsupportedAsset() public {
        MockERC20 dai = new MockERC20(address(this), "Dai", "DAI", 18);
        _fund(dai, alice, address(vault), 1e18);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.AssetNotSupported.selector, address(dai)));
        vault.lock(address(dai), 1e18, 2, alice);

        // Disabling an asset stops its locks too.
        vault.configureAsset(address(usdc), false, false, type(uint128).max);
        _fund(usdc, alice, address(vault), 1e6);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.AssetNotSupported.selector, address(usdc)));
        vault.lock(address(usdc), 1e6, 2, alice);
    }

    function test_lock_revertsAboveLockCap() public {
        vault.configureAsset(address(usdc), true, false, 1_000e6);
        _lockUsdc(alice, 1, 600e6, 2);
        // The cap is on the total over every destination, same-chain included.
        _lockUsdc(alice, 1, 400e6, 1);
        _fund(usdc, alice, address(vault), 1);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(ICollateralVault.LockCapExceeded.selector, address(usdc), 1_000e6 + 1, 1_000e6)
        );
        vault.lock(address(usdc), 1, 2, alice);
        assertEq(vault.totalLocked(address(usdc)), 1_000e6);
    }

    function test_lock_revertsAboveUint128() public {
        uint256 amount = uint256(type(uint128).max) + 1;
        _fund(usdc, alice, address(vault), amount);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.AmountTooLarge.selector, amount));
        vault.lock(address(usdc), amount, 2, alice);
    }

    function test_lock_revertsWhenPaused() public {
        vm.prank(guardian);
        vault.pauseLocks();
        _fund(usdc, alice, address(vault), 1e6);
        vm.prank(alice);
        vm.expectRevert(ICollateralVault.LocksPaused.selector);
        vault.lock(address(usdc), 1e6, 2, alice);
        // Same-chain locks are paused too.
        vm.prank(alice);
        vm.expectRevert(ICollateralVault.LocksPaused.selector);
        vault.lock(address(usdc), 1e6, 1, alice);
    }

    function test_lock_revertsWhenNothingArrives() public {
        usdc.setTransferFeeBps(10_000);
        _fund(usdc, alice, address(vault), 1e6);
        vm.prank(alice);
        vm.expectRevert(ICollateralVault.ZeroAmount.selector);
        vault.lock(address(usdc), 1e6, 2, alice);
    }

    // ================================================================ lock: effects

    function test_lock_sendsLockWithAmountAndZeroRate() public {
        _fund(usdc, alice, address(vault), 1_000e6);
        uint256 fee = vault.quoteLock(address(usdc), 1_000e6, 2, bob).nativeFee;
        vm.deal(alice, fee);
        vm.expectEmit(false, true, true, true, address(vault));
        emit ICollateralVault.Locked(bytes32(0), 2, address(usdc), alice, bob, 1_000e6, 0);
        vm.prank(alice);
        (bytes32 guid, uint256 credited) = vault.lock{value: fee}(address(usdc), 1_000e6, 2, bob);
        assertTrue(guid != bytes32(0));
        assertEq(credited, 1_000e6);
        assertEq(vault.locked(2, address(usdc)), 1_000e6);
        assertEq(vault.totalLocked(address(usdc)), 1_000e6);
        assertEq(usdc.balanceOf(address(vault)), 1_000e6);
        assertEq(_pendingCount(), 1);
        assertEq(_pendingMessage(0), MsgCodecLib.encodeLock(address(usdc), bob, 1_000e6, 0));
        _deliverAll();
        (uint128 valued,) = _chain(2).ledger.balanceOf(bob, 1, address(usdc));
        assertEq(valued, 1_000e6, "beneficiary credited on the destination");
    }

    function test_lock_feeOnTransferCreditsMeasuredDelta() public {
        usdc.setTransferFeeBps(100); // 1%
        _fund(usdc, alice, address(vault), 1_000e6);
        uint256 fee = vault.quoteLock(address(usdc), 1_000e6, 2, alice).nativeFee;
        vm.deal(alice, fee);
        vm.expectEmit(false, true, true, true, address(vault));
        emit ICollateralVault.Locked(bytes32(0), 2, address(usdc), alice, alice, 990e6, 0);
        vm.prank(alice);
        (, uint256 credited) = vault.lock{value: fee}(address(usdc), 1_000e6, 2, alice);
        assertEq(credited, 990e6);
        assertEq(vault.locked(2, address(usdc)), 990e6);
        assertEq(usdc.balanceOf(address(vault)), 990e6);
        assertEq(_pendingMessage(0), MsgCodecLib.encodeLock(address(usdc), alice, 990e6, 0), "LOCK carries the delta");
        _deliverAll();
        (uint128 valued,) = _chain(2).ledger.balanceOf(alice, 1, address(usdc));
        assertEq(valued, 990e6);
        assertEq(_chain(2).ledger.credited(1, address(usdc)), vault.locked(2, address(usdc)));
        _assertVaultSolvent(1, address(usdc));
    }

    function test_lock_sameChainCreditsLocalLedgerWithoutPacket() public {
        _fund(usdc, alice, address(vault), 500e6);
        vm.prank(alice);
        (bytes32 guid, uint256 credited) = vault.lock(address(usdc), 500e6, 1, bob);
        assertEq(guid, bytes32(0));
        assertEq(credited, 500e6);
        assertEq(_pendingCount(), 0, "no packet");
        (uint128 valued,) = _chain(1).ledger.balanceOf(bob, 1, address(usdc));
        assertEq(valued, 500e6);
        assertEq(vault.locked(1, address(usdc)), 500e6);
        assertEq(_chain(1).ledger.credited(1, address(usdc)), 500e6);
        assertEq(vault.quoteLock(address(usdc), 500e6, 1, bob).nativeFee, 0, "no fee quoted");
    }

    function test_lock_sameChainRefusesFee() public {
        _fund(usdc, alice, address(vault), 500e6);
        vm.deal(alice, 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.UnexpectedFee.selector, 1));
        vault.lock{value: 1}(address(usdc), 500e6, 1, alice);
    }

    function test_lock_sameChainNeedsLocalLedger() public {
        vault.setLocalLedger(address(0));
        _fund(usdc, alice, address(vault), 500e6);
        vm.prank(alice);
        vm.expectRevert(ICollateralVault.NoLocalLedger.selector);
        vault.lock(address(usdc), 500e6, 1, alice);
    }

    function test_lock_shareCarriesItsRate() public {
        Deployment storage c = _chain(1);
        // Yield: donate half a WETH to the share (1 WETH backs 1 share) -> about 1.5 WETH per share.
        c.weth.mint(address(c.steth), 0.5e18);
        uint256 rate = c.steth.convertToAssets(1e18);
        assertGt(rate, 1.49e18);
        assertEq(vault.currentRate(address(c.steth)), rate);

        c.steth.transfer(alice, 1e18);
        vm.prank(alice);
        c.steth.approve(address(vault), 1e18);
        uint256 fee = vault.quoteLock(address(c.steth), 1e18, 2, alice).nativeFee;
        vm.deal(alice, fee);
        vm.expectEmit(false, true, true, true, address(vault));
        emit ICollateralVault.Locked(bytes32(0), 2, address(c.steth), alice, alice, 1e18, rate);
        vm.prank(alice);
        vault.lock{value: fee}(address(c.steth), 1e18, 2, alice);
        assertEq(_pendingMessage(0), MsgCodecLib.encodeLock(address(c.steth), alice, 1e18, uint128(rate)));
        // Delivered: the ledger applies it as far as the engine's growth bound allows (no time has
        // passed since listing at 1.0, so the rise is held at 1.0), and records the LOCK's nonce.
        _deliverAll();
        assertEq(_chain(2).risk.rateState(1, address(c.steth)).rate, 1e18);
        assertEq(_chain(2).risk.rateState(1, address(c.steth)).nonce, 1);
        (uint128 valued,) = _chain(2).ledger.balanceOf(alice, 1, address(c.steth));
        assertEq(valued, 1e18);
    }

    function test_quoteLock_isExactlyWhatLockNeeds() public {
        _fund(usdc, alice, address(vault), 2_000e6);
        uint256 fee = vault.quoteLock(address(usdc), 1_000e6, 2, alice).nativeFee;
        assertGt(fee, 0);
        vm.deal(alice, 10 * fee);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Errors.LZ_InsufficientFee.selector, fee, fee - 1, 0, 0));
        vault.lock{value: fee - 1}(address(usdc), 1_000e6, 2, alice);
        uint256 before = alice.balance;
        vm.prank(alice);
        vault.lock{value: fee}(address(usdc), 1_000e6, 2, alice);
        assertEq(alice.balance, before - fee);
        // An overpayment is refunded to the sender: the quote is the exact price.
        vm.prank(alice);
        vault.lock{value: 3 * fee}(address(usdc), 1_000e6, 2, alice);
        assertEq(alice.balance, before - 2 * fee);
    }

    function test_quoteLock_matchesForShares() public {
        Deployment storage c = _chain(1);
        uint256 fee = vault.quoteLock(address(c.steth), 1e18, 2, alice).nativeFee;
        c.steth.transfer(alice, 1e18);
        vm.prank(alice);
        c.steth.approve(address(vault), 1e18);
        vm.deal(alice, fee);
        vm.prank(alice);
        vault.lock{value: fee}(address(c.steth), 1e18, 2, alice);
        assertEq(alice.balance, 0);
    }

    // ================================================================ syncRate

    function test_syncRate_revertsForNonShare() public {
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.NotAShare.selector, address(usdc)));
        vault.syncRate(address(usdc), 2);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.NotAShare.selector, address(usdc)));
        vault.quoteSyncRate(address(usdc), 2);
    }

    function test_syncRate_permissionlessSendsRate() public {
        Deployment storage c = _chain(1);
        // Slashing: a fifth of the underlying is burned; the rate falls to about 0.8.
        c.weth.burn(address(c.steth), 0.2e18);
        uint256 rate = vault.currentRate(address(c.steth));
        assertLt(rate, 0.81e18);

        uint256 fee = vault.quoteSyncRate(address(c.steth), 2).nativeFee;
        vm.deal(stranger, fee);
        vm.prank(stranger);
        bytes32 guid = vault.syncRate{value: fee}(address(c.steth), 2);
        assertTrue(guid != bytes32(0));
        assertEq(_pendingMessage(0), MsgCodecLib.encodeRate(address(c.steth), uint128(rate)));
        _deliverAll();
        assertEq(_chain(2).risk.rateState(1, address(c.steth)).rate, rate, "a falling rate reaches the ledger");
    }

    function test_syncRate_sameChainAppliesLocally() public {
        Deployment storage c = _chain(1);
        c.weth.burn(address(c.steth), 0.1e18);
        uint256 rate = vault.currentRate(address(c.steth));
        vm.prank(stranger);
        bytes32 guid = vault.syncRate(address(c.steth), 1);
        assertEq(guid, bytes32(0));
        assertEq(_pendingCount(), 0);
        assertEq(c.risk.rateState(1, address(c.steth)).rate, rate);
        assertEq(vault.quoteSyncRate(address(c.steth), 1).nativeFee, 0);
        vm.deal(stranger, 1);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.UnexpectedFee.selector, 1));
        vault.syncRate{value: 1}(address(c.steth), 1);
    }

    // ================================================================ release

    function test_release_paysRecipient() public {
        _lockedOnTwo(1_000e6);
        bytes memory packet = _releasePacket(400e6, bob);
        _verifyPacket(packet);
        (ILayerZeroEndpointV2 endpoint, Origin memory origin, address receiver, bytes32 guid, bytes memory message) =
            _receiveArgs(packet);
        vm.expectEmit(true, true, true, true, address(vault));
        emit ICollateralVault.Released(guid, 2, address(usdc), bob, 400e6);
        endpoint.lzReceive(origin, receiver, guid, message, "");
        assertEq(usdc.balanceOf(bob), 400e6);
        assertEq(vault.locked(2, address(usdc)), 600e6);
        assertEq(vault.totalLocked(address(usdc)), 600e6);
        assertEq(vault.availableRelease(address(usdc)), 10_000_000e6 - 400e6);
        _assertVaultSolvent(1, address(usdc));
    }

    function test_release_toBlacklistedRecipientBecomesClaimable() public {
        _lockedOnTwo(1_000e6);
        usdc.setBlacklisted(alice, true);
        bytes memory packet = _releasePacket(400e6, alice);
        _verifyPacket(packet);
        (ILayerZeroEndpointV2 endpoint, Origin memory origin, address receiver, bytes32 guid, bytes memory message) =
            _receiveArgs(packet);
        vm.expectEmit(true, true, true, true, address(vault));
        emit ICollateralVault.ReleaseClaimable(guid, 2, address(usdc), alice, 400e6);
        endpoint.lzReceive(origin, receiver, guid, message, "");
        assertEq(vault.claimable(alice, address(usdc)), 400e6);
        assertEq(vault.totalClaimable(address(usdc)), 400e6);
        assertEq(vault.locked(2, address(usdc)), 600e6);
        assertEq(usdc.balanceOf(address(vault)), 1_000e6, "nothing left the vault");
        _assertVaultSolvent(1, address(usdc));

        // The blacklisted account claims to another address.
        vm.expectEmit(true, true, false, true, address(vault));
        emit ICollateralVault.Claimed(alice, address(usdc), bob, 400e6);
        vm.prank(alice);
        assertEq(vault.claim(address(usdc), bob), 400e6);
        assertEq(usdc.balanceOf(bob), 400e6);
        assertEq(vault.claimable(alice, address(usdc)), 0);
        assertEq(vault.totalClaimable(address(usdc)), 0);
        _assertVaultSolvent(1, address(usdc));
    }

    function test_claim_refusesNothingAndZeroAddress() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.NothingToClaim.selector, alice, address(usdc)));
        vault.claim(address(usdc), alice);
        vm.prank(alice);
        vm.expectRevert(ICollateralVault.ZeroAddress.selector);
        vault.claim(address(usdc), address(0));
    }

    function test_release_whilePausedBecomesClaimable() public {
        _lockedOnTwo(1_000e6);
        vm.prank(guardian);
        vault.pauseReleases();
        _deliverPacket(_releasePacket(300e6, alice));
        assertEq(usdc.balanceOf(alice), 0);
        assertEq(vault.claimable(alice, address(usdc)), 300e6);

        vm.prank(alice);
        vm.expectRevert(ICollateralVault.ReleasesPaused.selector);
        vault.claim(address(usdc), alice);

        vault.unpauseReleases();
        vm.prank(alice);
        vault.claim(address(usdc), alice);
        assertEq(usdc.balanceOf(alice), 300e6);
        _assertVaultSolvent(1, address(usdc));
    }

    function test_release_rateLimitedDeliveryRevertsAndRetriesAfterRefill() public {
        vault.configureRateLimit(address(usdc), 1_000e6, 10e6);
        _lockedOnTwo(5_000e6);
        _deliverPacket(_releasePacket(800e6, alice));
        assertEq(vault.availableRelease(address(usdc)), 200e6);

        bytes memory packet = _releasePacket(500e6, alice);
        _verifyPacket(packet);
        _executePacketExpectRevert(
            packet, abi.encodeWithSelector(ICollateralVault.RateLimited.selector, address(usdc), 500e6, 200e6)
        );
        assertTrue(_isVerifiedPending(packet), "the packet stays verified and retryable");
        assertEq(vault.locked(2, address(usdc)), 4_200e6, "nothing applied");
        assertEq(usdc.balanceOf(alice), 800e6);

        vm.warp(block.timestamp + 29);
        _executePacketExpectRevert(
            packet, abi.encodeWithSelector(ICollateralVault.RateLimited.selector, address(usdc), 500e6, 490e6)
        );
        vm.warp(block.timestamp + 1);
        _executePacket(packet);
        assertFalse(_isVerifiedPending(packet));
        assertEq(usdc.balanceOf(alice), 1_300e6);
        assertEq(vault.locked(2, address(usdc)), 3_700e6);
        assertEq(vault.availableRelease(address(usdc)), 0);
    }

    function test_releaseLocal_onlyLocalLedger() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.OnlyLocalLedger.selector, stranger));
        vault.releaseLocal(address(usdc), stranger, 1);
    }

    // ================================================================ malformed and unauthorized messages

    /// @dev Verifies a hand-made message from ledger 2 (the real peer) and expects its execution to revert.
    function _assertRefused(bytes memory message, bytes memory reason) internal {
        bytes memory packet = _handPacket(2, address(_chain(2).ledger), 1, address(vault), message);
        _verifyPacket(packet);
        uint256 lockedBefore = vault.locked(2, address(usdc));
        uint256 balanceBefore = usdc.balanceOf(address(vault));
        _executePacketExpectRevert(packet, reason);
        assertEq(vault.locked(2, address(usdc)), lockedBefore, "state unchanged");
        assertEq(usdc.balanceOf(address(vault)), balanceBefore, "nothing paid");
        assertEq(vault.claimable(alice, address(usdc)), 0);
        assertTrue(_isVerifiedPending(packet), "still verified");
    }

    function _release(uint128 amount) internal view returns (bytes memory) {
        return MsgCodecLib.encodeRelease(address(usdc), alice, amount);
    }

    function test_lzReceive_handMadeReleaseFromPeerIsApplied() public {
        _lockedOnTwo(1_000e6);
        bytes memory packet = _handPacket(2, address(_chain(2).ledger), 1, address(vault), _release(100e6));
        _verifyPacket(packet);
        _executePacket(packet);
        assertEq(usdc.balanceOf(alice), 100e6, "the hand-made path works end to end");
    }

    function test_lzReceive_refusesTruncatedMessage() public {
        _lockedOnTwo(1_000e6);
        bytes memory full = _release(100e6);
        bytes memory truncated = new bytes(57);
        for (uint256 i; i < 57; ++i) {
            truncated[i] = full[i];
        }
        _assertRefused(truncated, abi.encodeWithSelector(MsgCodecLib.InvalidMessageLength.selector, 2, 57, 58));
        _assertRefused(hex"02", abi.encodeWithSelector(MsgCodecLib.MessageTooShort.selector, 1));
        _assertRefused("", abi.encodeWithSelector(MsgCodecLib.MessageTooShort.selector, 0));
    }

    function test_lzReceive_refusesTrailingBytes() public {
        _lockedOnTwo(1_000e6);
        _assertRefused(
            abi.encodePacked(_release(100e6), hex"00"),
            abi.encodeWithSelector(MsgCodecLib.InvalidMessageLength.selector, 2, 59, 58)
        );
    }

    function test_lzReceive_refusesUnknownType() public {
        _lockedOnTwo(1_000e6);
        bytes memory message = _release(100e6);
        message[0] = 0x04;
        _assertRefused(message, abi.encodeWithSelector(MsgCodecLib.UnknownMessageType.selector, 4));
    }

    function test_lzReceive_refusesWrongVersion() public {
        _lockedOnTwo(1_000e6);
        bytes memory message = _release(100e6);
        message[1] = 0x02;
        _assertRefused(message, abi.encodeWithSelector(MsgCodecLib.UnsupportedVersion.selector, 2));
    }

    function test_lzReceive_refusesLockAndRateMessages() public {
        _lockedOnTwo(1_000e6);
        _assertRefused(
            MsgCodecLib.encodeLock(address(usdc), alice, 100e6, 0),
            abi.encodeWithSelector(ICollateralVault.UnexpectedMessageType.selector, MsgCodecLib.LOCK)
        );
        _assertRefused(
            MsgCodecLib.encodeRate(address(usdc), 1e18),
            abi.encodeWithSelector(ICollateralVault.UnexpectedMessageType.selector, MsgCodecLib.RATE)
        );
    }

    function test_lzReceive_refusesReleaseAboveLocked() public {
        _lockedOnTwo(1_000e6);
        _assertRefused(
            _release(1_000e6 + 1),
            abi.encodeWithSelector(
                ICollateralVault.ReleaseExceedsLocked.selector, 2, address(usdc), 1_000e6 + 1, 1_000e6
            )
        );
    }

    /// @dev A sender that never was a peer cannot even get a packet verified.
    function test_lzReceive_nonPeerCannotBeVerified() public {
        bytes memory packet = _handPacket(2, stranger, 1, address(vault), _release(1));
        vm.expectRevert(Errors.LZ_PathNotInitializable.selector);
        _chain(1).lib.validatePacket(packet);
    }

    /// @dev A packet verified from a former peer (path already open) is refused once the peer changes.
    function test_lzReceive_refusesFormerPeer() public {
        _lockedOnTwo(1_000e6);
        address oldPeer = address(_chain(2).ledger);
        _deliverPacket(_releasePacket(100e6, alice)); // opens the path from the real peer
        bytes memory packet = _handPacket(2, oldPeer, 1, address(vault), _release(100e6));
        _verifyPacket(packet);
        vault.setPeer(2, _toBytes32(makeAddr("newLedger")));
        _executePacketExpectRevert(
            packet, abi.encodeWithSelector(IOAppCore.OnlyPeer.selector, 2, _toBytes32(oldPeer))
        );
        assertEq(vault.locked(2, address(usdc)), 900e6);
    }

    function test_lzReceive_refusesNonPeerEvenFromEndpoint() public {
        Origin memory origin = Origin({srcEid: 2, sender: _toBytes32(stranger), nonce: 1});
        vm.prank(address(_chain(1).endpoint));
        vm.expectRevert(abi.encodeWithSelector(IOAppCore.OnlyPeer.selector, 2, _toBytes32(stranger)));
        vault.lzReceive(origin, bytes32(0), _release(1), address(0), "");
    }

    function test_lzReceive_refusesDirectCall() public {
        Origin memory origin = Origin({srcEid: 2, sender: _toBytes32(address(_chain(2).ledger)), nonce: 1});
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(OAppReceiver.OnlyEndpoint.selector, stranger));
        vault.lzReceive(origin, bytes32(0), _release(1), address(0), "");
    }

    // ================================================================ pause, ownership, access

    function test_pause_guardianPausesOnlyOwnerUnpauses() public {
        vm.startPrank(guardian);
        vault.pauseLocks();
        vault.pauseReleases();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, guardian));
        vault.unpauseLocks();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, guardian));
        vault.unpauseReleases();
        vm.stopPrank();
        assertTrue(vault.locksPaused());
        assertTrue(vault.releasesPaused());

        vault.unpauseLocks();
        vault.unpauseReleases();
        assertFalse(vault.locksPaused());
        assertFalse(vault.releasesPaused());
        // The owner can pause too.
        vault.pauseLocks();
        assertTrue(vault.locksPaused());
    }

    function test_ownership_isTwoStep() public {
        vault.transferOwnership(bob);
        assertEq(vault.owner(), address(this), "owner unchanged until accepted");
        assertEq(vault.pendingOwner(), bob);

        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vault.acceptOwnership();

        vm.prank(bob);
        vault.acceptOwnership();
        assertEq(vault.owner(), bob);
        assertEq(vault.pendingOwner(), address(0));

        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        vault.configureAsset(address(usdc), true, false, 1);
    }

    function test_access_strangerRefusedOnEveryOwnerFunction() public {
        bytes memory unauthorized = abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger);
        vm.startPrank(stranger);
        vm.expectRevert(unauthorized);
        vault.configureAsset(address(usdc), true, false, 1);
        vm.expectRevert(unauthorized);
        vault.configureRateLimit(address(usdc), 1, 1);
        vm.expectRevert(unauthorized);
        vault.setGuardian(stranger);
        vm.expectRevert(unauthorized);
        vault.setLocalLedger(stranger);
        vm.expectRevert(unauthorized);
        vault.unpauseLocks();
        vm.expectRevert(unauthorized);
        vault.unpauseReleases();
        vm.expectRevert(unauthorized);
        vault.transferOwnership(stranger);
        vm.expectRevert(unauthorized);
        vault.renounceOwnership();
        vm.expectRevert(unauthorized);
        vault.setPeer(2, _toBytes32(stranger));
        vm.expectRevert(unauthorized);
        vault.setDelegate(stranger);
        vm.expectRevert(unauthorized);
        vault.setEnforcedOptions(new EnforcedOptionParam[](0));
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.OnlyGuardian.selector, stranger));
        vault.pauseLocks();
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.OnlyGuardian.selector, stranger));
        vault.pauseReleases();
        vm.stopPrank();
    }

    function test_configureRateLimit_startsFull() public {
        vault.configureRateLimit(address(usdc), 5e6, 1);
        TokenBucketLib.Bucket memory b = vault.rateLimit(address(usdc));
        assertEq(b.capacity, 5e6);
        assertEq(b.refillPerSecond, 1);
        assertEq(vault.availableRelease(address(usdc)), 5e6);
    }

    function test_configureAsset_refusesZeroAddress() public {
        vm.expectRevert(ICollateralVault.ZeroAddress.selector);
        vault.configureAsset(address(0), true, false, 1);
    }
}
