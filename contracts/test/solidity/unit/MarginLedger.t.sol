// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {
    ILayerZeroEndpointV2,
    Origin
} from "@layerzerolabs/lz-evm-protocol-v2/contracts/interfaces/ILayerZeroEndpointV2.sol";
import {IOAppCore} from "@layerzerolabs/lz-evm-oapp-v2/contracts/oapp/interfaces/IOAppCore.sol";
import {OAppReceiver} from "@layerzerolabs/lz-evm-oapp-v2/contracts/oapp/OAppReceiver.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {MarginLedger} from "../../../contracts/MarginLedger.sol";
import {PerpMarket} from "../../../contracts/PerpMarket.sol";
import {RiskEngine} from "../../../contracts/RiskEngine.sol";
import {IMarginLedger} from "../../../contracts/interfaces/IMarginLedger.sol";
import {IRiskEngine} from "../../../contracts/interfaces/IRiskEngine.sol";
import {MarginMathLib} from "../../../contracts/libraries/MarginMathLib.sol";
import {MsgCodecLib} from "../../../contracts/libraries/MsgCodecLib.sol";
import {OracleLib} from "../../../contracts/libraries/OracleLib.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {TestMarket, UnitTestBase} from "./utils/UnitTestBase.sol";

/// @dev The ledger on chain 2; collateral comes from chain 1's vault over the real endpoint unless a
/// test locks on chain 2 itself (same-chain credit). A TestMarket next to the real PerpMarket moves
/// cash by hand (debt, penalties) and reports arbitrary margin figures.
contract MarginLedgerTest is UnitTestBase {
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal lp = makeAddr("lp");
    address internal stranger = makeAddr("stranger");

    MarginLedger internal ledger;
    RiskEngine internal risk;
    PerpMarket internal perp;
    TestMarket internal tm;
    MockERC20 internal quote;
    address internal usdc1;
    address internal weth1;

    function setUp() public {
        _setUpChains(2);
        Deployment storage c2 = _chain(2);
        ledger = c2.ledger;
        risk = c2.risk;
        perp = c2.market;
        quote = c2.usdc;
        usdc1 = address(_chain(1).usdc);
        weth1 = address(_chain(1).weth);
        tm = new TestMarket(ledger);
        ledger.addMarket(address(tm));
    }

    // ------------------------------------------------------------ helpers

    function _creditUsdc(address who, uint256 amount) internal {
        _lockUsdc(who, 1, amount, 2);
        _deliverAll();
    }

    function _creditWeth(address who, uint256 amount) internal {
        _lockWeth(who, 1, amount, 2);
        _deliverAll();
    }

    function _depositCash(address who, uint256 amount) internal {
        _fund(quote, who, address(ledger), amount);
        vm.prank(who);
        ledger.depositCash(who, amount);
    }

    function _provideLiquidity(address who, uint256 amount) internal {
        _fund(quote, who, address(perp), amount);
        vm.prank(who);
        perp.depositLiquidity(amount);
    }

    /// @dev Moves `amount` of cash from `who` to the TestMarket (a realized loss).
    function _debt(address who, uint256 amount) internal {
        tm.settlePnl(who, -int256(amount));
    }

    function _setEth(int256 price) internal {
        _chain(2).ethFeed.setAnswer(price);
    }

    function _open(address who, int256 size) internal {
        vm.prank(who);
        perp.openPosition(size);
    }

    function _configureUsdc1(uint128 cap) internal {
        IRiskEngine.CollateralConfig memory c = _usdcLike(address(_chain(2).usdFeed));
        c.cap = cap;
        risk.configureCollateral(1, usdc1, c, 0);
    }

    function _valued(address who, uint32 src, address asset) internal view returns (uint256 valued) {
        (valued,) = ledger.balanceOf(who, src, asset);
    }

    function _parked(address who, uint32 src, address asset) internal view returns (uint256 parked) {
        (, parked) = ledger.balanceOf(who, src, asset);
    }

    function _releaseExpectRevert(address who, uint32 src, address asset, uint256 amount, bytes memory reason)
        internal
    {
        uint256 fee = ledger.quoteRelease(src, asset, amount, who).nativeFee;
        vm.deal(who, fee);
        vm.prank(who);
        vm.expectRevert(reason);
        ledger.requestRelease{value: fee}(src, asset, amount, who);
    }

    // ================================================================ credits and parking

    function test_credit_unknownAssetIsParkedAndReleasable() public {
        Deployment storage c1 = _chain(1);
        MockERC20 dai = new MockERC20(address(this), "Dai", "DAI", 18);
        c1.vault.configureAsset(address(dai), true, false, type(uint128).max);
        c1.vault.configureRateLimit(address(dai), 1_000e18, 1e18);
        _fund(dai, alice, address(c1.vault), 100e18);
        bytes32 guid = _lock(alice, 1, address(dai), 100e18, 2);

        bytes memory packet = _takePending(0);
        _verifyPacket(packet);
        (ILayerZeroEndpointV2 endpoint, Origin memory origin, address receiver,, bytes memory message) =
            _receiveArgs(packet);
        vm.expectEmit(true, true, true, true, address(ledger));
        emit IMarginLedger.Credited(guid, 1, address(dai), alice, 100e18, 0, 100e18);
        endpoint.lzReceive(origin, receiver, guid, message, "");

        assertEq(_valued(alice, 1, address(dai)), 0);
        assertEq(_parked(alice, 1, address(dai)), 100e18);
        assertEq(ledger.credited(1, address(dai)), 100e18, "credited in full: the lane stays conserved");
        assertEq(ledger.valuedTotal(1, address(dai)), 0);
        assertEq(ledger.accountCollaterals(alice).length, 0);
        assertEq(ledger.health(alice).collateralValue, 0, "zero margin value");
        assertEq(ledger.freeCollateral(alice, 1, address(dai)), 100e18);

        _requestRelease(alice, 2, 1, address(dai), 100e18);
        _deliverAll();
        assertEq(dai.balanceOf(alice), 100e18, "parked collateral goes home");
        assertEq(ledger.credited(1, address(dai)), 0);
        assertEq(c1.vault.locked(2, address(dai)), 0);
    }

    function test_credit_overCapIsParkedThenActivated() public {
        _configureUsdc1(1_000e6);
        _creditUsdc(alice, 1_500e6);
        assertEq(_valued(alice, 1, usdc1), 1_000e6);
        assertEq(_parked(alice, 1, usdc1), 500e6);
        assertEq(ledger.valuedTotal(1, usdc1), 1_000e6);

        _creditUsdc(bob, 200e6);
        assertEq(_valued(bob, 1, usdc1), 0, "cap full: all parked");
        assertEq(_parked(bob, 1, usdc1), 200e6);
        assertEq(ledger.accountCollaterals(bob).length, 0);

        vm.prank(bob);
        vm.expectRevert(IMarginLedger.ZeroAmount.selector);
        ledger.activateParked(1, usdc1);

        _configureUsdc1(1_300e6);
        vm.expectEmit(true, true, true, true, address(ledger));
        emit IMarginLedger.ParkedActivated(bob, 1, usdc1, 200e6);
        vm.prank(bob);
        assertEq(ledger.activateParked(1, usdc1), 200e6);
        assertEq(_valued(bob, 1, usdc1), 200e6);
        assertEq(_parked(bob, 1, usdc1), 0);
        // Only 100 of room is left for alice.
        vm.prank(alice);
        assertEq(ledger.activateParked(1, usdc1), 100e6);
        assertEq(_valued(alice, 1, usdc1), 1_100e6);
        assertEq(_parked(alice, 1, usdc1), 400e6);
        assertEq(ledger.valuedTotal(1, usdc1), 1_300e6);
        assertEq(ledger.credited(1, usdc1), 1_700e6);
    }

    function test_credit_beyondMaxCollateralsIsParked() public {
        Deployment storage c2 = _chain(2);
        uint256 n = ledger.MAX_COLLATERALS() + 1;
        MockERC20[] memory tokens = new MockERC20[](n);
        for (uint256 i; i < n; ++i) {
            tokens[i] = new MockERC20(address(this), "T", "T", 6);
            c2.vault.configureAsset(address(tokens[i]), true, false, type(uint128).max);
            c2.vault.configureRateLimit(address(tokens[i]), 1_000e6, 1e6);
            risk.configureCollateral(2, address(tokens[i]), _usdcLike(address(c2.usdFeed)), 0);
            _fund(tokens[i], alice, address(c2.vault), 100e6);
            _lock(alice, 2, address(tokens[i]), 100e6, 2);
        }
        assertEq(ledger.accountCollaterals(alice).length, 8);
        MockERC20 ninth = tokens[n - 1];
        assertEq(_valued(alice, 2, address(ninth)), 0, "no slot: parked");
        assertEq(_parked(alice, 2, address(ninth)), 100e6);
        assertEq(ledger.health(alice).collateralValue, 800e6);

        vm.prank(alice);
        vm.expectRevert(IMarginLedger.ZeroAmount.selector);
        ledger.activateParked(2, address(ninth));

        // Releasing one valued collateral frees its slot (same-chain: paid at once by the local vault).
        _requestRelease(alice, 2, 2, address(tokens[0]), 100e6);
        assertEq(tokens[0].balanceOf(alice), 100e6);
        assertEq(ledger.accountCollaterals(alice).length, 7);
        vm.prank(alice);
        ledger.activateParked(2, address(ninth));
        assertEq(_valued(alice, 2, address(ninth)), 100e6);
        assertEq(ledger.accountCollaterals(alice).length, 8);
    }

    function test_creditLocal_onlyLocalVault() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IMarginLedger.OnlyLocalVault.selector, stranger));
        ledger.creditLocal(usdc1, stranger, 1, 0);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IMarginLedger.OnlyLocalVault.selector, stranger));
        ledger.syncRateLocal(usdc1, 1);
    }

    // ================================================================ requestRelease

    function test_requestRelease_debitsParkedFirst() public {
        _configureUsdc1(1_000e6);
        _creditUsdc(alice, 1_500e6);
        bytes32 guid = _requestRelease(alice, 2, 1, usdc1, 600e6);
        assertTrue(guid != bytes32(0));
        assertEq(_parked(alice, 1, usdc1), 0);
        assertEq(_valued(alice, 1, usdc1), 900e6);
        assertEq(ledger.valuedTotal(1, usdc1), 900e6);
        assertEq(ledger.credited(1, usdc1), 900e6, "debited before the RELEASE is delivered");
        assertEq(_pendingMessage(0), MsgCodecLib.encodeRelease(usdc1, alice, 600e6));
        _deliverAll();
        assertEq(_chain(1).usdc.balanceOf(alice), 600e6);
        assertEq(_chain(1).vault.locked(2, usdc1), 900e6);
    }

    function test_requestRelease_refusesBreachOfInitialMarginWithOpenPosition() public {
        _creditUsdc(alice, 1_000e6);
        _open(alice, 1e18); // IM 300 at $3,000; initial collateral 950
        assertEq(ledger.initialHealth(alice), 650e6);
        // 200 left would count 190 against 300 of initial margin.
        _releaseExpectRevert(
            alice, 1, usdc1, 800e6, abi.encodeWithSelector(IMarginLedger.InsufficientMargin.selector, alice, -110e6)
        );
        assertEq(_valued(alice, 1, usdc1), 1_000e6, "nothing debited");
        assertEq(_pendingCount(), 0, "nothing sent");
        _assertQuoteConserved(2);
    }

    function test_requestRelease_refusesMoreThanBalance() public {
        _creditUsdc(alice, 1_000e6);
        _releaseExpectRevert(
            alice,
            1,
            usdc1,
            1_000e6 + 1,
            abi.encodeWithSelector(IMarginLedger.InsufficientCollateral.selector, alice, 1, usdc1, 1_000e6 + 1, 1_000e6)
        );
    }

    function test_requestRelease_refusesBadArguments() public {
        _creditUsdc(alice, 1_000e6);
        vm.startPrank(alice);
        vm.expectRevert(IMarginLedger.ZeroAmount.selector);
        ledger.requestRelease(1, usdc1, 0, alice);
        vm.expectRevert(IMarginLedger.ZeroAddress.selector);
        ledger.requestRelease(1, usdc1, 1, address(0));
        vm.expectRevert(abi.encodeWithSelector(IMarginLedger.AmountTooLarge.selector, uint256(type(uint128).max) + 1));
        ledger.requestRelease(1, usdc1, uint256(type(uint128).max) + 1, alice);
        vm.stopPrank();
    }

    function test_requestRelease_refusedWhilePaused() public {
        _creditUsdc(alice, 1_000e6);
        vm.prank(guardian);
        ledger.pause();
        _releaseExpectRevert(alice, 1, usdc1, 1e6, abi.encodeWithSelector(IMarginLedger.LedgerPaused.selector));
    }

    function test_requestRelease_sameChainPaidByLocalVaultInSameTx() public {
        Deployment storage c2 = _chain(2);
        _lockUsdc(alice, 2, 1_000e6, 2);
        vm.expectEmit(true, true, true, true, address(ledger));
        emit IMarginLedger.ReleaseRequested(bytes32(0), 2, address(c2.usdc), alice, bob, 300e6);
        vm.prank(alice);
        bytes32 guid = ledger.requestRelease(2, address(c2.usdc), 300e6, bob);
        assertEq(guid, bytes32(0));
        assertEq(_pendingCount(), 0, "no packet");
        assertEq(c2.usdc.balanceOf(bob), 300e6, "paid in the same transaction");
        assertEq(c2.vault.locked(2, address(c2.usdc)), 700e6);
        assertEq(ledger.credited(2, address(c2.usdc)), 700e6);
        assertEq(ledger.quoteRelease(2, address(c2.usdc), 1, bob).nativeFee, 0);

        vm.deal(alice, 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IMarginLedger.UnexpectedFee.selector, 1));
        ledger.requestRelease{value: 1}(2, address(c2.usdc), 1, alice);

        ledger.setLocalVault(address(0));
        vm.prank(alice);
        vm.expectRevert(IMarginLedger.NoLocalVault.selector);
        ledger.requestRelease(2, address(c2.usdc), 1, alice);
    }

    // ================================================================ cash

    function test_depositCash_worksWhilePaused() public {
        vm.prank(guardian);
        ledger.pause();
        _fund(quote, bob, address(ledger), 100e6);
        vm.expectEmit(true, true, false, true, address(ledger));
        emit IMarginLedger.CashDeposited(alice, bob, 100e6);
        vm.prank(bob);
        ledger.depositCash(alice, 100e6);
        assertEq(ledger.cash(alice), 100e6);
        assertEq(ledger.totalCash(), 100e6);
        _assertQuoteConserved(2);
    }

    function test_depositCash_repaysDebt() public {
        _debt(alice, 300e6);
        assertEq(ledger.cash(alice), -300e6);
        _depositCash(alice, 500e6);
        assertEq(ledger.cash(alice), 200e6);
        _assertQuoteConserved(2);
    }

    function test_depositCash_refusesBadArguments() public {
        vm.expectRevert(IMarginLedger.ZeroAmount.selector);
        ledger.depositCash(alice, 0);
        vm.expectRevert(IMarginLedger.ZeroAddress.selector);
        ledger.depositCash(address(0), 1);
    }

    function test_withdrawCash_refusesMoreThanCash() public {
        _depositCash(alice, 100e6);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IMarginLedger.InsufficientCash.selector, alice, 100e6, 101e6));
        ledger.withdrawCash(101e6, alice);
    }

    function test_withdrawCash_keepsInitialMargin() public {
        _depositCash(alice, 1_000e6);
        _open(alice, 1e18); // IM 300
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IMarginLedger.InsufficientMargin.selector, alice, -1e6));
        ledger.withdrawCash(701e6, bob);

        vm.prank(alice);
        ledger.withdrawCash(700e6, bob);
        assertEq(quote.balanceOf(bob), 700e6);
        assertEq(ledger.cash(alice), 300e6);
        assertEq(ledger.initialHealth(alice), 0);
        _assertQuoteConserved(2);
    }

    function test_withdrawCash_refusedWhilePaused() public {
        _depositCash(alice, 100e6);
        vm.prank(guardian);
        ledger.pause();
        vm.prank(alice);
        vm.expectRevert(IMarginLedger.LedgerPaused.selector);
        ledger.withdrawCash(1e6, alice);
    }

    // ================================================================ liquidation

    /// @dev alice: 1 WETH from chain 1 and 2,000 USDC of debt; bob can pay.
    function _indebted() internal {
        _creditWeth(alice, 1e18);
        _debt(alice, 2_000e6);
        _fund(quote, bob, address(ledger), 10_000e6);
    }

    function test_liquidate_refusesHealthyAccount() public {
        _indebted();
        // 1 WETH at $3,000 * 0.85 = 2,550 against 2,000 of debt.
        assertFalse(ledger.isLiquidatable(alice));
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IMarginLedger.NotLiquidatable.selector, alice, 550e6, -2_000e6));
        ledger.liquidate(alice, 1, weth1, 1_000e6);
    }

    function test_liquidate_refusesAccountWithoutDebt() public {
        _creditWeth(alice, 1e18);
        tm.setFigures(alice, 0, 6_000e6, 5_000e6, true, true);
        assertTrue(ledger.isLiquidatable(alice));
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IMarginLedger.NotLiquidatable.selector, alice, -2_450e6, 0));
        ledger.liquidate(alice, 1, weth1, 1_000e6);
    }

    function test_liquidate_seizesRepayWithBonusAtPrice() public {
        _indebted();
        _setEth(2_000e8); // 1,700 of maintenance collateral against 2,000 of debt
        assertTrue(ledger.isLiquidatable(alice));

        vm.expectEmit(true, true, false, true, address(ledger));
        emit IMarginLedger.Liquidated(bob, alice, 1, weth1, 1_000e6, 0.525e18, false);
        vm.prank(bob);
        (uint256 repaid, uint256 seized) = ledger.liquidate(alice, 1, weth1, 1_000e6);

        // 1,000 repaid * 1.05 = 1,050 USDC of ETH at $2,000 = 0.525 ETH.
        assertEq(repaid, 1_000e6);
        assertEq(seized, 0.525e18);
        assertEq(ledger.cash(alice), -1_000e6, "partial repay");
        assertEq(_valued(alice, 1, weth1), 0.475e18);
        assertEq(_valued(bob, 1, weth1), 0.525e18, "the liquidator holds it as valued collateral");
        assertEq(quote.balanceOf(bob), 9_000e6);
        assertEq(ledger.valuedTotal(1, weth1), 1e18, "collateral changed hands inside the ledger");
        assertEq(ledger.credited(1, weth1), 1e18);
        assertTrue(ledger.isLiquidatable(alice), "still under water after a partial repay");
        _assertQuoteConserved(2);

        // The liquidator can take the seized collateral home.
        _requestRelease(bob, 2, 1, weth1, 0.525e18);
        _deliverAll();
        assertEq(_chain(1).weth.balanceOf(bob), 0.525e18);
    }

    function test_liquidate_repayCappedAtDebt() public {
        _indebted();
        _setEth(1_000e8); // 1 ETH = 1,000: 850 of maintenance collateral
        _creditUsdc(alice, 2_000e6); // 1,940 more of maintenance collateral
        _debt(alice, 900e6); // debt 2,900 against 850 + 1,940: liquidatable
        vm.prank(bob);
        (uint256 repaid, uint256 seized) = ledger.liquidate(alice, 1, usdc1, 10_000e6);
        // Repay is capped at the 2,900 debt; seizing 2,900 * 1.02 = 2,958 USDC exceeds 2,000, so the
        // seizure is capped at 2,000 and the repayment falls to ceil(2,000 / 1.02).
        assertEq(seized, 2_000e6);
        assertEq(repaid, 1_960_784_314);
        assertEq(ledger.cash(alice), -2_900e6 + 1_960_784_314);
        assertEq(ledger.accountCollaterals(alice).length, 1, "the USDC slot is gone, the WETH stays");
        _assertQuoteConserved(2);
    }

    /// @dev Seizing all collateral leaves debt and nothing else: insurance pays first, then the
    /// markets' LP cash in proportion, and the loss is recorded.
    function test_liquidate_badDebtGoesToInsuranceThenLpPools() public {
        _indebted(); // tm's cash is +2,000 from alice's loss
        _provideLiquidity(lp, 10_000e6); // perp's cash 10,000
        _fund(quote, address(this), address(ledger), 50e6);
        ledger.depositInsurance(50e6);
        _setEth(2_000e8);

        // Repay 5,000 asked -> capped at the 2,000 debt -> 2,100 of ETH asked but only 1 ETH (2,000)
        // held: seize 1 ETH for ceil(2,000 / 1.05) = 1,904.761905; 95.238095 of debt is left.
        vm.expectEmit(true, true, false, true, address(ledger));
        emit IMarginLedger.Liquidated(bob, alice, 1, weth1, 1_904_761_905, 1e18, false);
        vm.expectEmit(true, false, false, true, address(ledger));
        emit IMarginLedger.BadDebtSettled(alice, 95_238_095, 50e6, 45_238_095);
        vm.prank(bob);
        (uint256 repaid, uint256 seized) = ledger.liquidate(alice, 1, weth1, 5_000e6);
        assertEq(repaid, 1_904_761_905);
        assertEq(seized, 1e18);

        assertEq(ledger.cash(alice), 0, "debt covered");
        assertEq(ledger.insuranceFund(), 0);
        assertEq(ledger.socializedLoss(), 45_238_095);
        // Pools 10,000 and 2,000: ceil(45.238095 * 5/6) = 37.698413 from perp, the remaining 7.539682 from tm.
        assertEq(ledger.cash(address(perp)), 10_000e6 - 37_698_413);
        assertEq(ledger.cash(address(tm)), 2_000e6 - 7_539_682);
        assertEq(perp.poolValue(), int256(10_000e6 - 37_698_413), "LPs bear the socialized loss");
        assertEq(ledger.accountCollaterals(alice).length, 0);
        _assertQuoteConserved(2);
    }

    function test_settleBadDebt_leavesUncoveredDebtVisible() public {
        // Bob has nothing but -100 of cash (a penalty he could not pay, all of it rewarded to alice), and
        // no pool holds any cash: bad debt nobody can cover.
        tm.chargePenalty(bob, 100e6, alice, 100e6);
        vm.expectEmit(true, false, false, true, address(ledger));
        emit IMarginLedger.BadDebtSettled(bob, 100e6, 0, 0);
        ledger.settleBadDebt(bob);
        assertEq(ledger.cash(bob), -100e6, "no insurance, no pool: the debt stays visible");
        assertEq(ledger.socializedLoss(), 0);
        _assertQuoteConserved(2);

        _fund(quote, address(this), address(ledger), 30e6);
        ledger.depositInsurance(30e6);
        ledger.settleBadDebt(bob);
        assertEq(ledger.cash(bob), -70e6);
        assertEq(ledger.insuranceFund(), 0);
        _assertQuoteConserved(2);
    }

    function test_settleBadDebt_refusesAccountWithCollateral() public {
        _indebted();
        vm.expectRevert(abi.encodeWithSelector(IMarginLedger.NotBadDebt.selector, alice));
        ledger.settleBadDebt(alice);
        vm.expectRevert(abi.encodeWithSelector(IMarginLedger.NotBadDebt.selector, bob));
        ledger.settleBadDebt(bob);
    }

    function test_liquidate_gracePeriodAfterUnpause() public {
        _indebted();
        _setEth(2_000e8);
        vm.prank(guardian);
        ledger.pause();
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IMarginLedger.LiquidationsPaused.selector, type(uint256).max));
        ledger.liquidate(alice, 1, weth1, 100e6);

        ledger.unpause();
        uint256 allowedAt = block.timestamp + 1 hours;
        assertEq(ledger.liquidationsAllowedAt(), allowedAt);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IMarginLedger.LiquidationsPaused.selector, allowedAt));
        ledger.liquidate(alice, 1, weth1, 100e6);

        vm.warp(allowedAt - 1);
        _setEth(2_000e8);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IMarginLedger.LiquidationsPaused.selector, allowedAt));
        ledger.liquidate(alice, 1, weth1, 100e6);

        vm.warp(allowedAt);
        vm.prank(bob);
        (uint256 repaid,) = ledger.liquidate(alice, 1, weth1, 100e6);
        assertEq(repaid, 100e6);
    }

    function test_liquidate_refusesCollateralTheAccountDoesNotHold() public {
        _indebted();
        _setEth(2_000e8);
        vm.prank(bob);
        vm.expectRevert(IMarginLedger.NothingToLiquidate.selector);
        ledger.liquidate(alice, 1, usdc1, 100e6);
    }

    function test_liquidate_liquidatorWithoutFreeSlotReceivesParked() public {
        Deployment storage c2 = _chain(2);
        // bob fills his eight collateral slots with same-chain tokens.
        for (uint256 i; i < ledger.MAX_COLLATERALS(); ++i) {
            MockERC20 token = new MockERC20(address(this), "T", "T", 6);
            c2.vault.configureAsset(address(token), true, false, type(uint128).max);
            risk.configureCollateral(2, address(token), _usdcLike(address(c2.usdFeed)), 0);
            _fund(token, bob, address(c2.vault), 1e6);
            _lock(bob, 2, address(token), 1e6, 2);
        }
        _indebted();
        _setEth(2_000e8);
        vm.expectEmit(true, true, false, true, address(ledger));
        emit IMarginLedger.Liquidated(bob, alice, 1, weth1, 1_000e6, 0.525e18, true);
        vm.prank(bob);
        ledger.liquidate(alice, 1, weth1, 1_000e6);
        assertEq(_valued(bob, 1, weth1), 0);
        assertEq(_parked(bob, 1, weth1), 0.525e18, "no slot: the seized collateral is parked");
        assertEq(ledger.valuedTotal(1, weth1), 0.475e18, "parked seizure leaves the valued total");
        assertEq(ledger.credited(1, weth1), 1e18);
        _assertQuoteConserved(2);
    }

    /// @dev Documents current behaviour (reported): parked collateral is neither seizable nor counted
    /// by `_isBadDebt`, so an account whose valued collateral is gone has its debt settled by insurance
    /// and LPs while it still holds parked collateral, which it can then release.
    function test_liquidate_parkedCollateralSurvivesBadDebtSettlement() public {
        _configureUsdc1(0); // listed, but no valued room: USDC from chain 1 is parked
        _creditUsdc(alice, 500e6);
        assertEq(_parked(alice, 1, usdc1), 500e6);
        _indebted();
        _setEth(2_000e8);

        vm.prank(bob);
        ledger.liquidate(alice, 1, weth1, 5_000e6);
        // 95.238095 of debt was left and covered by tm's pool (no insurance).
        assertEq(ledger.cash(alice), 0);
        assertEq(ledger.socializedLoss(), 95_238_095);
        assertEq(ledger.cash(address(tm)), 2_000e6 - 95_238_095);

        // The parked 500 USDC were never used against the debt and go home.
        _requestRelease(alice, 2, 1, usdc1, 500e6);
        _deliverAll();
        assertEq(_chain(1).usdc.balanceOf(alice), 500e6);
        _assertQuoteConserved(2);
    }

    // ================================================================ markets

    function test_marketFunctions_onlyMarkets() public {
        bytes memory reason = abi.encodeWithSelector(IMarginLedger.OnlyMarket.selector, stranger);
        vm.startPrank(stranger);
        vm.expectRevert(reason);
        ledger.settlePnl(alice, 1);
        vm.expectRevert(reason);
        ledger.chargePenalty(alice, 1, stranger, 0);
        vm.expectRevert(reason);
        ledger.marketDeposit(stranger, 1);
        vm.expectRevert(reason);
        ledger.marketWithdraw(stranger, 1);
        vm.stopPrank();
    }

    function _fundPool(uint256 amount) internal {
        _fund(quote, address(this), address(tm), amount);
        tm.deposit(amount);
    }

    function test_settlePnl_movesCashBetweenAccountAndMarket() public {
        _fundPool(1_000e6);
        vm.expectEmit(true, true, false, true, address(ledger));
        emit IMarginLedger.PnlSettled(address(tm), alice, 250e6);
        assertEq(tm.settlePnl(alice, 250e6), 250e6);
        assertEq(ledger.cash(alice), 250e6);
        assertEq(ledger.cash(address(tm)), 750e6);
        assertEq(ledger.totalCash(), 1_000e6);
        _assertQuoteConserved(2);
    }

    function test_settlePnl_capsProfitAtPoolCash() public {
        _fundPool(100e6);
        vm.expectEmit(true, true, false, true, address(ledger));
        emit IMarginLedger.PnlSettled(address(tm), alice, 100e6);
        vm.expectEmit(true, true, false, true, address(ledger));
        emit IMarginLedger.PnlShortfall(address(tm), alice, 150e6);
        assertEq(tm.settlePnl(alice, 250e6), 100e6);
        assertEq(ledger.cash(alice), 100e6);
        assertEq(ledger.cash(address(tm)), 0, "never negative");
        // An empty pool pays nothing.
        assertEq(tm.settlePnl(bob, 1), 0);
        assertEq(ledger.cash(bob), 0);
        _assertQuoteConserved(2);
    }

    function test_settlePnl_lossSettlesInFullEvenIntoDebt() public {
        assertEq(tm.settlePnl(alice, -300e6), -300e6);
        assertEq(ledger.cash(alice), -300e6);
        assertEq(ledger.cash(address(tm)), 300e6);
    }

    function testFuzz_settlePnl_poolNeverNegative(uint64 pool, int128 amount) public {
        _fundPool(uint256(pool) + 1);
        int256 settled = tm.settlePnl(alice, amount);
        assertGe(ledger.cash(address(tm)), 0);
        assertEq(ledger.cash(alice), settled);
        assertEq(settled, amount > int256(uint256(pool) + 1) ? int256(uint256(pool) + 1) : int256(amount));
        _assertQuoteConserved(2);
    }

    function test_chargePenalty_splitsBetweenKeeperAndInsurance() public {
        _depositCash(alice, 1_000e6);
        vm.expectEmit(true, true, false, true, address(ledger));
        emit IMarginLedger.PenaltyCharged(address(tm), alice, 100e6, bob, 30e6);
        tm.chargePenalty(alice, 100e6, bob, 30e6);
        assertEq(ledger.cash(alice), 900e6);
        assertEq(ledger.cash(bob), 30e6);
        assertEq(ledger.insuranceFund(), 70e6);
        _assertQuoteConserved(2);

        vm.expectRevert(abi.encodeWithSelector(IMarginLedger.AmountTooLarge.selector, 101e6));
        tm.chargePenalty(alice, 100e6, bob, 101e6);
    }

    function test_marketDepositAndWithdraw_moveMarketCash() public {
        _fund(quote, lp, address(tm), 500e6);
        vm.prank(lp);
        tm.deposit(500e6);
        assertEq(ledger.cash(address(tm)), 500e6);
        _assertQuoteConserved(2);

        vm.expectRevert(abi.encodeWithSelector(IMarginLedger.InsufficientCash.selector, address(tm), 500e6, 501e6));
        tm.withdraw(lp, 501e6);
        tm.withdraw(lp, 200e6);
        assertEq(quote.balanceOf(lp), 200e6);
        assertEq(ledger.cash(address(tm)), 300e6);

        vm.prank(guardian);
        ledger.pause();
        vm.expectRevert(IMarginLedger.LedgerPaused.selector);
        tm.withdraw(lp, 1);
        _assertQuoteConserved(2);
    }

    function test_addMarket_validatesAndCaps() public {
        vm.expectRevert(IMarginLedger.ZeroAddress.selector);
        ledger.addMarket(address(0));
        vm.expectRevert(abi.encodeWithSelector(IMarginLedger.MarketAlreadyListed.selector, address(tm)));
        ledger.addMarket(address(tm));
        // perp + tm listed: six more fit.
        for (uint256 i; i < 6; ++i) {
            ledger.addMarket(address(new TestMarket(ledger)));
        }
        assertEq(ledger.markets().length, ledger.MAX_MARKETS());
        address ninth = address(new TestMarket(ledger));
        vm.expectRevert(IMarginLedger.TooManyMarkets.selector);
        ledger.addMarket(ninth);
    }

    function test_removeMarket_revokesMarketRights() public {
        vm.expectRevert(abi.encodeWithSelector(IMarginLedger.MarketNotListed.selector, stranger));
        ledger.removeMarket(stranger);

        vm.expectEmit(true, false, false, false, address(ledger));
        emit IMarginLedger.MarketRemoved(address(perp));
        ledger.removeMarket(address(perp));
        assertFalse(ledger.isMarket(address(perp)));
        address[] memory markets = ledger.markets();
        assertEq(markets.length, 1);
        assertEq(markets[0], address(tm));
        vm.expectRevert(abi.encodeWithSelector(IMarginLedger.MarketNotListed.selector, address(perp)));
        ledger.removeMarket(address(perp));
    }

    function test_removeMarket_removedMarketCannotSettle() public {
        ledger.removeMarket(address(tm));
        vm.expectRevert(abi.encodeWithSelector(IMarginLedger.OnlyMarket.selector, address(tm)));
        tm.settlePnl(alice, 1);
        // A removed market no longer counts in health.
        tm.setFigures(alice, -1_000e6, 1_000e6, 1_000e6, true, true);
        assertEq(ledger.health(alice).initialMargin, 0);
        ledger.addMarket(address(tm));
        assertEq(ledger.health(alice).initialMargin, 1_000e6);
    }

    // ================================================================ freeCollateral

    function test_freeCollateral_wholeBalanceWithoutDebtOrPositions() public {
        _configureUsdc1(1_000e6);
        _creditUsdc(alice, 1_500e6);
        assertEq(ledger.freeCollateral(alice, 1, usdc1), 1_500e6);
    }

    function test_freeCollateral_releasingExactlyFreeSucceeds() public {
        _creditUsdc(alice, 1_000e6);
        _open(alice, 1e18); // IM 300; 1,000 USDC contributes 950
        uint256 free = ledger.freeCollateral(alice, 1, usdc1);
        // 300 / 0.95 = 315.789474 must stay.
        assertEq(free, 1_000e6 - 315_789_474);

        _releaseExpectRevert(
            alice, 1, usdc1, free + 1, abi.encodeWithSelector(IMarginLedger.InsufficientMargin.selector, alice, -1)
        );
        _requestRelease(alice, 2, 1, usdc1, free);
        assertEq(ledger.initialHealth(alice), 0);
        assertEq(ledger.freeCollateral(alice, 1, usdc1), 0);
        _deliverAll();
        assertEq(_chain(1).usdc.balanceOf(alice), free);
        _assertQuoteConserved(2);
    }

    function test_freeCollateral_zeroWhenUnhealthyOrPriceUnusable() public {
        _creditWeth(alice, 1e18);
        _depositCash(alice, 100e6);
        _open(alice, 1e18);
        assertGt(ledger.freeCollateral(alice, 1, weth1), 0);
        _chain(2).ethFeed.setAnswerAt(3_000e8, block.timestamp - 1 hours - 1);
        assertEq(ledger.freeCollateral(alice, 1, weth1), 0, "stale price: nothing provably free");
        _setEth(2_000e8);
        // 1 ETH at $2,000 * 0.8 = 1,600 + 100 cash - 1,000 loss - 200 IM = 500: still some free.
        assertEq(ledger.initialHealth(alice), 500e6);
        _setEth(1_500e8);
        assertLt(ledger.initialHealth(alice), 0);
        assertEq(ledger.freeCollateral(alice, 1, weth1), 0, "under initial margin: nothing free");
    }

    /// @dev Slashes chain 2's share to `rateBps`, then credits alice WETH, USDC and shares on chain 2 itself.
    function _creditMixedOnTwo(uint256 wethAmount, uint256 usdcAmount, uint256 rateBps) internal {
        Deployment storage c2 = _chain(2);
        c2.weth.burn(address(c2.steth), c2.weth.balanceOf(address(c2.steth)) * (10_000 - rateBps) / 10_000);
        _lockWeth(alice, 2, wethAmount, 2);
        if (usdcAmount > 0) _lockUsdc(alice, 2, usdcAmount, 2);
        c2.weth.mint(alice, wethAmount);
        vm.startPrank(alice);
        c2.weth.approve(address(c2.steth), wethAmount);
        uint256 shares = c2.steth.deposit(wethAmount, alice);
        c2.steth.approve(address(c2.vault), shares);
        c2.vault.lock(address(c2.steth), shares, 2, alice);
        vm.stopPrank();
    }

    /// @dev Releasing `free + 1` must revert with the exact initial health it would leave.
    function _expectOneMoreBreaches(address asset, uint256 balance, uint256 free, int256 health) internal {
        uint64 factor = risk.collateralConfig(2, asset).collateralFactor;
        uint256 before = risk.valueOf(2, asset, balance) * factor / 1e18;
        uint256 afterOneMore = risk.valueOf(2, asset, balance - free - 1) * factor / 1e18;
        int256 expected = health - int256(before) + int256(afterOneMore);
        assertLt(expected, 0);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IMarginLedger.InsufficientMargin.selector, alice, expected));
        ledger.requestRelease(2, asset, free + 1, alice);
    }

    /// @dev For random collateral, share rates, positions and prices, releasing freeCollateral never
    /// reverts for margin, and one unit more always breaches initial margin by exactly the lost haircut.
    function testFuzz_freeCollateral_releaseNeverBreachesInitialMargin(
        uint256 wethAmount,
        uint256 usdcAmount,
        uint256 rateBps,
        uint256 sizePct,
        bool isShort,
        uint256 newPrice,
        uint256 assetSeed
    ) public {
        Deployment storage c2 = _chain(2);
        _creditMixedOnTwo(
            bound(wethAmount, 1e15, 100e18), bound(usdcAmount, 0, 100_000e6), bound(rateBps, 5_000, 10_000)
        );

        // A position using 1-99% of the room initial margin allows (10% IM), then a price move.
        uint256 maxNotional = uint256(ledger.initialHealth(alice)) * 10;
        int256 size = int256(maxNotional * bound(sizePct, 1, 99) / 100 * 1e20 / 3_000e8);
        _open(alice, isShort ? -size : size);
        _setEth(int256(bound(newPrice, 1_500e8, 4_500e8)));

        address asset = assetSeed % 3 == 0
            ? address(c2.weth)
            : assetSeed % 3 == 1 ? address(c2.usdc) : address(c2.steth);
        uint256 free = ledger.freeCollateral(alice, 2, asset);
        int256 health = ledger.initialHealth(alice);
        if (health < 0) {
            assertEq(free, 0, "nothing is free under initial margin");
            return;
        }
        (uint128 valued, uint128 parked) = ledger.balanceOf(alice, 2, asset);
        uint256 balance = uint256(valued) + parked;
        assertLe(free, balance);

        if (free < balance) _expectOneMoreBreaches(asset, balance, free, health);
        if (free > 0) {
            uint256 tokensBefore = MockERC20(asset).balanceOf(alice);
            vm.prank(alice);
            ledger.requestRelease(2, asset, free, alice);
            assertGe(ledger.initialHealth(alice), 0);
            assertEq(MockERC20(asset).balanceOf(alice), tokensBefore + free);
        }
        _assertQuoteConserved(2);
    }

    // ================================================================ health views

    function test_health_reportsEveryComponent() public {
        _creditWeth(alice, 1e18);
        _creditUsdc(alice, 1_000e6);
        _depositCash(alice, 500e6);
        _open(alice, 2e18);
        _setEth(3_100e8);
        MarginMathLib.Health memory h = ledger.health(alice);
        assertEq(h.collateralValue, 3_100e6 + 1_000e6);
        assertEq(h.initialCollateral, 2_480e6 + 950e6);
        assertEq(h.maintenanceCollateral, 2_635e6 + 970e6);
        assertEq(h.cash, 500e6);
        assertEq(h.unrealizedPnl, 200e6);
        assertEq(h.initialMargin, 620e6);
        assertEq(h.maintenanceMargin, 310e6);
        assertEq(ledger.initialHealth(alice), 500e6 + 200e6 + 2_480e6 + 950e6 - 620e6);
    }

    function testFuzz_health_viewsAgree(uint256 price, uint256 debt, int256 size) public {
        price = bound(price, 100e8, 10_000e8);
        debt = bound(debt, 0, 5_000e6);
        size = bound(size, -2e18, 2e18);
        _creditWeth(alice, 2e18);
        if (size != 0) _open(alice, size);
        if (debt > 0) _debt(alice, debt);
        _setEth(int256(price));

        MarginMathLib.Health memory h = ledger.health(alice);
        int256 initial = h.cash + h.unrealizedPnl + int256(h.initialCollateral) - int256(h.initialMargin);
        int256 maintenance = h.cash + h.unrealizedPnl + int256(h.maintenanceCollateral) - int256(h.maintenanceMargin);
        assertEq(ledger.initialHealth(alice), initial);
        assertEq(ledger.isLiquidatable(alice), maintenance < 0);
        assertLe(initial, maintenance, "initial margin is the stricter");
        assertEq(h.collateralValue, risk.valueOf(1, weth1, 2e18));
    }

    // ================================================================ stale oracle

    function test_staleOracle_blocksRiskIncreasingActionsOnly() public {
        Deployment storage c2 = _chain(2);
        _creditWeth(alice, 1e18);
        _depositCash(alice, 1_000e6);
        _open(alice, 0.5e18);
        uint256 updatedAt = block.timestamp - 1 hours - 1;
        c2.ethFeed.setAnswerAt(3_000e8, updatedAt);
        bytes memory stale =
            abi.encodeWithSelector(OracleLib.StalePrice.selector, address(c2.ethFeed), updatedAt, 1 hours);

        _releaseExpectRevert(alice, 1, weth1, 0.1e18, stale);
        vm.prank(alice);
        vm.expectRevert(stale);
        ledger.withdrawCash(1e6, alice);
        vm.prank(alice);
        vm.expectRevert(stale);
        perp.openPosition(0.1e18);
        vm.expectRevert(stale);
        ledger.initialHealth(alice);

        // Views still answer: stale collateral counts as zero.
        assertEq(ledger.health(alice).collateralValue, 0);
        // Deposits, credits, reductions and closes go on.
        _depositCash(alice, 100e6);
        _creditWeth(alice, 1e18);
        assertEq(_valued(alice, 1, weth1), 2e18);
        vm.prank(alice);
        perp.reducePosition(0.1e18);
        vm.prank(alice);
        perp.closePosition();
        assertEq(perp.position(alice).size, 0);
        assertEq(ledger.cash(alice), 1_100e6, "closed at the last answer: no PnL");

        // With nothing owed, a release needs no price at all.
        _requestRelease(alice, 2, 1, weth1, 0.5e18);
        assertEq(_valued(alice, 1, weth1), 1.5e18);
        _assertQuoteConserved(2);
    }

    function test_staleMarkPrice_blocksWithdrawWithMarketPriceUnusable() public {
        _depositCash(alice, 1_000e6);
        _open(alice, 1e18);
        _chain(2).ethFeed.setAnswerAt(3_000e8, block.timestamp - 1 hours - 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IMarginLedger.MarketPriceUnusable.selector, address(perp)));
        ledger.withdrawCash(1e6, alice);
        // The non-strict view still reports the position at the last answer.
        assertEq(ledger.health(alice).initialMargin, 300e6);
    }

    // ================================================================ malformed and unauthorized messages

    function _handFromVault(bytes memory message) internal view returns (bytes memory) {
        return _handPacket(1, address(_chain(1).vault), 2, address(ledger), message);
    }

    function _assertRefused(bytes memory message, bytes memory reason) internal {
        bytes memory packet = _handFromVault(message);
        _verifyPacket(packet);
        uint256 creditedBefore = ledger.credited(1, usdc1);
        uint256 valuedBefore = _valued(alice, 1, usdc1);
        IRiskEngine.RateState memory rateBefore = risk.rateState(1, address(_chain(1).steth));
        _executePacketExpectRevert(packet, reason);
        assertEq(ledger.credited(1, usdc1), creditedBefore, "state unchanged");
        assertEq(_valued(alice, 1, usdc1), valuedBefore);
        assertEq(risk.rateState(1, address(_chain(1).steth)).rate, rateBefore.rate);
        assertTrue(_isVerifiedPending(packet), "still verified");
    }

    function _lockMsg() internal view returns (bytes memory) {
        return MsgCodecLib.encodeLock(usdc1, alice, 100e6, 0);
    }

    function test_lzReceive_handMadeLockFromPeerIsCredited() public {
        bytes memory packet = _handFromVault(_lockMsg());
        _verifyPacket(packet);
        _executePacket(packet);
        assertEq(_valued(alice, 1, usdc1), 100e6);
    }

    function test_lzReceive_refusesTruncatedMessage() public {
        _creditUsdc(alice, 1_000e6);
        bytes memory full = _lockMsg();
        bytes memory truncated = new bytes(73);
        for (uint256 i; i < 73; ++i) {
            truncated[i] = full[i];
        }
        _assertRefused(truncated, abi.encodeWithSelector(MsgCodecLib.InvalidMessageLength.selector, 1, 73, 74));
        _assertRefused(hex"01", abi.encodeWithSelector(MsgCodecLib.MessageTooShort.selector, 1));
        _assertRefused("", abi.encodeWithSelector(MsgCodecLib.MessageTooShort.selector, 0));
        bytes memory rate = MsgCodecLib.encodeRate(address(_chain(1).steth), 0.5e18);
        bytes memory shortRate = new bytes(37);
        for (uint256 i; i < 37; ++i) {
            shortRate[i] = rate[i];
        }
        _assertRefused(shortRate, abi.encodeWithSelector(MsgCodecLib.InvalidMessageLength.selector, 3, 37, 38));
    }

    function test_lzReceive_refusesTrailingBytes() public {
        _creditUsdc(alice, 1_000e6);
        _assertRefused(
            abi.encodePacked(_lockMsg(), hex"00"),
            abi.encodeWithSelector(MsgCodecLib.InvalidMessageLength.selector, 1, 75, 74)
        );
        _assertRefused(
            abi.encodePacked(MsgCodecLib.encodeRate(address(_chain(1).steth), 0.5e18), hex"0000"),
            abi.encodeWithSelector(MsgCodecLib.InvalidMessageLength.selector, 3, 40, 38)
        );
    }

    function test_lzReceive_refusesUnknownType() public {
        bytes memory message = _lockMsg();
        message[0] = 0x00;
        _assertRefused(message, abi.encodeWithSelector(MsgCodecLib.UnknownMessageType.selector, 0));
        message[0] = 0xff;
        _assertRefused(message, abi.encodeWithSelector(MsgCodecLib.UnknownMessageType.selector, 0xff));
    }

    function test_lzReceive_refusesWrongVersion() public {
        bytes memory message = _lockMsg();
        message[1] = 0x02;
        _assertRefused(message, abi.encodeWithSelector(MsgCodecLib.UnsupportedVersion.selector, 2));
    }

    function test_lzReceive_refusesReleaseMessage() public {
        _creditUsdc(alice, 1_000e6);
        _assertRefused(
            MsgCodecLib.encodeRelease(usdc1, alice, 100e6),
            abi.encodeWithSelector(IMarginLedger.UnexpectedMessageType.selector, MsgCodecLib.RELEASE)
        );
    }

    function test_lzReceive_refusesFormerPeer() public {
        address oldPeer = address(_chain(1).vault);
        _creditUsdc(alice, 1_000e6); // opens the path
        bytes memory packet = _handFromVault(_lockMsg());
        _verifyPacket(packet);
        ledger.setPeer(1, _toBytes32(makeAddr("newVault")));
        _executePacketExpectRevert(packet, abi.encodeWithSelector(IOAppCore.OnlyPeer.selector, 1, _toBytes32(oldPeer)));
        assertEq(ledger.credited(1, usdc1), 1_000e6);
    }

    function test_lzReceive_refusesNonPeerFromEndpoint() public {
        Origin memory origin = Origin({srcEid: 1, sender: _toBytes32(stranger), nonce: 1});
        vm.prank(address(_chain(2).endpoint));
        vm.expectRevert(abi.encodeWithSelector(IOAppCore.OnlyPeer.selector, 1, _toBytes32(stranger)));
        ledger.lzReceive(origin, bytes32(0), _lockMsg(), address(0), "");
    }

    function test_lzReceive_refusesDirectCall() public {
        Origin memory origin = Origin({srcEid: 1, sender: _toBytes32(address(_chain(1).vault)), nonce: 1});
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(OAppReceiver.OnlyEndpoint.selector, stranger));
        ledger.lzReceive(origin, bytes32(0), _lockMsg(), address(0), "");
    }

    // ================================================================ admin

    function test_insurance_depositAndOwnerWithdraw() public {
        _fund(quote, bob, address(ledger), 100e6);
        vm.prank(bob);
        ledger.depositInsurance(100e6);
        assertEq(ledger.insuranceFund(), 100e6);
        _assertQuoteConserved(2);
        vm.expectRevert(abi.encodeWithSelector(IMarginLedger.InsufficientInsurance.selector, 101e6, 100e6));
        ledger.withdrawInsurance(101e6, bob);
        ledger.withdrawInsurance(40e6, bob);
        assertEq(quote.balanceOf(bob), 40e6);
        assertEq(ledger.insuranceFund(), 60e6);
        _assertQuoteConserved(2);
        vm.expectRevert(IMarginLedger.ZeroAmount.selector);
        ledger.depositInsurance(0);
    }

    function test_pause_guardianPausesOnlyOwnerUnpauses() public {
        vm.prank(guardian);
        ledger.pause();
        assertTrue(ledger.paused());
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, guardian));
        ledger.unpause();
        ledger.unpause();
        assertFalse(ledger.paused());
    }

    function test_ownership_isTwoStep() public {
        ledger.transferOwnership(bob);
        assertEq(ledger.owner(), address(this));
        assertEq(ledger.pendingOwner(), bob);
        vm.prank(bob);
        ledger.acceptOwnership();
        assertEq(ledger.owner(), bob);
    }

    function test_access_strangerRefusedOnEveryOwnerFunction() public {
        bytes memory unauthorized = abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger);
        vm.startPrank(stranger);
        vm.expectRevert(unauthorized);
        ledger.addMarket(stranger);
        vm.expectRevert(unauthorized);
        ledger.removeMarket(address(tm));
        vm.expectRevert(unauthorized);
        ledger.setGuardian(stranger);
        vm.expectRevert(unauthorized);
        ledger.setLocalVault(stranger);
        vm.expectRevert(unauthorized);
        ledger.setLiquidationGracePeriod(0);
        vm.expectRevert(unauthorized);
        ledger.withdrawInsurance(0, stranger);
        vm.expectRevert(unauthorized);
        ledger.unpause();
        vm.expectRevert(unauthorized);
        ledger.transferOwnership(stranger);
        vm.expectRevert(unauthorized);
        ledger.setPeer(1, _toBytes32(stranger));
        vm.expectRevert(unauthorized);
        ledger.setDelegate(stranger);
        vm.expectRevert(abi.encodeWithSelector(IMarginLedger.OnlyGuardian.selector, stranger));
        ledger.pause();
        vm.stopPrank();
    }
}
