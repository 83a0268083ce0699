// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

/// @title IRiskEngine
/// @notice Risk parameters, prices and ERC-4626 rates of every collateral a MarginLedger accepts,
/// and the valuation math on them. It holds no funds; the ledger it serves does the accounting.
interface IRiskEngine {
    /// @notice Risk parameters of one collateral, keyed by (source eid, asset on that chain).
    struct CollateralConfig {
        /// Chainlink-style feed of the value-bearing token (the underlying for an ERC-4626 share).
        address feed;
        /// Maximum age of the feed's answer, seconds.
        uint32 maxStaleness;
        /// Decimals of the value-bearing token (the underlying for a share).
        uint8 tokenDecimals;
        /// Decimals of the feed's answer (read from the feed when configured; input ignored).
        uint8 priceDecimals;
        /// The asset is an ERC-4626 share valued through its rate.
        bool isShare;
        /// Lowest usable answer (inclusive, > 0).
        int128 minAnswer;
        /// Highest usable answer (inclusive).
        int128 maxAnswer;
        /// Initial margin haircut: value * collateralFactor counts toward initial margin (WAD).
        uint64 collateralFactor;
        /// Maintenance haircut: value * liquidationFactor counts toward maintenance margin (WAD).
        uint64 liquidationFactor;
        /// Extra collateral a liquidator receives per quote repaid (WAD, 0.05e18 = 5%).
        uint64 liquidationBonus;
        /// Maximum daily growth of a share's rate (WAD per day).
        uint64 maxRateGrowthPerDay;
        /// Maximum total valued balance on the ledger (raw units); more is credited at zero margin value.
        uint128 cap;
    }

    /// @notice The latest accepted ERC-4626 rate of a (source eid, asset).
    struct RateState {
        /// Underlying assets per 1e18 raw shares.
        uint128 rate;
        uint64 updatedAt;
        /// LayerZero nonce of the message that carried it; older messages do not overwrite it.
        uint64 nonce;
    }

    /// @notice A (source eid, asset) pair.
    struct CollateralKey {
        uint32 srcEid;
        address asset;
    }

    /// @notice Sums over an account's valued collateral, in quote units.
    struct Valuation {
        uint256 collateralValue;
        uint256 initialCollateral;
        uint256 maintenanceCollateral;
    }

    error InvalidCollateralConfig();
    error CollateralNotListed(uint32 srcEid, address asset);
    error OnlyLedger(address caller);
    error LedgerAlreadySet(address ledger);
    error ZeroAddress();
    error LengthMismatch();

    event CollateralConfigured(uint32 indexed srcEid, address indexed asset, CollateralConfig config, uint128 initialRate);
    /// @notice A share's rate changed; `reported` is what the vault sent, `applied` what the bound allowed.
    event RateUpdated(uint32 indexed srcEid, address indexed asset, uint256 reported, uint256 applied, uint64 nonce);
    event LedgerSet(address indexed ledger);

    /// @notice The MarginLedger this engine serves (the only caller of `applyRate`).
    function ledger() external view returns (address);

    /// @notice Decimals of the ledger's quote token: the unit of every value.
    function quoteDecimals() external view returns (uint8);

    /// @notice Owner, once: binds the engine to its ledger.
    function setLedger(address ledger) external;

    /// @notice Owner: lists, changes or (feed = 0) delists a collateral; `initialRate` seeds a share's rate.
    function configureCollateral(uint32 srcEid, address asset, CollateralConfig calldata config, uint128 initialRate)
        external;

    /// @notice Ledger: applies a share rate carried by a LOCK or RATE message (nonce 0: same-chain, ordered).
    /// @dev Falls apply at once; rises are bounded by `maxRateGrowthPerDay`; a message older than the
    /// last applied one (by LayerZero nonce) changes nothing.
    function applyRate(uint32 srcEid, address asset, uint256 reported, uint64 nonce) external;

    /// @notice Most of the valued total that may count toward margin (0 when not listed).
    function valuedCap(uint32 srcEid, address asset) external view returns (uint256);

    /// @notice Value and haircut sums of `amounts` of `keys`. `strict` reverts on an unusable price;
    /// otherwise such collateral counts as zero.
    function valueCollaterals(CollateralKey[] calldata keys, uint256[] calldata amounts, bool strict)
        external
        view
        returns (Valuation memory);

    /// @notice Value of `amount` of one collateral (0 when unlisted or its price is unusable).
    function valueOf(uint32 srcEid, address asset, uint256 amount) external view returns (uint256);

    /// @notice The most of `balance` that can leave an account of initial health `health` (0 if the price is unusable).
    function freeBalance(uint32 srcEid, address asset, uint256 balance, int256 health) external view returns (uint256);

    /// @notice Liquidation of one collateral: repay at most `maxRepay`, seize at most `available`.
    /// @return repaid Quote the liquidator pays (rounded up when the seizure is capped).
    /// @return seized Collateral the liquidator receives: repaid * (1 + bonus), rounded down.
    function liquidationAmounts(uint32 srcEid, address asset, uint256 maxRepay, uint256 available)
        external
        view
        returns (uint256 repaid, uint256 seized);

    function collateralConfig(uint32 srcEid, address asset) external view returns (CollateralConfig memory);
    function rateState(uint32 srcEid, address asset) external view returns (RateState memory);
    /// @notice The rate valuation uses: the share rate, or WAD (identity) for a plain token.
    function effectiveRate(uint32 srcEid, address asset) external view returns (uint256);
}
