// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IAggregatorV3} from "./interfaces/IAggregatorV3.sol";
import {IRiskEngine} from "./interfaces/IRiskEngine.sol";
import {MarginMathLib} from "./libraries/MarginMathLib.sol";
import {MathLib} from "./libraries/MathLib.sol";
import {OracleLib} from "./libraries/OracleLib.sol";

/// @title RiskEngine
/// @notice Collateral risk parameters, oracle reads and ERC-4626 rates for one MarginLedger.
/// @dev Split from the ledger so that each contract has one job (and the ledger stays under the
/// EIP-170 size limit): the engine prices, the ledger accounts.
contract RiskEngine is IRiskEngine, Ownable2Step {
    using SafeCast for uint256;

    uint256 internal constant WAD = MathLib.WAD;
    uint256 internal constant MAX_LIQUIDATION_BONUS = 0.5e18;

    /// @inheritdoc IRiskEngine
    uint8 public immutable quoteDecimals;
    /// @inheritdoc IRiskEngine
    address public ledger;

    mapping(uint32 srcEid => mapping(address asset => CollateralConfig)) internal _config;
    mapping(uint32 srcEid => mapping(address asset => RateState)) internal _rates;

    constructor(address owner_, uint8 quoteDecimals_) Ownable(owner_) {
        quoteDecimals = quoteDecimals_;
    }

    /// @inheritdoc IRiskEngine
    function setLedger(address ledger_) external onlyOwner {
        if (ledger_ == address(0)) revert ZeroAddress();
        if (ledger != address(0)) revert LedgerAlreadySet(ledger);
        ledger = ledger_;
        emit LedgerSet(ledger_);
    }

    /// @inheritdoc IRiskEngine
    function configureCollateral(uint32 srcEid, address asset, CollateralConfig calldata config, uint128 initialRate)
        external
        onlyOwner
    {
        CollateralConfig memory stored = config;
        if (config.feed != address(0)) {
            // Maintenance haircut milder than initial, and a liquidation at the bonus must leave the
            // account healthier: liquidationFactor * (1 + bonus) <= 1.
            if (
                config.collateralFactor > config.liquidationFactor || config.liquidationFactor > WAD
                    || config.liquidationBonus > MAX_LIQUIDATION_BONUS
                    || MathLib.wMulUp(config.liquidationFactor, WAD + config.liquidationBonus) > WAD
                    || config.minAnswer <= 0 || config.maxAnswer < config.minAnswer || config.maxStaleness == 0
            ) revert InvalidCollateralConfig();
            stored.priceDecimals = IAggregatorV3(config.feed).decimals();
            if (config.isShare && initialRate == 0 && _rates[srcEid][asset].rate == 0) {
                revert InvalidCollateralConfig();
            }
        }
        _config[srcEid][asset] = stored;
        if (initialRate != 0) {
            RateState storage state = _rates[srcEid][asset];
            state.rate = initialRate;
            state.updatedAt = uint64(block.timestamp);
            emit RateUpdated(srcEid, asset, initialRate, initialRate, state.nonce);
        }
        emit CollateralConfigured(srcEid, asset, stored, initialRate);
    }

    /// @inheritdoc IRiskEngine
    function applyRate(uint32 srcEid, address asset, uint256 reported, uint64 nonce) external {
        if (msg.sender != ledger) revert OnlyLedger(msg.sender);
        RateState storage state = _rates[srcEid][asset];
        // Out-of-order delivery: a message older than the last applied one never overwrites it, so
        // the ledger never values shares on a rate older than the last sync.
        if (nonce != 0 && nonce <= state.nonce) return;
        uint256 applied = MarginMathLib.boundedRate(
            state.rate, reported, block.timestamp - state.updatedAt, _config[srcEid][asset].maxRateGrowthPerDay
        );
        state.rate = applied.toUint128();
        state.updatedAt = uint64(block.timestamp);
        if (nonce != 0) state.nonce = nonce;
        emit RateUpdated(srcEid, asset, reported, applied, nonce);
    }

    /// @inheritdoc IRiskEngine
    function valuedCap(uint32 srcEid, address asset) external view returns (uint256) {
        CollateralConfig storage config = _config[srcEid][asset];
        return config.feed == address(0) ? 0 : config.cap;
    }

    /// @inheritdoc IRiskEngine
    function valueCollaterals(CollateralKey[] calldata keys, uint256[] calldata amounts, bool strict)
        external
        view
        returns (Valuation memory v)
    {
        if (keys.length != amounts.length) revert LengthMismatch();
        for (uint256 i; i < keys.length; ++i) {
            CollateralConfig memory config = _config[keys[i].srcEid][keys[i].asset];
            if (config.feed == address(0) || amounts[i] == 0) continue;
            (bool ok, uint256 price) = _price(config, strict);
            if (!ok) continue;
            uint256 value = MarginMathLib.collateralValueDown(
                amounts[i],
                _effectiveRate(keys[i].srcEid, keys[i].asset, config),
                price,
                config.tokenDecimals,
                config.priceDecimals,
                quoteDecimals
            );
            v.collateralValue += value;
            v.initialCollateral += MarginMathLib.haircutDown(value, config.collateralFactor);
            v.maintenanceCollateral += MarginMathLib.haircutDown(value, config.liquidationFactor);
        }
    }

    /// @inheritdoc IRiskEngine
    function valueOf(uint32 srcEid, address asset, uint256 amount) external view returns (uint256) {
        CollateralConfig memory config = _config[srcEid][asset];
        if (config.feed == address(0)) return 0;
        (bool ok, uint256 price) = _price(config, false);
        if (!ok) return 0;
        return MarginMathLib.collateralValueDown(
            amount, _effectiveRate(srcEid, asset, config), price, config.tokenDecimals, config.priceDecimals, quoteDecimals
        );
    }

    /// @inheritdoc IRiskEngine
    function freeBalance(uint32 srcEid, address asset, uint256 balance, int256 health)
        external
        view
        returns (uint256)
    {
        CollateralConfig memory config = _config[srcEid][asset];
        if (config.feed == address(0)) return health >= 0 ? balance : 0;
        (bool ok, uint256 price) = _price(config, false);
        if (!ok) return 0;
        return MarginMathLib.freeBalanceDown(
            balance,
            health,
            config.collateralFactor,
            _effectiveRate(srcEid, asset, config),
            price,
            config.tokenDecimals,
            config.priceDecimals,
            quoteDecimals
        );
    }

    /// @inheritdoc IRiskEngine
    function liquidationAmounts(uint32 srcEid, address asset, uint256 maxRepay, uint256 available)
        external
        view
        returns (uint256 repaid, uint256 seized)
    {
        CollateralConfig memory config = _config[srcEid][asset];
        uint256 rate = _effectiveRate(srcEid, asset, config);
        if (config.feed == address(0) || rate == 0) revert CollateralNotListed(srcEid, asset);
        (, uint256 price) = _price(config, true);
        repaid = maxRepay;
        seized = MarginMathLib.seizeAmountDown(
            repaid, config.liquidationBonus, rate, price, config.tokenDecimals, config.priceDecimals, quoteDecimals
        );
        if (seized > available) {
            seized = available;
            repaid = MathLib.min(
                repaid,
                MarginMathLib.repayForSeizeUp(
                    seized, config.liquidationBonus, rate, price, config.tokenDecimals, config.priceDecimals, quoteDecimals
                )
            );
        }
    }

    /// @inheritdoc IRiskEngine
    function collateralConfig(uint32 srcEid, address asset) external view returns (CollateralConfig memory) {
        return _config[srcEid][asset];
    }

    /// @inheritdoc IRiskEngine
    function rateState(uint32 srcEid, address asset) external view returns (RateState memory) {
        return _rates[srcEid][asset];
    }

    /// @inheritdoc IRiskEngine
    function effectiveRate(uint32 srcEid, address asset) external view returns (uint256) {
        return _effectiveRate(srcEid, asset, _config[srcEid][asset]);
    }

    function _effectiveRate(uint32 srcEid, address asset, CollateralConfig memory config)
        internal
        view
        returns (uint256)
    {
        return config.isShare ? _rates[srcEid][asset].rate : WAD;
    }

    /// @dev A price a risk-increasing path can use (strict: revert otherwise), or (false, 0).
    function _price(CollateralConfig memory config, bool strict) internal view returns (bool ok, uint256 price) {
        OracleLib.FeedConfig memory feed = OracleLib.FeedConfig({
            feed: IAggregatorV3(config.feed),
            maxStaleness: config.maxStaleness,
            minAnswer: config.minAnswer,
            maxAnswer: config.maxAnswer
        });
        if (strict) return (true, OracleLib.readPrice(feed));
        return OracleLib.tryReadPrice(feed);
    }
}
