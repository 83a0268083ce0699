// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IAggregatorV3} from "./interfaces/IAggregatorV3.sol";
import {IMarginLedger} from "./interfaces/IMarginLedger.sol";
import {IMarket} from "./interfaces/IMarket.sol";
import {IPerpMarket} from "./interfaces/IPerpMarket.sol";
import {MathLib} from "./libraries/MathLib.sol";
import {OracleLib} from "./libraries/OracleLib.sol";
import {PerpMathLib} from "./libraries/PerpMathLib.sol";

/// @title PerpMarket
/// @notice Reference venue: a linear perpetual on an oracle mark price, margined cross-account by a
/// MarginLedger. The LP pool is the market's own cash on the ledger and takes the other side of
/// every trade; PnL settles as cash moving between trader and pool inside the ledger.
contract PerpMarket is IPerpMarket, Ownable2Step, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using SafeCast for int256;

    uint256 internal constant WAD = MathLib.WAD;

    IMarginLedger public immutable ledger;
    IERC20 public immutable quote;
    uint8 public immutable quoteDecimals;

    MarketConfig internal _config;
    uint8 public priceDecimals;

    mapping(address account => Position) internal _positions;
    /// @inheritdoc IPerpMarket
    uint256 public longOpenInterest;
    /// @inheritdoc IPerpMarket
    uint256 public shortOpenInterest;
    /// Sum of all positions' sizes and open notionals: the pool's exposure is -(net) in O(1).
    int256 public netSize;
    int256 public netOpenNotional;

    /// @inheritdoc IPerpMarket
    mapping(address provider => uint256) public lpShares;
    /// @inheritdoc IPerpMarket
    uint256 public totalLpShares;

    constructor(address owner_, address ledger_, MarketConfig memory config_) Ownable(owner_) {
        if (ledger_ == address(0)) revert ZeroAddress();
        ledger = IMarginLedger(ledger_);
        quote = IERC20(IMarginLedger(ledger_).quote());
        quoteDecimals = IMarginLedger(ledger_).quoteDecimals();
        _configure(config_);
    }

    // ================================================================ trading

    /// @inheritdoc IPerpMarket
    function openPosition(int256 sizeDelta) external nonReentrant {
        if (sizeDelta == 0) revert ZeroAmount();
        if (ledger.paused()) revert MarketPaused();
        Position storage p = _positions[msg.sender];
        if ((p.size > 0 && sizeDelta < 0) || (p.size < 0 && sizeDelta > 0)) revert OppositeDirection(p.size, sizeDelta);

        uint256 price = OracleLib.readPrice(_feed());
        int256 entry = PerpMathLib.entryNotionalCeil(sizeDelta, price, priceDecimals, quoteDecimals);
        uint256 absDelta = MathLib.abs(sizeDelta);
        if (sizeDelta > 0) {
            longOpenInterest += absDelta;
            if (longOpenInterest > _config.maxOpenInterest) {
                revert MaxOpenInterestExceeded(longOpenInterest, _config.maxOpenInterest);
            }
        } else {
            shortOpenInterest += absDelta;
            if (shortOpenInterest > _config.maxOpenInterest) {
                revert MaxOpenInterestExceeded(shortOpenInterest, _config.maxOpenInterest);
            }
        }
        p.size += sizeDelta;
        p.openNotional += entry;
        netSize += sizeDelta;
        netOpenNotional += entry;
        emit PositionChanged(msg.sender, sizeDelta, p.size, p.openNotional, price, 0);

        // Invariant 3: opening leaves the account at or above initial margin (fresh prices everywhere).
        int256 health = ledger.initialHealth(msg.sender);
        if (health < 0) revert InsufficientMargin(msg.sender, health);
    }

    /// @inheritdoc IPerpMarket
    function reducePosition(uint256 amount) external nonReentrant {
        _reduce(msg.sender, amount);
    }

    /// @inheritdoc IPerpMarket
    function closePosition() external nonReentrant {
        int256 size = _positions[msg.sender].size;
        if (size == 0) revert NoPosition(msg.sender);
        _reduce(msg.sender, MathLib.abs(size));
    }

    /// @dev Reductions never need a fresh price: a stale one still closes at the last answer.
    function _reduce(address account, uint256 amount) internal {
        if (amount == 0) revert ZeroAmount();
        Position memory p = _positions[account];
        if (p.size == 0) revert NoPosition(account);
        uint256 absSize = MathLib.abs(p.size);
        if (amount > absSize) revert ReduceExceedsPosition(amount, absSize);
        (uint256 price,) = _lastPrice(p);
        int256 realized = _close(account, p, amount, price);
        ledger.settlePnl(account, realized);
    }

    /// @dev Shrinks a position by `amount` at `price` and returns the realized PnL (not yet settled).
    function _close(address account, Position memory p, uint256 amount, uint256 price)
        internal
        returns (int256 realized)
    {
        int256 closedSize = p.size > 0 ? amount.toInt256() : -amount.toInt256();
        int256 remainingSize = p.size - closedSize;
        int256 remainingNotional = PerpMathLib.remainingNotionalCeil(p.openNotional, p.size, remainingSize);
        int256 closedNotional = p.openNotional - remainingNotional;
        realized = PerpMathLib.markValueFloor(closedSize, price, priceDecimals, quoteDecimals) - closedNotional;

        _positions[account] = Position({size: remainingSize, openNotional: remainingNotional});
        if (p.size > 0) longOpenInterest -= amount;
        else shortOpenInterest -= amount;
        netSize -= closedSize;
        netOpenNotional -= closedNotional;
        emit PositionChanged(account, -closedSize, remainingSize, remainingNotional, price, realized);
    }

    // ================================================================ liquidation

    /// @inheritdoc IPerpMarket
    function liquidatePosition(address account) external nonReentrant {
        Position memory p = _positions[account];
        if (p.size == 0) revert NoPosition(account);
        // The ledger's grace period applies: no liquidation while paused or just after an unpause.
        uint256 allowedAt = ledger.liquidationsAllowedAt();
        if (ledger.paused() || block.timestamp < allowedAt) revert MarketPaused();
        if (!ledger.isLiquidatable(account)) revert NotLiquidatable(account);

        uint256 price = OracleLib.readPrice(_feed());
        uint256 notional = PerpMathLib.notionalUp(p.size, price, priceDecimals, quoteDecimals);
        int256 realized = _close(account, p, MathLib.abs(p.size), price);
        uint256 penalty = PerpMathLib.marginUp(notional, _config.liquidationPenaltyRate);
        uint256 reward = MathLib.wMulDown(penalty, _config.keeperRewardShare);

        ledger.settlePnl(account, realized);
        ledger.chargePenalty(account, penalty, msg.sender, reward);
        emit PositionLiquidated(account, msg.sender, p.size, price, realized, penalty, reward);
    }

    // ================================================================ LP pool

    /// @inheritdoc IPerpMarket
    function depositLiquidity(uint256 amount) external nonReentrant returns (uint256 shares) {
        if (amount == 0) revert ZeroAmount();
        // The pool's value depends on the price only while traders hold positions: then it must be fresh.
        if (netSize != 0) OracleLib.readPrice(_feed());
        int256 value = _poolValue();
        if (totalLpShares == 0) {
            shares = amount;
        } else {
            if (value <= 0) revert PoolInsolvent(value);
            shares = MathLib.mulDivDown(amount, totalLpShares, uint256(value));
        }
        if (shares == 0) revert ZeroAmount();
        lpShares[msg.sender] += shares;
        totalLpShares += shares;
        quote.safeTransferFrom(msg.sender, address(this), amount);
        quote.forceApprove(address(ledger), amount);
        ledger.marketDeposit(msg.sender, amount);
        emit LiquidityDeposited(msg.sender, amount, shares);
    }

    /// @inheritdoc IPerpMarket
    function withdrawLiquidity(uint256 shares, address to) external nonReentrant returns (uint256 amount) {
        if (shares == 0) revert ZeroAmount();
        if (to == address(0)) revert ZeroAddress();
        if (shares > lpShares[msg.sender]) revert InsufficientShares(shares, lpShares[msg.sender]);
        // Risk-increasing for traders' counterparty: value the pool on a fresh price.
        OracleLib.readPrice(_feed());
        int256 value = _poolValue();
        if (value <= 0) revert PoolInsolvent(value);
        amount = MathLib.mulDivDown(shares, uint256(value), totalLpShares);
        lpShares[msg.sender] -= shares;
        totalLpShares -= shares;
        ledger.marketWithdraw(to, amount);
        emit LiquidityWithdrawn(msg.sender, to, amount, shares);
    }

    /// @dev Market cash minus what the pool owes traders (their unrealized PnL at the last price).
    function _poolValue() internal view returns (int256) {
        int256 cash = ledger.cash(address(this));
        if (netSize == 0 && netOpenNotional == 0) return cash;
        (, int256 answer,,,) = IAggregatorV3(_config.feed).latestRoundData();
        if (answer <= 0) return cash;
        int256 tradersPnl = PerpMathLib.unrealizedPnl(netSize, netOpenNotional, uint256(answer), priceDecimals, quoteDecimals);
        return cash - tradersPnl;
    }

    // ================================================================ IMarket

    /// @inheritdoc IMarket
    function accountMargin(address account)
        external
        view
        returns (int256 unrealizedPnl, uint256 initialMargin, uint256 maintenanceMargin, bool priceOk)
    {
        Position memory p = _positions[account];
        if (p.size == 0) return (0, 0, 0, true);
        uint256 price;
        (price, priceOk) = _lastPrice(p);
        unrealizedPnl = PerpMathLib.unrealizedPnl(p.size, p.openNotional, price, priceDecimals, quoteDecimals);
        uint256 notional = PerpMathLib.notionalUp(p.size, price, priceDecimals, quoteDecimals);
        initialMargin = PerpMathLib.marginUp(notional, _config.initialMarginRate);
        maintenanceMargin = PerpMathLib.marginUp(notional, _config.maintenanceMarginRate);
    }

    /// @inheritdoc IMarket
    function hasPosition(address account) external view returns (bool) {
        return _positions[account].size != 0;
    }

    // ================================================================ views

    /// @inheritdoc IPerpMarket
    function position(address account) external view returns (Position memory) {
        return _positions[account];
    }

    /// @inheritdoc IPerpMarket
    function markPrice() external view returns (uint256 price, bool ok) {
        (ok, price) = OracleLib.tryReadPrice(_feed());
        if (!ok) {
            (, int256 answer,,,) = IAggregatorV3(_config.feed).latestRoundData();
            price = answer > 0 ? uint256(answer) : 0;
        }
    }

    /// @inheritdoc IPerpMarket
    function poolValue() external view returns (int256) {
        return _poolValue();
    }

    /// @inheritdoc IPerpMarket
    function config() external view returns (MarketConfig memory) {
        return _config;
    }

    /// @dev The usable price, or the last positive answer (or, failing that, the entry price) and ok = false.
    function _lastPrice(Position memory p) internal view returns (uint256 price, bool ok) {
        (ok, price) = OracleLib.tryReadPrice(_feed());
        if (ok) return (price, true);
        (, int256 answer,,,) = IAggregatorV3(_config.feed).latestRoundData();
        if (answer > 0) return (uint256(answer), false);
        // No positive answer at all: close at the entry price (zero PnL), never revert a reduction.
        uint256 scale = 10 ** (uint256(PerpMathLib.SIZE_DECIMALS) + priceDecimals - quoteDecimals);
        return (MathLib.mulDivDown(MathLib.abs(p.openNotional), scale, MathLib.abs(p.size)), false);
    }

    function _feed() internal view returns (OracleLib.FeedConfig memory) {
        return OracleLib.FeedConfig({
            feed: IAggregatorV3(_config.feed),
            maxStaleness: _config.maxStaleness,
            minAnswer: _config.minAnswer,
            maxAnswer: _config.maxAnswer
        });
    }

    // ================================================================ admin

    /// @inheritdoc IPerpMarket
    function configure(MarketConfig calldata config_) external onlyOwner {
        _configure(config_);
    }

    function _configure(MarketConfig memory config_) internal {
        if (
            config_.feed == address(0) || config_.maintenanceMarginRate == 0
                || config_.maintenanceMarginRate > config_.initialMarginRate || config_.initialMarginRate > WAD
                || config_.liquidationPenaltyRate > config_.maintenanceMarginRate || config_.keeperRewardShare > WAD
                || config_.minAnswer <= 0 || config_.maxAnswer < config_.minAnswer || config_.maxStaleness == 0
        ) revert InvalidMarketConfig();
        uint8 decimals = IAggregatorV3(config_.feed).decimals();
        if (uint256(PerpMathLib.SIZE_DECIMALS) + decimals < quoteDecimals) revert InvalidMarketConfig();
        _config = config_;
        priceDecimals = decimals;
        emit MarketConfigured(config_, decimals);
    }
}
