// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {RiskEngine} from "../../../contracts/RiskEngine.sol";
import {IRiskEngine} from "../../../contracts/interfaces/IRiskEngine.sol";
import {MsgCodecLib} from "../../../contracts/libraries/MsgCodecLib.sol";
import {OracleLib} from "../../../contracts/libraries/OracleLib.sol";
import {MockAggregator} from "../../../contracts/mocks/MockAggregator.sol";
import {UnitTestBase} from "./utils/UnitTestBase.sol";

/// @dev The engine alone: the test plays its ledger.
contract RiskEngineTest is Test {
    RiskEngine internal risk;
    MockAggregator internal ethFeed;
    MockAggregator internal usdFeed;

    address internal ledger = makeAddr("ledger");
    address internal stranger = makeAddr("stranger");
    address internal weth = makeAddr("weth");
    address internal steth = makeAddr("steth");
    address internal usdc = makeAddr("usdc");

    uint32 internal constant SRC = 7;
    uint256 internal constant T0 = 1_700_000_000;

    function setUp() public {
        vm.warp(T0);
        risk = new RiskEngine(address(this), 6);
        risk.setLedger(ledger);
        ethFeed = new MockAggregator(address(this), 8, "ETH / USD", 2_000e8);
        usdFeed = new MockAggregator(address(this), 8, "USDC / USD", 1e8);
        risk.configureCollateral(SRC, weth, _eth(false), 0);
        risk.configureCollateral(SRC, steth, _eth(true), 1e18);
        risk.configureCollateral(SRC, usdc, _usd(), 0);
    }

    function _eth(bool isShare) internal view returns (IRiskEngine.CollateralConfig memory) {
        return IRiskEngine.CollateralConfig({
            feed: address(ethFeed),
            maxStaleness: 1 hours,
            tokenDecimals: 18,
            priceDecimals: 0,
            isShare: isShare,
            minAnswer: 1e6,
            maxAnswer: 1e14,
            collateralFactor: 0.8e18,
            liquidationFactor: 0.85e18,
            liquidationBonus: 0.05e18,
            maxRateGrowthPerDay: isShare ? 0.01e18 : 0,
            cap: 1_000e18
        });
    }

    function _usd() internal view returns (IRiskEngine.CollateralConfig memory c) {
        c = _eth(false);
        c.feed = address(usdFeed);
        c.tokenDecimals = 6;
        c.minAnswer = 0.9e8;
        c.maxAnswer = 1.1e8;
        c.collateralFactor = 0.95e18;
        c.liquidationFactor = 0.97e18;
        c.liquidationBonus = 0.02e18;
        c.cap = type(uint128).max;
    }

    function _expectInvalid(IRiskEngine.CollateralConfig memory c, uint128 initialRate) internal {
        vm.expectRevert(IRiskEngine.InvalidCollateralConfig.selector);
        risk.configureCollateral(SRC, address(0xBEEF), c, initialRate);
    }

    // ------------------------------------------------------------ setLedger

    function test_setLedger_onlyOnce() public {
        vm.expectRevert(abi.encodeWithSelector(IRiskEngine.LedgerAlreadySet.selector, ledger));
        risk.setLedger(stranger);
    }

    function test_setLedger_refusesZeroAndStrangers() public {
        RiskEngine fresh = new RiskEngine(address(this), 6);
        vm.expectRevert(IRiskEngine.ZeroAddress.selector);
        fresh.setLedger(address(0));
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        fresh.setLedger(ledger);
    }

    // ------------------------------------------------------------ configureCollateral

    function test_configureCollateral_readsPriceDecimalsFromFeed() public {
        MockAggregator feed18 = new MockAggregator(address(this), 18, "X", 1e18);
        IRiskEngine.CollateralConfig memory c = _eth(false);
        c.feed = address(feed18);
        c.priceDecimals = 3; // ignored
        c.maxAnswer = 1e30;
        risk.configureCollateral(SRC, address(0xBEEF), c, 0);
        assertEq(risk.collateralConfig(SRC, address(0xBEEF)).priceDecimals, 18);
        assertEq(risk.collateralConfig(SRC, weth).priceDecimals, 8);
    }

    function test_configureCollateral_emitsEvent() public {
        IRiskEngine.CollateralConfig memory c = _eth(false);
        IRiskEngine.CollateralConfig memory stored = c;
        stored.priceDecimals = 8;
        vm.expectEmit(true, true, false, true, address(risk));
        emit IRiskEngine.CollateralConfigured(SRC, address(0xBEEF), stored, 0);
        risk.configureCollateral(SRC, address(0xBEEF), c, 0);
    }

    function test_configureCollateral_refusesCollateralFactorAboveLiquidationFactor() public {
        IRiskEngine.CollateralConfig memory c = _eth(false);
        c.collateralFactor = 0.86e18;
        _expectInvalid(c, 0);
    }

    function test_configureCollateral_refusesLiquidationFactorAboveOne() public {
        IRiskEngine.CollateralConfig memory c = _eth(false);
        c.collateralFactor = 0.5e18;
        c.liquidationFactor = 1e18 + 1;
        c.liquidationBonus = 0;
        _expectInvalid(c, 0);
    }

    function test_configureCollateral_refusesBonusAboveHalf() public {
        IRiskEngine.CollateralConfig memory c = _eth(false);
        c.collateralFactor = 0.1e18;
        c.liquidationFactor = 0.1e18;
        c.liquidationBonus = 0.5e18 + 1;
        _expectInvalid(c, 0);
    }

    /// @dev A liquidation at the bonus must leave the account healthier: lf * (1 + bonus) <= 1.
    function test_configureCollateral_refusesLiquidationFactorTimesBonusAboveOne() public {
        IRiskEngine.CollateralConfig memory c = _eth(false);
        c.liquidationFactor = 0.97e18;
        c.liquidationBonus = 0.05e18; // 0.97 * 1.05 = 1.0185
        _expectInvalid(c, 0);
        // The boundary itself is allowed: 0.8 * 1.25 = 1.
        c.collateralFactor = 0.8e18;
        c.liquidationFactor = 0.8e18;
        c.liquidationBonus = 0.25e18;
        risk.configureCollateral(SRC, address(0xBEEF), c, 0);
    }

    function test_configureCollateral_refusesNonPositiveMinAnswer() public {
        IRiskEngine.CollateralConfig memory c = _eth(false);
        c.minAnswer = 0;
        _expectInvalid(c, 0);
        c.minAnswer = -1;
        _expectInvalid(c, 0);
    }

    function test_configureCollateral_refusesMaxBelowMin() public {
        IRiskEngine.CollateralConfig memory c = _eth(false);
        c.maxAnswer = c.minAnswer - 1;
        _expectInvalid(c, 0);
    }

    function test_configureCollateral_refusesZeroStaleness() public {
        IRiskEngine.CollateralConfig memory c = _eth(false);
        c.maxStaleness = 0;
        _expectInvalid(c, 0);
    }

    function test_configureCollateral_shareListingRequiresInitialRate() public {
        _expectInvalid(_eth(true), 0);
        risk.configureCollateral(SRC, address(0xBEEF), _eth(true), 1.2e18);
        assertEq(risk.rateState(SRC, address(0xBEEF)).rate, 1.2e18);
        assertEq(risk.effectiveRate(SRC, address(0xBEEF)), 1.2e18);
        // Re-configuring a share that already has a rate keeps it.
        risk.configureCollateral(SRC, address(0xBEEF), _eth(true), 0);
        assertEq(risk.rateState(SRC, address(0xBEEF)).rate, 1.2e18);
    }

    function test_configureCollateral_zeroFeedDelists() public {
        assertEq(risk.valuedCap(SRC, weth), 1_000e18);
        IRiskEngine.CollateralConfig memory c;
        // No validation applies to a delisting.
        c.collateralFactor = 5e18;
        risk.configureCollateral(SRC, weth, c, 0);
        assertEq(risk.valuedCap(SRC, weth), 0);
        assertEq(risk.valueOf(SRC, weth, 1e18), 0);
        vm.expectRevert(abi.encodeWithSelector(IRiskEngine.CollateralNotListed.selector, SRC, weth));
        risk.liquidationAmounts(SRC, weth, 1e6, 1e18);
    }

    function test_configureCollateral_onlyOwner() public {
        IRiskEngine.CollateralConfig memory c = _eth(false);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        risk.configureCollateral(SRC, weth, c, 0);
    }

    // ------------------------------------------------------------ applyRate

    function test_applyRate_onlyLedger() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IRiskEngine.OnlyLedger.selector, stranger));
        risk.applyRate(SRC, steth, 0.5e18, 1);
    }

    function test_applyRate_fallingRateAppliesAtOnce() public {
        vm.expectEmit(true, true, false, true, address(risk));
        emit IRiskEngine.RateUpdated(SRC, steth, 0.9e18, 0.9e18, 1);
        vm.prank(ledger);
        risk.applyRate(SRC, steth, 0.9e18, 1);
        IRiskEngine.RateState memory s = risk.rateState(SRC, steth);
        assertEq(s.rate, 0.9e18);
        assertEq(s.nonce, 1);
        assertEq(s.updatedAt, T0);
    }

    function test_applyRate_risingRateClampedPerDay() public {
        vm.warp(T0 + 1 days);
        vm.expectEmit(true, true, false, true, address(risk));
        emit IRiskEngine.RateUpdated(SRC, steth, 1.5e18, 1.01e18, 1);
        vm.prank(ledger);
        risk.applyRate(SRC, steth, 1.5e18, 1);
        assertEq(risk.rateState(SRC, steth).rate, 1.01e18);

        // Half a day later: at most 0.5% on top of the applied 1.01.
        vm.warp(T0 + 1 days + 12 hours);
        vm.prank(ledger);
        risk.applyRate(SRC, steth, 1.5e18, 2);
        assertEq(risk.rateState(SRC, steth).rate, 1.01e18 + 1.01e18 * 5 / 1000);

        // A rise within the bound is taken as reported.
        vm.warp(T0 + 3 days);
        vm.prank(ledger);
        risk.applyRate(SRC, steth, 1.016e18, 3);
        assertEq(risk.rateState(SRC, steth).rate, 1.016e18);
    }

    function test_applyRate_olderNonceIgnored() public {
        vm.prank(ledger);
        risk.applyRate(SRC, steth, 0.9e18, 5);
        vm.prank(ledger);
        risk.applyRate(SRC, steth, 0.8e18, 3);
        vm.prank(ledger);
        risk.applyRate(SRC, steth, 0.7e18, 5);
        IRiskEngine.RateState memory s = risk.rateState(SRC, steth);
        assertEq(s.rate, 0.9e18, "older and equal nonces change nothing");
        assertEq(s.nonce, 5);

        vm.prank(ledger);
        risk.applyRate(SRC, steth, 0.85e18, 6);
        assertEq(risk.rateState(SRC, steth).rate, 0.85e18);
    }

    /// @dev Nonce 0 (same-chain, ordered by the chain itself) always applies and keeps the message nonce.
    function test_applyRate_nonceZeroAlwaysApplies() public {
        vm.prank(ledger);
        risk.applyRate(SRC, steth, 0.9e18, 5);
        vm.prank(ledger);
        risk.applyRate(SRC, steth, 0.8e18, 0);
        IRiskEngine.RateState memory s = risk.rateState(SRC, steth);
        assertEq(s.rate, 0.8e18);
        assertEq(s.nonce, 5);
    }

    function testFuzz_applyRate_neverRisesFasterThanBound(uint128 reported, uint32 elapsed) public {
        vm.warp(T0 + elapsed);
        vm.prank(ledger);
        risk.applyRate(SRC, steth, reported, 1);
        uint256 applied = risk.rateState(SRC, steth).rate;
        assertLe(applied, reported);
        assertLe(applied, 1e18 + uint256(1e18) * 0.01e18 * elapsed / (1e18 * 1 days));
        if (reported <= 1e18) assertEq(applied, reported);
    }

    // ------------------------------------------------------------ valuation

    function test_valueOf_plainShareAndUnusable() public {
        assertEq(risk.valueOf(SRC, weth, 1e18), 2_000e6);
        vm.prank(ledger);
        risk.applyRate(SRC, steth, 0.5e18, 1);
        assertEq(risk.valueOf(SRC, steth, 1e18), 1_000e6, "share at its rate");
        assertEq(risk.valueOf(SRC, usdc, 1_000e6), 1_000e6);
        assertEq(risk.valueOf(SRC, address(0xDEAD), 1e18), 0, "unlisted");
        ethFeed.setAnswerAt(2_000e8, block.timestamp - 1 hours - 1);
        assertEq(risk.valueOf(SRC, weth, 1e18), 0, "stale counts as zero");
    }

    function test_valueCollaterals_sumsHaircutsAndHandlesStrictness() public {
        IRiskEngine.CollateralKey[] memory keys = new IRiskEngine.CollateralKey[](3);
        keys[0] = IRiskEngine.CollateralKey(SRC, weth);
        keys[1] = IRiskEngine.CollateralKey(SRC, usdc);
        keys[2] = IRiskEngine.CollateralKey(SRC, address(0xDEAD));
        uint256[] memory amounts = new uint256[](3);
        amounts[0] = 1e18;
        amounts[1] = 1_000e6;
        amounts[2] = 5e18;
        IRiskEngine.Valuation memory v = risk.valueCollaterals(keys, amounts, true);
        assertEq(v.collateralValue, 3_000e6);
        assertEq(v.initialCollateral, 1_600e6 + 950e6);
        assertEq(v.maintenanceCollateral, 1_700e6 + 970e6);

        ethFeed.setAnswerAt(2_000e8, block.timestamp - 1 hours - 1);
        v = risk.valueCollaterals(keys, amounts, false);
        assertEq(v.collateralValue, 1_000e6, "stale ETH counts as zero when not strict");
        vm.expectRevert(
            abi.encodeWithSelector(
                OracleLib.StalePrice.selector, address(ethFeed), block.timestamp - 1 hours - 1, 1 hours
            )
        );
        risk.valueCollaterals(keys, amounts, true);

        vm.expectRevert(IRiskEngine.LengthMismatch.selector);
        risk.valueCollaterals(keys, new uint256[](2), false);
    }

    function test_freeBalance_unlistedIsFreeWhenHealthy() public view {
        assertEq(risk.freeBalance(SRC, address(0xDEAD), 77, 0), 77);
        assertEq(risk.freeBalance(SRC, address(0xDEAD), 77, -1), 0);
        // Listed: 1 ETH at $2,000, factor 0.8 contributes 1,600; health 400 frees 0.25 ETH.
        assertEq(risk.freeBalance(SRC, weth, 1e18, 400e6), 0.25e18);
    }

    // ------------------------------------------------------------ liquidationAmounts

    function test_liquidationAmounts_seizesRepayWithBonusAtPrice() public view {
        (uint256 repaid, uint256 seized) = risk.liquidationAmounts(SRC, weth, 1_000e6, 10e18);
        assertEq(repaid, 1_000e6);
        assertEq(seized, 0.525e18, "1,050 USDC of ETH at $2,000");
    }

    function test_liquidationAmounts_capsSeizureAndReducesRepay() public view {
        (uint256 repaid, uint256 seized) = risk.liquidationAmounts(SRC, weth, 1_000e6, 0.5e18);
        assertEq(seized, 0.5e18);
        // 0.5 ETH is 1,000 USDC; the liquidator pays ceil(1,000 / 1.05).
        assertEq(repaid, 952_380_953);
    }

    function test_liquidationAmounts_shareUsesRate() public {
        vm.prank(ledger);
        risk.applyRate(SRC, steth, 0.8e18, 1);
        (uint256 repaid, uint256 seized) = risk.liquidationAmounts(SRC, steth, 1_000e6, 10e18);
        assertEq(repaid, 1_000e6);
        // 0.525 ETH at 0.8 ETH per share.
        assertEq(seized, 0.65625e18);
    }

    function test_liquidationAmounts_needsUsablePrice() public {
        ethFeed.setAnswer(1e14 + 1);
        vm.expectRevert(
            abi.encodeWithSelector(OracleLib.PriceOutOfBounds.selector, address(ethFeed), 1e14 + 1, 1e6, 1e14)
        );
        risk.liquidationAmounts(SRC, weth, 1_000e6, 10e18);
    }

    function testFuzz_liquidationAmounts_seizureWithinAvailableAndRepayWithinMax(
        uint256 maxRepay,
        uint256 available,
        uint256 price
    ) public {
        maxRepay = bound(maxRepay, 1, 1e15);
        available = bound(available, 0, 1e24);
        price = bound(price, 1e6, 1e14);
        ethFeed.setAnswer(int256(price));
        (uint256 repaid, uint256 seized) = risk.liquidationAmounts(SRC, weth, maxRepay, available);
        assertLe(seized, available);
        assertLe(repaid, maxRepay);
        // The seized value never exceeds what was repaid plus the bonus.
        assertLe(risk.valueOf(SRC, weth, seized), repaid * 105 / 100);
    }
}

