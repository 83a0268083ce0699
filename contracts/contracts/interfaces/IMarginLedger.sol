// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {MessagingFee} from "@layerzerolabs/lz-evm-protocol-v2/contracts/interfaces/ILayerZeroEndpointV2.sol";
import {MarginMathLib} from "../libraries/MarginMathLib.sol";
import {IRiskEngine} from "./IRiskEngine.sol";

/// @title IMarginLedger
/// @notice Accounting of margin on one chain: collateral credited from vaults on every chain, a
/// signed quote cash balance per account, markets that report positions, releases back to vaults,
/// liquidations, insurance and bad debt. Prices and risk parameters live in its IRiskEngine.
interface IMarginLedger {
    /// @notice An account's balance of one collateral.
    struct Balance {
        /// Counts toward margin at the collateral's factors.
        uint128 valued;
        /// Credited at zero margin value (unknown asset, cap reached or too many collaterals); releasable.
        uint128 parked;
    }

    error ZeroAmount();
    error ZeroAddress();
    error AmountTooLarge(uint256 amount);
    /// @notice The account would end below initial margin.
    error InsufficientMargin(address account, int256 initialHealth);
    /// @notice The account holds less than asked.
    error InsufficientCollateral(address account, uint32 srcEid, address asset, uint256 requested, uint256 available);
    /// @notice The account's cash is less than asked.
    error InsufficientCash(address account, int256 cash, uint256 requested);
    /// @notice Releases, opens and withdrawals are paused.
    error LedgerPaused();
    /// @notice The account is not below maintenance margin, or has no debt to repay.
    error NotLiquidatable(address account, int256 maintenanceHealth, int256 cash);
    /// @notice Liquidations wait after an unpause (or during a pause) so users can top up.
    error LiquidationsPaused(uint256 allowedAt);
    error OnlyMarket(address caller);
    error OnlyLocalVault(address caller);
    error OnlyGuardian(address caller);
    error NoLocalVault();
    error UnexpectedMessageType(uint8 msgType);
    error UnexpectedFee(uint256 value);
    error TooManyMarkets();
    error MarketAlreadyListed(address market);
    error MarketNotListed(address market);
    error InsufficientInsurance(uint256 requested, uint256 available);
    /// @notice The account still has collateral or positions; only an empty account's debt is bad debt.
    error NotBadDebt(address account);
    /// @notice A market could not price the account's positions with a usable mark price.
    error MarketPriceUnusable(address market);
    /// @notice The liquidator would pay nothing or receive nothing.
    error NothingToLiquidate();

    /// @notice A LOCK (or a same-chain lock, `guid` zero) credited `account`.
    event Credited(
        bytes32 indexed guid,
        uint32 indexed srcEid,
        address indexed asset,
        address account,
        uint256 amount,
        uint256 valued,
        uint256 parked
    );
    /// @notice Debited `account` and sent RELEASE (`guid` zero when paid by the local vault).
    event ReleaseRequested(
        bytes32 indexed guid,
        uint32 indexed srcEid,
        address indexed asset,
        address account,
        address recipient,
        uint256 amount
    );
    event ParkedActivated(address indexed account, uint32 indexed srcEid, address indexed asset, uint256 amount);
    event CashDeposited(address indexed account, address indexed from, uint256 amount);
    event CashWithdrawn(address indexed account, address indexed to, uint256 amount);
    event PnlSettled(address indexed market, address indexed account, int256 amount);
    /// @notice A trader's profit the market's LP pool could not pay: `unpaid` is forfeited (the pool
    /// pays what it holds and never goes negative, so no winner is paid out of another account's cash).
    event PnlShortfall(address indexed market, address indexed account, uint256 unpaid);
    event PenaltyCharged(
        address indexed market, address indexed account, uint256 penalty, address keeper, uint256 keeperReward
    );
    /// @notice `liquidator` repaid `repaid` of `account`'s debt and received `seized` collateral.
    /// @notice `liquidator` repaid `repaid` of `account`'s debt and received `seized` collateral, credited
    /// as valued or, when the liquidator has no free collateral slot, as parked.
    event Liquidated(
        address indexed liquidator,
        address indexed account,
        uint32 srcEid,
        address asset,
        uint256 repaid,
        uint256 seized,
        bool seizedAsParked
    );
    /// @notice An empty account's debt was covered: first by insurance, then socialized across market LP pools.
    event BadDebtSettled(address indexed account, uint256 debt, uint256 fromInsurance, uint256 socialized);
    /// @notice `amount` of `account`'s bad debt was charged to `market`'s LP pool (its cash).
    event LossSocialized(address indexed market, address indexed account, uint256 amount);
    event InsuranceDeposited(address indexed from, uint256 amount);
    event InsuranceWithdrawn(address indexed to, uint256 amount);
    event MarketAdded(address indexed market);
    event MarketRemoved(address indexed market);
    event GuardianSet(address indexed guardian);
    event LocalVaultSet(address indexed vault);
    event GracePeriodSet(uint64 gracePeriod);
    event Paused(address indexed by);
    event Unpaused(uint256 liquidationsAllowedAt);

