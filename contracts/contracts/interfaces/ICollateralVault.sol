// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {MessagingFee} from "@layerzerolabs/lz-evm-protocol-v2/contracts/interfaces/ILayerZeroEndpointV2.sol";

/// @title ICollateralVault
/// @notice Custody of collateral on one chain. `lock` moves tokens in and sends LOCK to the ledger on
/// the destination chain; RELEASE messages from ledgers pay them out. The vault never values anything.
interface ICollateralVault {
    /// @notice Per-asset settings.
    struct AssetConfig {
        /// Locks of this asset are accepted.
        bool supported;
        /// The asset is an ERC-4626 share: LOCKs carry its exchange rate and `syncRate` works.
        bool isShare;
        /// Maximum of `totalLocked[asset]` (raw units).
        uint128 lockCap;
    }

    /// @notice The asset is not enabled for locking.
    error AssetNotSupported(address asset);
    /// @notice The asset is not an ERC-4626 share.
    error NotAShare(address asset);
    /// @notice Zero amount, or nothing arrived after the transfer.
    error ZeroAmount();
    /// @notice The zero address was given where an account is required.
    error ZeroAddress();
    /// @notice The amount does not fit the 128-bit message field.
    error AmountTooLarge(uint256 amount);
    /// @notice The lock would take the asset's total locked above its cap.
    error LockCapExceeded(address asset, uint256 totalAfter, uint256 cap);
    /// @notice Locks are paused by the guardian.
    error LocksPaused();
    /// @notice Releases and claims are paused by the guardian.
    error ReleasesPaused();
    /// @notice A RELEASE exceeds what is locked for that ledger and asset (never happens with honest peers).
    error ReleaseExceedsLocked(uint32 srcEid, address asset, uint256 amount, uint256 locked);
    /// @notice The release exceeds the asset's rate-limit bucket; retry after it refills.
    error RateLimited(address asset, uint256 amount, uint256 available);
    /// @notice The message type is not one a vault receives.
    error UnexpectedMessageType(uint8 msgType);
    /// @notice A local lock was sent with a messaging fee, or a same-chain call came from the wrong contract.
    error UnexpectedFee(uint256 value);
    /// @notice Only the local ledger may call this.
    error OnlyLocalLedger(address caller);
    /// @notice Only the guardian or the owner may call this.
    error OnlyGuardian(address caller);
    /// @notice No local ledger is set for a same-chain lock.
    error NoLocalLedger();
    /// @notice Nothing to claim.
    error NothingToClaim(address account, address asset);

    /// @notice Collateral was locked for `beneficiary` on `dstEid`. `guid` is zero for a same-chain lock.
    event Locked(
        bytes32 indexed guid,
        uint32 indexed dstEid,
        address indexed asset,
        address sender,
        address beneficiary,
        uint256 amount,
        uint256 rate
    );
    /// @notice A RELEASE (or a same-chain release, `guid` zero) paid `recipient`.
    event Released(bytes32 indexed guid, uint32 indexed srcEid, address indexed asset, address recipient, uint256 amount);
    /// @notice A release could not be paid (token refused or releases paused) and became claimable.
    event ReleaseClaimable(
        bytes32 indexed guid, uint32 indexed srcEid, address indexed asset, address recipient, uint256 amount
    );
    /// @notice `account` claimed `amount` of `asset` to `to`.
    event Claimed(address indexed account, address indexed asset, address to, uint256 amount);
    /// @notice A RATE message carried `rate` of share `asset` to `dstEid` (`guid` zero when same-chain).
    event RateSynced(bytes32 indexed guid, uint32 indexed dstEid, address indexed asset, uint256 rate);
    event AssetConfigured(address indexed asset, bool supported, bool isShare, uint128 lockCap);
    event RateLimitConfigured(address indexed asset, uint128 capacity, uint128 refillPerSecond);
    event GuardianSet(address indexed guardian);
    event LocalLedgerSet(address indexed ledger);
    event LocksPausedSet(bool paused);
    event ReleasesPausedSet(bool paused);

    /// @notice Locks `amount` of `asset` and credits it to `beneficiary` on the ledger of `dstEid`.
    /// @dev Pulls the tokens and credits the measured balance increase (fee-on-transfer safe). When
    /// `dstEid` is this chain's eid the local ledger is credited in the same transaction and
    /// `msg.value` must be zero; otherwise `msg.value` pays the LayerZero fee from `quoteLock`.
    /// @return guid The LayerZero message id (zero for a same-chain lock).
    /// @return credited The amount credited (after any transfer fee).
    function lock(address asset, uint256 amount, uint32 dstEid, address beneficiary)
        external
        payable
        returns (bytes32 guid, uint256 credited);

    /// @notice The LayerZero fee `lock` needs (zero for a same-chain lock).
    function quoteLock(address asset, uint256 amount, uint32 dstEid, address beneficiary)
        external
        view
        returns (MessagingFee memory fee);

    /// @notice Sends the current exchange rate of share `asset` to the ledger on `dstEid` (RATE message).
    /// @dev Permissionless: anyone may pay to refresh a ledger's rate, so a falling rate always reaches it.
    function syncRate(address asset, uint32 dstEid) external payable returns (bytes32 guid);

    /// @notice The LayerZero fee `syncRate` needs.
    function quoteSyncRate(address asset, uint32 dstEid) external view returns (MessagingFee memory fee);

    /// @notice Pays a same-chain release requested on the local ledger.
    function releaseLocal(address asset, address recipient, uint256 amount) external;

    /// @notice Pays the caller's claimable balance of `asset` to `to`.
    function claim(address asset, address to) external returns (uint256 amount);

    /// @notice Raw units of `asset` locked for the ledger on `dstEid`.
    function locked(uint32 dstEid, address asset) external view returns (uint256);

    /// @notice Sum of `locked` over all destinations.
    function totalLocked(address asset) external view returns (uint256);

    /// @notice What `account` can claim of `asset`.
    function claimable(address account, address asset) external view returns (uint256);

    /// @notice Sum of `claimable` over all accounts.
    function totalClaimable(address asset) external view returns (uint256);

    /// @notice The exchange rate a LOCK of `asset` carries now (0 for a plain token).
    function currentRate(address asset) external view returns (uint256);

    /// @notice Releases of `asset` that can be paid now without waiting for the bucket.
    function availableRelease(address asset) external view returns (uint256);

    function assetConfig(address asset) external view returns (bool supported, bool isShare, uint128 lockCap);
    function guardian() external view returns (address);
    function localLedger() external view returns (address);
    function localEid() external view returns (uint32);
    function locksPaused() external view returns (bool);
    function releasesPaused() external view returns (bool);

    /// @notice Owner: enables or changes an asset.
    function configureAsset(address asset, bool supported, bool isShare, uint128 lockCap) external;
    /// @notice Owner: sets the release rate limit of `asset` (bucket starts full).
    function configureRateLimit(address asset, uint128 capacity, uint128 refillPerSecond) external;
    /// @notice Owner: sets the guardian, who can pause.
    function setGuardian(address guardian) external;
    /// @notice Owner: sets the ledger on this chain for same-chain locks and releases.
    function setLocalLedger(address ledger) external;
    /// @notice Guardian or owner: pauses locks.
    function pauseLocks() external;
    /// @notice Guardian or owner: pauses releases and claims (incoming RELEASEs become claimable).
    function pauseReleases() external;
    /// @notice Owner: resumes locks.
    function unpauseLocks() external;
    /// @notice Owner: resumes releases and claims.
    function unpauseReleases() external;
}
