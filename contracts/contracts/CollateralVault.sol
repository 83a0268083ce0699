// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {OApp, Origin, MessagingFee, MessagingReceipt} from "@layerzerolabs/lz-evm-oapp-v2/contracts/oapp/OApp.sol";
import {OAppOptionsType3} from "@layerzerolabs/lz-evm-oapp-v2/contracts/oapp/libs/OAppOptionsType3.sol";
import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {ICollateralVault} from "./interfaces/ICollateralVault.sol";
import {ILocalLedger} from "./interfaces/ILocalLedger.sol";
import {MsgCodecLib} from "./libraries/MsgCodecLib.sol";
import {TokenBucketLib} from "./libraries/TokenBucketLib.sol";

/// @title CollateralVault
/// @notice Custody only: holds locked collateral, sends LOCK and RATE, pays RELEASE.
/// @dev Peers: the vault's peer on chain B is B's MarginLedger.
contract CollateralVault is ICollateralVault, OApp, OAppOptionsType3, Ownable2Step, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using TokenBucketLib for TokenBucketLib.Bucket;

    /// @notice Raw share units whose asset value is the rate a LOCK carries.
    uint256 internal constant RATE_UNIT = 1e18;

    /// @inheritdoc ICollateralVault
    uint32 public immutable localEid;

    /// @inheritdoc ICollateralVault
    address public guardian;
    /// @inheritdoc ICollateralVault
    bool public locksPaused;
    /// @inheritdoc ICollateralVault
    bool public releasesPaused;
    /// @inheritdoc ICollateralVault
    address public localLedger;

    mapping(address asset => AssetConfig) internal _assetConfig;
    mapping(address asset => TokenBucketLib.Bucket) internal _buckets;
    mapping(uint32 dstEid => mapping(address asset => uint256)) internal _locked;
    /// @dev Per asset, in one slot because a parked release writes both: `locked` (sum over
    /// destinations of `_locked`) and `claimable` (sum over accounts of `_claimable`). Both fit 128
    /// bits: `locked` <= the uint128 lock cap, and locked + claimable <= the vault's token balance.
    struct AssetTotals {
        uint128 locked;
        uint128 claimable;
    }

    mapping(address asset => AssetTotals) internal _totals;
    mapping(address account => mapping(address asset => uint256)) internal _claimable;

    constructor(address endpoint_, address owner_) OApp(endpoint_, owner_) Ownable(owner_) {
        localEid = endpoint.eid();
    }

    modifier onlyGuardianOrOwner() {
        if (msg.sender != guardian && msg.sender != owner()) revert OnlyGuardian(msg.sender);
        _;
    }

    // ---------------------------------------------------------------- lock

    /// @inheritdoc ICollateralVault
    function lock(address asset, uint256 amount, uint32 dstEid, address beneficiary)
        external
        payable
        nonReentrant
        returns (bytes32 guid, uint256 credited)
    {
        if (locksPaused) revert LocksPaused();
        if (amount == 0) revert ZeroAmount();
        if (beneficiary == address(0)) revert ZeroAddress();
        AssetConfig memory config = _assetConfig[asset];
        if (!config.supported) revert AssetNotSupported(asset);

        // Fee-on-transfer safe: credit what arrived, not what was asked.
        uint256 balanceBefore = IERC20(asset).balanceOf(address(this));
        IERC20(asset).safeTransferFrom(msg.sender, address(this), amount);
        credited = IERC20(asset).balanceOf(address(this)) - balanceBefore;
        if (credited == 0) revert ZeroAmount();
        if (credited > type(uint128).max) revert AmountTooLarge(credited);

        uint256 totalAfter = _totals[asset].locked + credited;
        if (totalAfter > config.lockCap) revert LockCapExceeded(asset, totalAfter, config.lockCap);

        // Invariant 2 (vault solvency): `locked` grows by exactly the tokens that arrived, so
        // balanceOf(vault) >= sum over dst of locked[dst][asset] + totalClaimable[asset] holds.
        // Invariant 1 (lane conservation): locked[dst][asset] grows in the same transaction that
        // emits the LOCK; until the ledger credits it, the difference is this in-flight message.
        _totals[asset].locked = uint128(totalAfter); // <= lockCap
        _locked[dstEid][asset] += credited;

        uint256 rate = config.isShare ? _shareRate(asset) : 0;
        if (dstEid == localEid) {
            if (msg.value != 0) revert UnexpectedFee(msg.value);
            address ledger = localLedger;
            if (ledger == address(0)) revert NoLocalLedger();
            ILocalLedger(ledger).creditLocal(asset, beneficiary, credited, rate);
        } else {
            bytes memory message = MsgCodecLib.encodeLock(asset, beneficiary, uint128(credited), uint128(rate));
            MessagingReceipt memory receipt = _lzSend(
                dstEid, message, enforcedOptions[dstEid][MsgCodecLib.LOCK], MessagingFee(msg.value, 0), msg.sender
            );
            guid = receipt.guid;
        }
        emit Locked(guid, dstEid, asset, msg.sender, beneficiary, credited, rate);
    }

    /// @inheritdoc ICollateralVault
    function quoteLock(address asset, uint256 amount, uint32 dstEid, address beneficiary)
        external
        view
        returns (MessagingFee memory fee)
    {
        if (dstEid == localEid) return fee;
        uint256 rate = _assetConfig[asset].isShare ? _shareRate(asset) : 0;
        bytes memory message =
            MsgCodecLib.encodeLock(asset, beneficiary, SafeCast.toUint128(amount), SafeCast.toUint128(rate));
        return _quote(dstEid, message, enforcedOptions[dstEid][MsgCodecLib.LOCK], false);
    }

    // ---------------------------------------------------------------- rate sync

    /// @inheritdoc ICollateralVault
    function syncRate(address asset, uint32 dstEid) external payable nonReentrant returns (bytes32 guid) {
        if (!_assetConfig[asset].isShare) revert NotAShare(asset);
        uint256 rate = _shareRate(asset);
        if (dstEid == localEid) {
            if (msg.value != 0) revert UnexpectedFee(msg.value);
            address ledger = localLedger;
            if (ledger == address(0)) revert NoLocalLedger();
            ILocalLedger(ledger).syncRateLocal(asset, rate);
        } else {
            bytes memory message = MsgCodecLib.encodeRate(asset, uint128(rate));
            MessagingReceipt memory receipt = _lzSend(
                dstEid, message, enforcedOptions[dstEid][MsgCodecLib.RATE], MessagingFee(msg.value, 0), msg.sender
            );
            guid = receipt.guid;
        }
        emit RateSynced(guid, dstEid, asset, rate);
    }

    /// @inheritdoc ICollateralVault
    function quoteSyncRate(address asset, uint32 dstEid) external view returns (MessagingFee memory fee) {
        if (!_assetConfig[asset].isShare) revert NotAShare(asset);
        if (dstEid == localEid) return fee;
        bytes memory message = MsgCodecLib.encodeRate(asset, uint128(_shareRate(asset)));
        return _quote(dstEid, message, enforcedOptions[dstEid][MsgCodecLib.RATE], false);
    }

    // ---------------------------------------------------------------- release

    /// @dev RELEASE from a ledger peer (the endpoint and peer checks ran in `lzReceive`).
    /// A malformed payload reverts with the codec's error and the packet stays retryable on the endpoint.
    function _lzReceive(Origin calldata origin, bytes32 guid, bytes calldata message, address, bytes calldata)
        internal
        override
        nonReentrant
    {
        uint8 msgType = MsgCodecLib.messageType(message);
        if (msgType != MsgCodecLib.RELEASE) revert UnexpectedMessageType(msgType);
        (address asset, address recipient, uint128 amount) = MsgCodecLib.decodeRelease(message);
        _release(guid, origin.srcEid, asset, recipient, amount);
    }

    /// @inheritdoc ICollateralVault
    function releaseLocal(address asset, address recipient, uint256 amount) external nonReentrant {
        if (msg.sender != localLedger) revert OnlyLocalLedger(msg.sender);
        _release(bytes32(0), localEid, asset, recipient, amount);
    }

    /// @dev Pays a release or parks it as claimable; never loses it. Reverts (leaving the message
    /// retryable) only when the bucket is empty or the release exceeds what is locked.
    function _release(bytes32 guid, uint32 srcEid, address asset, address recipient, uint256 amount) internal {
        uint256 lockedNow = _locked[srcEid][asset];
        if (amount > lockedNow) revert ReleaseExceedsLocked(srcEid, asset, amount, lockedNow);
        TokenBucketLib.Bucket storage bucket = _buckets[asset];
        if (!bucket.tryConsume(amount)) revert RateLimited(asset, amount, bucket.available(block.timestamp));

        // Invariant 2: locked shrinks by `amount` and either the balance shrinks by the same amount
        // (paid) or totalClaimable grows by it (parked), so solvency is kept on both paths.
        _locked[srcEid][asset] = lockedNow - amount;
        AssetTotals storage totals = _totals[asset];
        totals.locked -= uint128(amount); // amount <= lockedNow <= totals.locked

        if (releasesPaused || recipient == address(0) || !IERC20(asset).trySafeTransfer(recipient, amount)) {
            _claimable[recipient][asset] += amount;
            totals.claimable += uint128(amount);
            emit ReleaseClaimable(guid, srcEid, asset, recipient, amount);
        } else {
            emit Released(guid, srcEid, asset, recipient, amount);
        }
    }

    /// @inheritdoc ICollateralVault
    function claim(address asset, address to) external nonReentrant returns (uint256 amount) {
        if (releasesPaused) revert ReleasesPaused();
        if (to == address(0)) revert ZeroAddress();
        amount = _claimable[msg.sender][asset];
        if (amount == 0) revert NothingToClaim(msg.sender, asset);
        _claimable[msg.sender][asset] = 0;
        _totals[asset].claimable -= uint128(amount);
        IERC20(asset).safeTransfer(to, amount);
        emit Claimed(msg.sender, asset, to, amount);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ICollateralVault
    function locked(uint32 dstEid, address asset) external view returns (uint256) {
        return _locked[dstEid][asset];
    }

    /// @inheritdoc ICollateralVault
    function totalLocked(address asset) external view returns (uint256) {
        return _totals[asset].locked;
    }

    /// @inheritdoc ICollateralVault
    function claimable(address account, address asset) external view returns (uint256) {
        return _claimable[account][asset];
    }

    /// @inheritdoc ICollateralVault
    function totalClaimable(address asset) external view returns (uint256) {
        return _totals[asset].claimable;
    }

    /// @inheritdoc ICollateralVault
    function currentRate(address asset) external view returns (uint256) {
        return _assetConfig[asset].isShare ? _shareRate(asset) : 0;
    }

    /// @inheritdoc ICollateralVault
    function availableRelease(address asset) external view returns (uint256) {
        return _buckets[asset].available(block.timestamp);
    }

    /// @inheritdoc ICollateralVault
    function assetConfig(address asset) external view returns (bool supported, bool isShare, uint128 lockCap) {
        AssetConfig memory config = _assetConfig[asset];
        return (config.supported, config.isShare, config.lockCap);
    }

    /// @notice The rate-limit bucket of `asset`.
    function rateLimit(address asset) external view returns (TokenBucketLib.Bucket memory) {
        return _buckets[asset];
    }

    function _shareRate(address asset) internal view returns (uint256) {
        return SafeCast.toUint128(IERC4626(asset).convertToAssets(RATE_UNIT));
    }

    // ---------------------------------------------------------------- admin

    /// @inheritdoc ICollateralVault
    function configureAsset(address asset, bool supported, bool isShare, uint128 lockCap) external onlyOwner {
        if (asset == address(0)) revert ZeroAddress();
        _assetConfig[asset] = AssetConfig({supported: supported, isShare: isShare, lockCap: lockCap});
        emit AssetConfigured(asset, supported, isShare, lockCap);
    }

    /// @inheritdoc ICollateralVault
    function configureRateLimit(address asset, uint128 capacity, uint128 refillPerSecond) external onlyOwner {
        _buckets[asset].configure(capacity, refillPerSecond);
        emit RateLimitConfigured(asset, capacity, refillPerSecond);
    }

    /// @inheritdoc ICollateralVault
    function setGuardian(address guardian_) external onlyOwner {
        guardian = guardian_;
        emit GuardianSet(guardian_);
    }

    /// @inheritdoc ICollateralVault
    function setLocalLedger(address ledger) external onlyOwner {
        localLedger = ledger;
        emit LocalLedgerSet(ledger);
    }

    /// @inheritdoc ICollateralVault
    function pauseLocks() external onlyGuardianOrOwner {
        locksPaused = true;
        emit LocksPausedSet(true);
    }

    /// @inheritdoc ICollateralVault
    function pauseReleases() external onlyGuardianOrOwner {
        releasesPaused = true;
        emit ReleasesPausedSet(true);
    }

    /// @inheritdoc ICollateralVault
    function unpauseLocks() external onlyOwner {
        locksPaused = false;
        emit LocksPausedSet(false);
    }

    /// @inheritdoc ICollateralVault
    function unpauseReleases() external onlyOwner {
        releasesPaused = false;
        emit ReleasesPausedSet(false);
    }

    // ---------------------------------------------------------------- ownership

    /// @dev Ownable2Step's two-step transfer wins over OApp's single-step Ownable.
    function transferOwnership(address newOwner) public override(Ownable, Ownable2Step) onlyOwner {
        Ownable2Step.transferOwnership(newOwner);
    }

    function _transferOwnership(address newOwner) internal override(Ownable, Ownable2Step) {
        Ownable2Step._transferOwnership(newOwner);
    }
}
