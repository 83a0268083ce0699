// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {OApp, Origin, MessagingFee, MessagingReceipt} from "@layerzerolabs/lz-evm-oapp-v2/contracts/oapp/OApp.sol";
import {OAppOptionsType3} from "@layerzerolabs/lz-evm-oapp-v2/contracts/oapp/libs/OAppOptionsType3.sol";
import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {ICollateralVault} from "./interfaces/ICollateralVault.sol";
import {ILocalLedger} from "./interfaces/ILocalLedger.sol";
import {IMarginLedger} from "./interfaces/IMarginLedger.sol";
import {IMarket} from "./interfaces/IMarket.sol";
import {IRiskEngine} from "./interfaces/IRiskEngine.sol";
import {MarginMathLib} from "./libraries/MarginMathLib.sol";
import {MathLib} from "./libraries/MathLib.sol";
import {MsgCodecLib} from "./libraries/MsgCodecLib.sol";

/// @title MarginLedger
/// @notice Margin accounting on one chain for collateral locked in vaults on every chain.
/// @dev Peers: the ledger's peer on chain A is A's CollateralVault. The ledger is the only holder
/// of quote tokens: trader cash, market LP pools (the market's own cash) and the insurance fund.
/// Prices, rates and risk parameters come from its RiskEngine.
contract MarginLedger is
    IMarginLedger,
    ILocalLedger,
    OApp,
    OAppOptionsType3,
    Ownable2Step,
    ReentrancyGuardTransient
{
    using SafeERC20 for IERC20;
    using MarginMathLib for MarginMathLib.Health;
    using SafeCast for uint256;

    /// @notice Valued collaterals per account (bounds the gas of every health check).
    uint256 public constant MAX_COLLATERALS = 8;
    /// @notice Registered markets (bounds the gas of every health check).
    uint256 public constant MAX_MARKETS = 8;

    IERC20 internal immutable _quoteToken;
    /// @inheritdoc IMarginLedger
    uint8 public immutable quoteDecimals;
    /// @inheritdoc IMarginLedger
    uint32 public immutable localEid;
    /// @inheritdoc IMarginLedger
    IRiskEngine public immutable riskEngine;

    address public guardian;
    /// @inheritdoc IMarginLedger
    bool public paused;
    uint64 public liquidationGracePeriod;
    /// @inheritdoc IMarginLedger
    uint256 public liquidationsAllowedAt;
    address public localVault;

    /// @inheritdoc IMarginLedger
    uint256 public insuranceFund;
    /// @inheritdoc IMarginLedger
    uint256 public socializedLoss;
    /// @inheritdoc IMarginLedger
    int256 public totalCash;

    mapping(address account => mapping(uint32 srcEid => mapping(address asset => Balance))) internal _balances;
    /// @dev One valued-collateral slot of an account. Slot 0 also holds the account's slot count, so
    /// an account's first collateral writes one new storage slot (a dynamic array would write its
    /// length in a second one) and a health check reads `count` slots, not `count + 1`.
    struct CollateralSlot {
        uint32 srcEid;
        address asset;
        /// Number of slots in use; meaningful in slot 0 only.
        uint8 count;
    }

    mapping(address account => CollateralSlot[MAX_COLLATERALS]) internal _collateralSlots;
    /// @dev Per lane (source eid, asset), in one slot because every credit reads and writes both:
    /// `credited` (LOCKs credited minus releases requested) and `valuedTotal` (the valued part of all
    /// balances, <= credited). Both fit 128 bits: credited <= the vault's locked amount <= its uint128 cap.
    struct LaneTotals {
        uint128 credited;
        uint128 valuedTotal;
    }

    mapping(uint32 srcEid => mapping(address asset => LaneTotals)) internal _lanes;
    mapping(address account => int256) internal _cash;
    address[] internal _markets;
    /// @inheritdoc IMarginLedger
    mapping(address market => bool) public isMarket;

    constructor(address endpoint_, address owner_, address quote_, address riskEngine_)
        OApp(endpoint_, owner_)
        Ownable(owner_)
    {
        if (quote_ == address(0) || riskEngine_ == address(0)) revert ZeroAddress();
        riskEngine = IRiskEngine(riskEngine_);
        _quoteToken = IERC20(quote_);
        quoteDecimals = IERC20Metadata(quote_).decimals();
        localEid = endpoint.eid();
    }

    modifier onlyMarket() {
        if (!isMarket[msg.sender]) revert OnlyMarket(msg.sender);
        _;
    }

    modifier onlyLocalVault() {
        if (msg.sender != localVault) revert OnlyLocalVault(msg.sender);
        _;
    }

    modifier whenNotPaused() {
        if (paused) revert LedgerPaused();
        _;
    }

    // ================================================================ incoming credits

    /// @dev LOCK or RATE from a vault peer (the endpoint and peer checks ran in `lzReceive`).
    /// A well-formed LOCK never reverts for business reasons: unknown assets, a full cap or full
    /// collateral slots credit the balance as parked (zero margin value, releasable).
    function _lzReceive(Origin calldata origin, bytes32 guid, bytes calldata message, address, bytes calldata)
        internal
        override
        nonReentrant
    {
        uint8 msgType = MsgCodecLib.messageType(message);
        if (msgType == MsgCodecLib.LOCK) {
            _receiveLock(origin.srcEid, origin.nonce, guid, message);
        } else if (msgType == MsgCodecLib.RATE) {
            (address asset, uint128 rate) = MsgCodecLib.decodeRate(message);
            riskEngine.applyRate(origin.srcEid, asset, rate, origin.nonce);
        } else {
            revert UnexpectedMessageType(msgType);
        }
    }

    function _receiveLock(uint32 srcEid, uint64 nonce, bytes32 guid, bytes calldata message) internal {
        (address asset, address beneficiary, uint128 amount, uint128 rate) = MsgCodecLib.decodeLock(message);
        if (rate != 0) riskEngine.applyRate(srcEid, asset, rate, nonce);
        _credit(guid, srcEid, asset, beneficiary, amount);
    }

    /// @inheritdoc ILocalLedger
    function creditLocal(address asset, address beneficiary, uint256 amount, uint256 rate) external onlyLocalVault {
        if (rate != 0) riskEngine.applyRate(localEid, asset, rate, 0);
        _credit(bytes32(0), localEid, asset, beneficiary, amount);
    }

    /// @inheritdoc ILocalLedger
    function syncRateLocal(address asset, uint256 rate) external onlyLocalVault {
        riskEngine.applyRate(localEid, asset, rate, 0);
    }

    function _credit(bytes32 guid, uint32 srcEid, address asset, address account, uint256 amount) internal {
        // Invariant 1 (lane conservation): credited[srcEid][asset] grows by exactly the LOCK's amount,
        // once per guid (the endpoint clears the payload hash before calling lzReceive).
        LaneTotals storage lane = _lanes[srcEid][asset];
        lane.credited += amount.toUint128();

        uint256 valued = _valuedRoom(srcEid, asset, amount);
        if (valued > 0 && !_ensureSlot(account, srcEid, asset)) valued = 0;
        uint256 parked = amount - valued;

        Balance storage balance = _balances[account][srcEid][asset];
        balance.valued += valued.toUint128();
        balance.parked += parked.toUint128();
        lane.valuedTotal += uint128(valued);
        emit Credited(guid, srcEid, asset, account, amount, valued, parked);
    }

    /// @dev How much of `amount` can count toward margin: the collateral is listed and under its cap.
    function _valuedRoom(uint32 srcEid, address asset, uint256 amount) internal view returns (uint256) {
        uint256 room = MathLib.zeroFloorSub(riskEngine.valuedCap(srcEid, asset), _lanes[srcEid][asset].valuedTotal);
        return MathLib.min(amount, room);
    }

    // ================================================================ releases

    /// @inheritdoc IMarginLedger
    function requestRelease(uint32 srcEid, address asset, uint256 amount, address recipient)
        external
        payable
        nonReentrant
        whenNotPaused
        returns (bytes32 guid)
    {
        if (amount == 0) revert ZeroAmount();
        if (recipient == address(0)) revert ZeroAddress();
        if (amount > type(uint128).max) revert AmountTooLarge(amount);

        // Invariant 3 (no free withdrawal): debit first ...
        _debit(msg.sender, srcEid, asset, amount);
        _lanes[srcEid][asset].credited -= uint128(amount);
        // ... then require the account to stay at or above initial margin, then send.
        _requireInitialMargin(msg.sender);

        if (srcEid == localEid) {
            if (msg.value != 0) revert UnexpectedFee(msg.value);
            address vault = localVault;
            if (vault == address(0)) revert NoLocalVault();
            ICollateralVault(vault).releaseLocal(asset, recipient, amount);
        } else {
            // Invariant 1: from here until the vault applies it, this RELEASE is in flight on the lane.
            bytes memory message = MsgCodecLib.encodeRelease(asset, recipient, uint128(amount));
            MessagingReceipt memory receipt = _lzSend(
                srcEid, message, enforcedOptions[srcEid][MsgCodecLib.RELEASE], MessagingFee(msg.value, 0), msg.sender
            );
            guid = receipt.guid;
        }
        emit ReleaseRequested(guid, srcEid, asset, msg.sender, recipient, amount);
    }

    /// @inheritdoc IMarginLedger
    function quoteRelease(uint32 srcEid, address asset, uint256 amount, address recipient)
        external
        view
        returns (MessagingFee memory fee)
    {
        if (srcEid == localEid) return fee;
        bytes memory message = MsgCodecLib.encodeRelease(asset, recipient, amount.toUint128());
        return _quote(srcEid, message, enforcedOptions[srcEid][MsgCodecLib.RELEASE], false);
    }

    /// @dev Takes `amount` from the parked balance first, then from the valued one.
    function _debit(address account, uint32 srcEid, address asset, uint256 amount) internal {
        Balance storage balance = _balances[account][srcEid][asset];
        uint256 parked = balance.parked;
        uint256 valued = balance.valued;
        if (amount > parked + valued) revert InsufficientCollateral(account, srcEid, asset, amount, parked + valued);
        uint256 fromParked = MathLib.min(amount, parked);
        uint256 fromValued = amount - fromParked;
        balance.parked = uint128(parked - fromParked);
        if (fromValued > 0) {
            balance.valued = uint128(valued - fromValued);
            _lanes[srcEid][asset].valuedTotal -= uint128(fromValued);
            if (valued == fromValued) _removeSlot(account, srcEid, asset);
        }
    }

    /// @inheritdoc IMarginLedger
    function activateParked(uint32 srcEid, address asset) external nonReentrant returns (uint256 activated) {
        Balance storage balance = _balances[msg.sender][srcEid][asset];
        activated = _valuedRoom(srcEid, asset, balance.parked);
        if (activated == 0 || !_ensureSlot(msg.sender, srcEid, asset)) revert ZeroAmount();
        balance.parked -= uint128(activated);
        balance.valued += uint128(activated);
        _lanes[srcEid][asset].valuedTotal += uint128(activated);
        emit ParkedActivated(msg.sender, srcEid, asset, activated);
    }

    // ================================================================ cash

    /// @inheritdoc IMarginLedger
    function depositCash(address account, uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        if (account == address(0)) revert ZeroAddress();
        // Invariant 5 (conservation of quote): cash and the token balance grow by the same amount.
        _addCash(account, amount.toInt256());
        _quoteToken.safeTransferFrom(msg.sender, address(this), amount);
        emit CashDeposited(account, msg.sender, amount);
    }

    /// @inheritdoc IMarginLedger
    function withdrawCash(uint256 amount, address to) external nonReentrant whenNotPaused {
        if (amount == 0) revert ZeroAmount();
        if (to == address(0)) revert ZeroAddress();
        int256 cash_ = _cash[msg.sender];
        if (cash_ < amount.toInt256()) revert InsufficientCash(msg.sender, cash_, amount);
        _addCash(msg.sender, -amount.toInt256());
        // Invariant 3: the account stays at or above initial margin.
        _requireInitialMargin(msg.sender);
        _quoteToken.safeTransfer(to, amount);
        emit CashWithdrawn(msg.sender, to, amount);
    }

    function _addCash(address account, int256 delta) internal {
        _cash[account] += delta;
        totalCash += delta;
    }

    // ================================================================ liquidation

    /// @inheritdoc IMarginLedger
    function liquidate(address account, uint32 srcEid, address asset, uint256 repayAmount)
        external
        nonReentrant
        returns (uint256 repaid, uint256 seized)
    {
        _requireLiquidationsAllowed();
        int256 cash_ = _cash[account];
        int256 maintenance = _health(account, true).maintenanceHealth();
        if (maintenance >= 0 || cash_ >= 0) revert NotLiquidatable(account, maintenance, cash_);

        uint256 available = _balances[account][srcEid][asset].valued;
        // Repay at most the debt; the engine caps the seizure at the valued balance (and the repayment with it).
        (repaid, seized) =
            riskEngine.liquidationAmounts(srcEid, asset, MathLib.min(repayAmount, MathLib.abs(cash_)), available);
        if (repaid == 0 || seized == 0) revert NothingToLiquidate();

        // Effects: the debt shrinks by what the liquidator pays and the collateral changes hands
        // inside the ledger (no cross-chain round trip; the liquidator can release it later).
        Balance storage balance = _balances[account][srcEid][asset];
        balance.valued = uint128(available - seized);
        if (available == seized) _removeSlot(account, srcEid, asset);
        _addCash(account, repaid.toInt256());
        bool seizedAsParked = _creditSeized(msg.sender, srcEid, asset, seized);

        // Invariant 5: the repaid cash arrives as tokens in the same transaction.
        _quoteToken.safeTransferFrom(msg.sender, address(this), repaid);
        emit Liquidated(msg.sender, account, srcEid, asset, repaid, seized, seizedAsParked);

        if (_isBadDebt(account)) _settleBadDebt(account);
    }

    /// @dev The liquidator receives seized collateral as valued when it has a slot, else parked.
    function _creditSeized(address liquidator, uint32 srcEid, address asset, uint256 amount)
        internal
        returns (bool parked)
    {
        Balance storage balance = _balances[liquidator][srcEid][asset];
        if (_ensureSlot(liquidator, srcEid, asset)) {
            balance.valued += uint128(amount);
        } else {
            balance.parked += uint128(amount);
            _lanes[srcEid][asset].valuedTotal -= uint128(amount);
            parked = true;
        }
    }

    /// @inheritdoc IMarginLedger
    function settleBadDebt(address account) external nonReentrant {
        if (!_isBadDebt(account)) revert NotBadDebt(account);
        _settleBadDebt(account);
    }

    function _isBadDebt(address account) internal view returns (bool) {
        return _cash[account] < 0 && _collateralSlots[account][0].count == 0 && !_hasAnyPosition(account);
    }

    /// @dev Covers an empty account's debt from insurance, then socializes the rest across the
    /// markets' LP pools in proportion to their cash. Cash moves between accounts, so invariant 5 holds.
    function _settleBadDebt(address account) internal {
        uint256 debt = MathLib.abs(_cash[account]);
        uint256 fromInsurance = MathLib.min(debt, insuranceFund);
        insuranceFund -= fromInsurance;
        uint256 remaining = debt - fromInsurance;

        uint256 pools;
        uint256 n = _markets.length;
        for (uint256 i; i < n; ++i) {
            int256 c = _cash[_markets[i]];
            if (c > 0) pools += uint256(c);
        }
        uint256 socialized = MathLib.min(remaining, pools);
        if (socialized > 0) {
            uint256 left = socialized;
            for (uint256 i; i < n && left > 0; ++i) {
                address market = _markets[i];
                int256 c = _cash[market];
                if (c <= 0) continue;
                uint256 share = MathLib.min(left, MathLib.mulDivUp(socialized, uint256(c), pools));
                share = MathLib.min(share, uint256(c));
                _addCash(market, -share.toInt256());
                emit LossSocialized(market, account, share);
                left -= share;
            }
            socialized -= left;
            socializedLoss += socialized;
        }
        _addCash(account, (fromInsurance + socialized).toInt256());
        emit BadDebtSettled(account, debt, fromInsurance, socialized);
    }

    function _requireLiquidationsAllowed() internal view {
        if (paused || block.timestamp < liquidationsAllowedAt) {
            revert LiquidationsPaused(paused ? type(uint256).max : liquidationsAllowedAt);
        }
    }

    // ================================================================ markets

    /// @inheritdoc IMarginLedger
    function settlePnl(address account, int256 amount) external onlyMarket returns (int256 settled) {
        settled = amount;
        int256 pool = _cash[msg.sender];
        // Invariant 6 (backed pools): a pool pays a profit only out of what it holds, so a market's cash
        // never goes negative and a winner's cash is never another account's deposit.
        if (amount > 0 && amount > pool) settled = pool > 0 ? pool : int256(0);
        // PnL moves between the trader and the market's LP pool: the sum of cash is unchanged.
        _addCash(account, settled);
        _addCash(msg.sender, -settled);
        emit PnlSettled(msg.sender, account, settled);
        if (settled != amount) emit PnlShortfall(msg.sender, account, uint256(amount - settled));
    }

    /// @inheritdoc IMarginLedger
    function chargePenalty(address account, uint256 penalty, address keeper, uint256 keeperReward)
        external
        onlyMarket
    {
        if (keeperReward > penalty) revert AmountTooLarge(keeperReward);
        _addCash(account, -penalty.toInt256());
        if (keeperReward > 0) _addCash(keeper, keeperReward.toInt256());
        // Invariant 5: cash falls by `penalty - keeperReward` and insurance rises by the same amount.
        insuranceFund += penalty - keeperReward;
        emit PenaltyCharged(msg.sender, account, penalty, keeper, keeperReward);
    }

    /// @inheritdoc IMarginLedger
    function marketDeposit(address from, uint256 amount) external nonReentrant onlyMarket {
        if (amount == 0) revert ZeroAmount();
        _addCash(msg.sender, amount.toInt256());
        _quoteToken.safeTransferFrom(msg.sender, address(this), amount);
        emit CashDeposited(msg.sender, from, amount);
    }

    /// @inheritdoc IMarginLedger
    function marketWithdraw(address to, uint256 amount) external nonReentrant onlyMarket whenNotPaused {
        if (amount == 0) revert ZeroAmount();
        int256 cash_ = _cash[msg.sender];
        if (cash_ < amount.toInt256()) revert InsufficientCash(msg.sender, cash_, amount);
        _addCash(msg.sender, -amount.toInt256());
        _quoteToken.safeTransfer(to, amount);
        emit CashWithdrawn(msg.sender, to, amount);
    }

    // ================================================================ health

    /// @dev Margin figures. `strict` reverts on any unusable price (for risk-increasing actions and
    /// liquidations); otherwise collateral without a usable price counts as zero.
    function _health(address account, bool strict) internal view returns (MarginMathLib.Health memory h) {
        h.cash = _cash[account];
        IRiskEngine.CollateralKey[] memory keys = _collateralKeys(account);
        uint256 n = keys.length;
        if (n > 0) {
            uint256[] memory amounts = new uint256[](n);
            for (uint256 i; i < n; ++i) {
                amounts[i] = _balances[account][keys[i].srcEid][keys[i].asset].valued;
            }
            IRiskEngine.Valuation memory v = riskEngine.valueCollaterals(keys, amounts, strict);
            h.collateralValue = v.collateralValue;
            h.initialCollateral = v.initialCollateral;
            h.maintenanceCollateral = v.maintenanceCollateral;
        }
        n = _markets.length;
        for (uint256 i; i < n; ++i) {
            (int256 pnl, uint256 im, uint256 mm, bool priceOk) = IMarket(_markets[i]).accountMargin(account);
            if (strict && !priceOk) revert MarketPriceUnusable(_markets[i]);
            h.unrealizedPnl += pnl;
            h.initialMargin += im;
            h.maintenanceMargin += mm;
        }
    }

    /// @dev Invariant 3: every user-initiated risk-increasing action ends here.
    function _requireInitialMargin(address account) internal view {
        // Fast path: no debt and no positions means nothing is owed, and collateral only adds.
        if (_cash[account] >= 0 && !_hasAnyPosition(account)) return;
        int256 h = _health(account, true).initialHealth();
        if (h < 0) revert InsufficientMargin(account, h);
    }

    function _hasAnyPosition(address account) internal view returns (bool) {
        uint256 n = _markets.length;
        for (uint256 i; i < n; ++i) {
            if (IMarket(_markets[i]).hasPosition(account)) return true;
        }
        return false;
    }

    // ================================================================ collateral slots

    /// @dev Adds (srcEid, asset) to the account's valued collaterals; false when all slots are taken.
    function _ensureSlot(address account, uint32 srcEid, address asset) internal returns (bool) {
        Balance storage balance = _balances[account][srcEid][asset];
        if (balance.valued > 0) return true;
        CollateralSlot[MAX_COLLATERALS] storage slots = _collateralSlots[account];
        uint256 n = slots[0].count;
        if (n >= MAX_COLLATERALS) return false;
        if (n == 0) {
            slots[0] = CollateralSlot({srcEid: srcEid, asset: asset, count: 1});
        } else {
            slots[n] = CollateralSlot({srcEid: srcEid, asset: asset, count: 0});
            slots[0].count = uint8(n + 1);
        }
        return true;
    }

    function _removeSlot(address account, uint32 srcEid, address asset) internal {
        CollateralSlot[MAX_COLLATERALS] storage slots = _collateralSlots[account];
        uint256 n = slots[0].count;
        for (uint256 i; i < n; ++i) {
            CollateralSlot storage slot = slots[i];
            if (slot.srcEid == srcEid && slot.asset == asset) {
                // Swap with the last slot and drop it; slot 0 keeps the count.
                uint256 last = n - 1;
                CollateralSlot storage lastSlot = slots[last];
                slot.srcEid = lastSlot.srcEid;
                slot.asset = lastSlot.asset;
                delete slots[last];
                if (last > 0) slots[0].count = uint8(last);
                return;
            }
        }
    }

    /// @dev The account's valued collaterals, in slot order.
    function _collateralKeys(address account) internal view returns (IRiskEngine.CollateralKey[] memory keys) {
        CollateralSlot[MAX_COLLATERALS] storage slots = _collateralSlots[account];
        uint256 n = slots[0].count;
        keys = new IRiskEngine.CollateralKey[](n);
        for (uint256 i; i < n; ++i) {
            keys[i] = IRiskEngine.CollateralKey({srcEid: slots[i].srcEid, asset: slots[i].asset});
        }
    }

    // ================================================================ views

    /// @inheritdoc IMarginLedger
    function health(address account) external view returns (MarginMathLib.Health memory) {
        return _health(account, false);
    }

    /// @inheritdoc IMarginLedger
    function initialHealth(address account) external view returns (int256) {
        return _health(account, true).initialHealth();
    }

    /// @inheritdoc IMarginLedger
    function isLiquidatable(address account) external view returns (bool) {
        return _health(account, true).maintenanceHealth() < 0;
    }

    /// @inheritdoc IMarginLedger
    function freeCollateral(address account, uint32 srcEid, address asset) external view returns (uint256) {
        return _freeCollateral(account, srcEid, asset);
    }

    /// @dev Parked balance is free whenever the account is at or above initial margin; the valued
    /// part is the exact inverse of its haircut contribution (MarginMathLib.freeBalanceDown).
    function _freeCollateral(address account, uint32 srcEid, address asset) internal view returns (uint256) {
        Balance memory balance = _balances[account][srcEid][asset];
        if (_cash[account] >= 0 && !_hasAnyPosition(account)) return uint256(balance.valued) + balance.parked;
        int256 h;
        try this.initialHealth(account) returns (int256 value) {
            h = value;
        } catch {
            return 0; // a price the account needs is unusable: nothing is provably free
        }
        if (h < 0) return 0;
        if (balance.valued == 0) return balance.parked;
        return riskEngine.freeBalance(srcEid, asset, balance.valued, h) + balance.parked;
    }

    /// @inheritdoc IMarginLedger
    function balanceOf(address account, uint32 srcEid, address asset)
        external
        view
        returns (uint128 valued, uint128 parked)
    {
        Balance memory balance = _balances[account][srcEid][asset];
        return (balance.valued, balance.parked);
    }

    /// @inheritdoc IMarginLedger
    function credited(uint32 srcEid, address asset) external view returns (uint256) {
        return _lanes[srcEid][asset].credited;
    }

    /// @inheritdoc IMarginLedger
    function valuedTotal(uint32 srcEid, address asset) external view returns (uint256) {
        return _lanes[srcEid][asset].valuedTotal;
    }

    /// @inheritdoc IMarginLedger
    function cash(address account) external view returns (int256) {
        return _cash[account];
    }

    /// @inheritdoc IMarginLedger
    function accountCollaterals(address account) external view returns (IRiskEngine.CollateralKey[] memory) {
        return _collateralKeys(account);
    }

    /// @inheritdoc IMarginLedger
    function markets() external view returns (address[] memory) {
        return _markets;
    }

    /// @inheritdoc IMarginLedger
    function quote() external view returns (address) {
        return address(_quoteToken);
    }

    // ================================================================ admin

    /// @inheritdoc IMarginLedger
    function addMarket(address market) external onlyOwner {
        if (market == address(0)) revert ZeroAddress();
        if (isMarket[market]) revert MarketAlreadyListed(market);
        if (_markets.length >= MAX_MARKETS) revert TooManyMarkets();
        _markets.push(market);
        isMarket[market] = true;
        emit MarketAdded(market);
    }

    /// @inheritdoc IMarginLedger
    function removeMarket(address market) external onlyOwner {
        if (!isMarket[market]) revert MarketNotListed(market);
        uint256 n = _markets.length;
        for (uint256 i; i < n; ++i) {
            if (_markets[i] == market) {
                _markets[i] = _markets[n - 1];
                _markets.pop();
                break;
            }
        }
        isMarket[market] = false;
        emit MarketRemoved(market);
    }

    /// @inheritdoc IMarginLedger
    function setGuardian(address guardian_) external onlyOwner {
        guardian = guardian_;
        emit GuardianSet(guardian_);
    }

    /// @inheritdoc IMarginLedger
    function setLocalVault(address vault) external onlyOwner {
        localVault = vault;
        emit LocalVaultSet(vault);
    }

    /// @inheritdoc IMarginLedger
    function setLiquidationGracePeriod(uint64 gracePeriod) external onlyOwner {
        liquidationGracePeriod = gracePeriod;
        emit GracePeriodSet(gracePeriod);
    }

    /// @inheritdoc IMarginLedger
    function depositInsurance(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        insuranceFund += amount;
        _quoteToken.safeTransferFrom(msg.sender, address(this), amount);
        emit InsuranceDeposited(msg.sender, amount);
    }

    /// @inheritdoc IMarginLedger
    function withdrawInsurance(uint256 amount, address to) external nonReentrant onlyOwner {
        if (amount > insuranceFund) revert InsufficientInsurance(amount, insuranceFund);
        insuranceFund -= amount;
        _quoteToken.safeTransfer(to, amount);
        emit InsuranceWithdrawn(to, amount);
    }

    /// @inheritdoc IMarginLedger
    function pause() external {
        if (msg.sender != guardian && msg.sender != owner()) revert OnlyGuardian(msg.sender);
        paused = true;
        emit Paused(msg.sender);
    }

    /// @inheritdoc IMarginLedger
    function unpause() external onlyOwner {
        paused = false;
        liquidationsAllowedAt = block.timestamp + liquidationGracePeriod;
        emit Unpaused(liquidationsAllowedAt);
    }

    // ================================================================ ownership

    /// @dev Ownable2Step's two-step transfer wins over OApp's single-step Ownable.
    function transferOwnership(address newOwner) public override(Ownable, Ownable2Step) onlyOwner {
        Ownable2Step.transferOwnership(newOwner);
    }

    function _transferOwnership(address newOwner) internal override(Ownable, Ownable2Step) {
        Ownable2Step._transferOwnership(newOwner);
    }
}