    // ---- accounts ----

    /// @notice Debits `amount` of (srcEid, asset) from the caller and sends it to `recipient` on `srcEid`.
    /// @dev Debits first (parked balance before valued), then requires the caller to stay at or above
    /// initial margin, then sends RELEASE (or has the local vault pay when `srcEid` is this chain).
    function requestRelease(uint32 srcEid, address asset, uint256 amount, address recipient)
        external
        payable
        returns (bytes32 guid);

    /// @notice The LayerZero fee `requestRelease` needs (zero for this chain's own collateral).
    function quoteRelease(uint32 srcEid, address asset, uint256 amount, address recipient)
        external
        view
        returns (MessagingFee memory fee);

    /// @notice Moves the caller's parked balance to valued, as far as the cap and collateral slots allow.
    function activateParked(uint32 srcEid, address asset) external returns (uint256 activated);

    /// @notice Deposits quote tokens as cash of `account` (repays debt when cash is negative). Never paused.
    function depositCash(address account, uint256 amount) external;

    /// @notice Withdraws the caller's cash; the caller must stay at or above initial margin.
    function withdrawCash(uint256 amount, address to) external;

    /// @notice Repays `account`'s debt with quote tokens and takes its (srcEid, asset) collateral at a bonus.
    /// @return repaid Quote paid by the caller.
    /// @return seized Collateral credited to the caller (valued if it has room, else parked).
    function liquidate(address account, uint32 srcEid, address asset, uint256 repayAmount)
        external
        returns (uint256 repaid, uint256 seized);

    /// @notice Covers the debt of an account left with no collateral and no positions.
    function settleBadDebt(address account) external;

    // ---- markets ----

    /// @notice Market: adds `amount` (signed) of realized PnL to `account`'s cash, against the market's
    /// own cash (its LP pool). A profit is paid up to what the pool holds; the rest is forfeited and
    /// emitted as `PnlShortfall`. Returns the amount settled.
    function settlePnl(address account, int256 amount) external returns (int256 settled);

    /// @notice Market: charges a liquidation penalty to `account`; `keeperReward` of it goes to `keeper`'s cash,
    /// the rest to the insurance fund.
    function chargePenalty(address account, uint256 penalty, address keeper, uint256 keeperReward) external;

    /// @notice Market: pulls `amount` quote tokens from `from` into the market's own cash (its LP pool).
    function marketDeposit(address from, uint256 amount) external;

    /// @notice Market: pays `amount` of the market's own cash to `to`.
    function marketWithdraw(address to, uint256 amount) external;

    // ---- views ----

    /// @notice Margin figures of `account`. Collateral whose price is stale or out of bounds counts as zero.
    function health(address account) external view returns (MarginMathLib.Health memory);

    /// @notice Initial health with fresh prices; reverts when a price it needs is unusable.
    function initialHealth(address account) external view returns (int256);

    /// @notice Whether `account` is below maintenance margin (fresh prices; reverts otherwise).
    function isLiquidatable(address account) external view returns (bool);


    /// @notice Most of (srcEid, asset) `account` can release now.
    function freeCollateral(address account, uint32 srcEid, address asset) external view returns (uint256);

    function balanceOf(address account, uint32 srcEid, address asset) external view returns (uint128 valued, uint128 parked);
    function credited(uint32 srcEid, address asset) external view returns (uint256);
    function valuedTotal(uint32 srcEid, address asset) external view returns (uint256);
    function cash(address account) external view returns (int256);
    /// @notice Sum of every account's cash (markets included). Invariant 5:
    /// quote.balanceOf(ledger) == totalCash + insuranceFund.
    function totalCash() external view returns (int256);
    function insuranceFund() external view returns (uint256);
    function socializedLoss() external view returns (uint256);
    function accountCollaterals(address account) external view returns (IRiskEngine.CollateralKey[] memory);
    /// @notice The engine that holds this ledger's collateral risk parameters, prices and rates.
    function riskEngine() external view returns (IRiskEngine);
    function markets() external view returns (address[] memory);
    function isMarket(address market) external view returns (bool);
    function quote() external view returns (address);
    function quoteDecimals() external view returns (uint8);
    function paused() external view returns (bool);
    function liquidationsAllowedAt() external view returns (uint256);
    function localEid() external view returns (uint32);

    // ---- owner / guardian ----

    function addMarket(address market) external;
    function removeMarket(address market) external;
    function setGuardian(address guardian) external;
    function setLocalVault(address vault) external;
    function setLiquidationGracePeriod(uint64 gracePeriod) external;
    /// @notice Anyone: adds quote tokens to the insurance fund.
    function depositInsurance(uint256 amount) external;
    /// @notice Owner: takes quote tokens out of the insurance fund.
    function withdrawInsurance(uint256 amount, address to) external;
    /// @notice Guardian or owner: pauses releases, opens and withdrawals (credits, deposits, reductions go on).
    function pause() external;
    /// @notice Owner: unpauses; liquidations resume after the grace period.
    function unpause() external;
}