/// @dev Rates carried by LOCKs over the real endpoint, delivered out of order.
contract RiskEngineRateOrderingTest is UnitTestBase {
    address internal alice = makeAddr("alice");

    function setUp() public {
        _setUpChains(2);
    }

    /// @dev Mints alice `amount` of chain 1's share and locks it for chain 2.
    function _lockShare(uint256 amount) internal returns (bytes memory encoded) {
        Deployment storage c = _chain(1);
        c.weth.mint(alice, amount * 2);
        vm.startPrank(alice);
        c.weth.approve(address(c.steth), amount * 2);
        uint256 shares = c.steth.deposit(amount, alice);
        c.steth.approve(address(c.vault), shares);
        vm.stopPrank();
        _lock(alice, 1, address(c.steth), shares, 2);
        encoded = _takePending(0);
    }

    /// @dev Slashes chain 1's share: burns `bps` of its underlying.
    function _slash(uint256 bps) internal {
        Deployment storage c = _chain(1);
        c.weth.burn(address(c.steth), c.weth.balanceOf(address(c.steth)) * bps / 10_000);
    }

    function test_applyRate_outOfOrderLocksKeepTheLaterRate() public {
        Deployment storage c1 = _chain(1);
        RiskEngine risk2 = _chain(2).risk;
        _slash(500);
        uint256 rate1 = c1.vault.currentRate(address(c1.steth));
        bytes memory first = _lockShare(1e18);
        _slash(500);
        uint256 rate2 = c1.vault.currentRate(address(c1.steth));
        bytes memory second = _lockShare(1e18);
        assertLt(rate2, rate1, "the later LOCK carries the lower rate");

        // Both verified; the later one executes first (the endpoint allows it once earlier nonces are verified).
        _verifyPacket(first);
        _verifyPacket(second);
        _executePacket(second);
        assertEq(risk2.rateState(1, address(c1.steth)).rate, rate2);
        _executePacket(first);
        IRiskEngine.RateState memory s = risk2.rateState(1, address(c1.steth));
        assertEq(s.rate, rate2, "the older LOCK does not overwrite the later rate");
        assertEq(s.nonce, 2);
        // Both LOCKs were still credited.
        (uint128 valued,) = _chain(2).ledger.balanceOf(alice, 1, address(c1.steth));
        assertGt(valued, 0);
        assertEq(
            _chain(2).ledger.credited(1, address(c1.steth)), c1.vault.locked(2, address(c1.steth)), "lane conserved"
        );
    }

    function test_applyRate_inOrderLocksApplyEach() public {
        Deployment storage c1 = _chain(1);
        RiskEngine risk2 = _chain(2).risk;
        _slash(500);
        uint256 rate1 = c1.vault.currentRate(address(c1.steth));
        bytes memory first = _lockShare(1e18);
        _verifyPacket(first);
        _executePacket(first);
        assertEq(risk2.rateState(1, address(c1.steth)).rate, rate1);
        _slash(500);
        bytes memory second = _lockShare(1e18);
        _verifyPacket(second);
        _executePacket(second);
        assertEq(risk2.rateState(1, address(c1.steth)).rate, c1.vault.currentRate(address(c1.steth)));
    }

    /// @dev A RATE message is subject to the same ordering: an older RATE after a newer LOCK is ignored.
    function test_applyRate_olderRateMessageIgnoredAfterNewerLock() public {
        Deployment storage c1 = _chain(1);
        RiskEngine risk2 = _chain(2).risk;
        _slash(1_000);
        uint256 fee = c1.vault.quoteSyncRate(address(c1.steth), 2).nativeFee;
        c1.vault.syncRate{value: fee}(address(c1.steth), 2);
        bytes memory rateMsg = _takePending(0);
        (,,,, bytes memory message) = decoder.decode(rateMsg);
        assertEq(uint8(message[0]), MsgCodecLib.RATE);
        _slash(1_000);
        bytes memory lockMsg = _lockShare(1e18);
        uint256 laterRate = c1.vault.currentRate(address(c1.steth));

        _verifyPacket(rateMsg);
        _verifyPacket(lockMsg);
        _executePacket(lockMsg);
        _executePacket(rateMsg);
        assertEq(risk2.rateState(1, address(c1.steth)).rate, laterRate);
    }
}
