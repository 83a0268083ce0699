// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {Origin} from "@layerzerolabs/lz-evm-protocol-v2/contracts/interfaces/ILayerZeroEndpointV2.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Vm} from "forge-std/Vm.sol";

import {ICollateralVault} from "../../../contracts/interfaces/ICollateralVault.sol";
import {IMarginLedger} from "../../../contracts/interfaces/IMarginLedger.sol";
import {IPerpMarket} from "../../../contracts/interfaces/IPerpMarket.sol";
import {IRiskEngine} from "../../../contracts/interfaces/IRiskEngine.sol";
import {MsgCodecLib} from "../../../contracts/libraries/MsgCodecLib.sol";
import {OracleLib} from "../../../contracts/libraries/OracleLib.sol";
import {BallastTestBase} from "../utils/BallastTestBase.sol";

/// @title BallastHandler
/// @notice The only contract the invariant fuzzer calls. It owns three chains (eids 1..3, built by
/// BallastTestBase in its constructor) and drives them the way users, keepers, the relayer, the
/// guardian and the market do: locks, out-of-order and duplicate deliveries, releases, claims,
/// trading, liquidations, cash, pauses, share yield and slashing, price moves and time.
/// @dev Every action takes bounded seeds and never reverts on an expected business revert: it
/// catches it and counts it. A revert that is not on the action's expected list is recorded in
/// `unexpectedReverts` (an invariant keeps it at zero). Messages are modelled per lane: the
/// amounts of LOCKs sent and not applied, and of RELEASEs debited and not applied.
contract BallastHandler is BallastTestBase {
    uint256 internal constant N_CHAINS = 3;
    uint256 internal constant N_ACTORS = 3;

    uint256 internal constant ACTOR_USDC = 5_000_000e6;
    uint256 internal constant ACTOR_WETH = 2_000e18;
    uint256 internal constant ACTOR_SHARES = 1_000e18;
    uint256 internal constant LIQUIDATOR_USDC = 100_000_000e6;
    uint256 internal constant LP_USDC = 2_000_000e6;
    uint256 internal constant INSURANCE_USDC = 10_000e6;

    uint256 internal constant MAX_LOCK_USDC = 250_000e6;
    uint256 internal constant MAX_LOCK_ETH = 100e18;

    /// A message seen in a PacketSent log, verified on its destination, not yet executed.
    struct Message {
        bytes encoded;
        bytes message;
        bytes32 guid;
        bytes32 sender;
        uint64 nonce;
        uint32 srcEid;
        uint32 dstEid;
        address receiver;
        uint8 kind;
        address asset;
        /// LOCK beneficiary or RELEASE recipient.
        address account;
        uint256 amount;
    }

    /// What the run did (successes and expected reverts), so a human can see it did real work.
    struct Counters {
        uint256 locks;
        uint256 locksSameChain;
        uint256 locksPaused;
        uint256 deliveries;
        uint256 deliveriesRateLimited;
        uint256 duplicates;
        /// Re-verifications and re-executions the endpoint refused (two per duplicate).
        uint256 duplicatesRefused;
        uint256 releases;
        uint256 releasesSameChain;
        uint256 releasesRejected;
        uint256 claims;
        uint256 claimsPaused;
        uint256 opens;
        uint256 opensRejected;
        uint256 reductions;
        uint256 positionLiquidations;
        uint256 positionLiquidationsRejected;
        uint256 collateralLiquidations;
        uint256 collateralLiquidationsRejected;
        uint256 badDebtSettlements;
        uint256 deposits;
        uint256 withdrawals;
        uint256 withdrawalsRejected;
        /// The ledger held fewer tokens than the cash withdrawn: cash backed by another account's unpaid
        /// debt, before its liquidation (see INVARIANTS.md, "Known limitations").
        uint256 withdrawalsAheadOfDebt;
        uint256 pauses;
        uint256 unpauses;
        uint256 yields;
        uint256 slashes;
        uint256 rateSyncs;
        uint256 priceMoves;
        uint256 warps;
        uint256 idle;
    }

    address[] internal _actors;
    /// Actors plus the liquidator: every account that can hold ledger balances or cash.
    address[] internal _accounts;
    address public liquidator = makeAddr("liquidator");

    Message[] internal _inFlight;
    Message[] internal _delivered;
    Counters internal _c;
    uint256 public ghostTime;

    /// Invariant 1 model: amounts sent by vault A to ledger B and not yet credited.
    mapping(uint32 vaultEid => mapping(uint32 ledgerEid => mapping(address asset => uint256))) public inflightLock;
    /// Invariant 1 model: amounts debited on ledger B for vault A and not yet applied by A.
    mapping(uint32 vaultEid => mapping(uint32 ledgerEid => mapping(address asset => uint256))) public inflightRelease;
    mapping(bytes32 guid => bool) public applied;
    uint256 public messagesSent;
    uint256 public messagesApplied;

    // Ghost violations: every one must stay zero.
    /// Invariant 3: a successful release, withdrawal or open left the account below initial margin.
    uint256 public marginViolations;
    /// Invariant 3: a successful release did not debit the ledger (credited and balance) in the same call
    /// that sent it, or sent something other than one RELEASE of the amount.
    uint256 public releaseDebitViolations;
    /// Exactly once: the endpoint re-verified or re-executed an applied packet.
    uint256 public duplicatesAccepted;
    /// Exactly once: a rejected duplicate still changed the state it would touch.
    uint256 public duplicatesChangedState;
    /// A revert not on the action's expected list (e.g. a LOCK delivery reverting, a reduction failing).
    uint256 public unexpectedReverts;
    bytes public lastUnexpectedRevert;
    string public lastUnexpectedAction;

    /// @param seedPositions Start from a live book (see `_seedPositions`) rather than empty chains.
    constructor(bool seedPositions) {
        _setUpChains(N_CHAINS);
        for (uint256 i; i < N_ACTORS; ++i) {
            address actor = makeAddr(string.concat("actor", vm.toString(i)));
            _actors.push(actor);
            _accounts.push(actor);
        }
        _accounts.push(liquidator);
        for (uint256 i; i < N_CHAINS; ++i) {
            _seedChain(chains[i]);
        }
        ghostTime = block.timestamp;
        if (seedPositions) {
            _seedPositions();
            delete _c;
        }
    }

    /// @dev Every run starts from this state (setUp runs once per campaign, so it costs nothing per
    /// run) and 64 calls go into interesting sequences instead of building the book: on every ledger,
    /// each actor holds WETH locked on another chain and USDC locked on the same chain, and a long or a
    /// short using about half of its initial health; one share LOCK per actor is still in flight.
    function _seedPositions() internal {
        for (uint256 b; b < N_CHAINS; ++b) {
            Deployment storage lc = chains[b];
            Deployment storage other = chains[(b + 1) % N_CHAINS];
            for (uint256 i; i < N_ACTORS; ++i) {
                _lockFor(_actors[i], other, lc.eid, address(other.weth), 20e18);
                _lockFor(_actors[i], lc, lc.eid, address(lc.usdc), 20_000e6);
            }
        }
        while (_inFlight.length > 0) {
            _deliverAt(0);
        }
        for (uint256 b; b < N_CHAINS; ++b) {
            Deployment storage lc = chains[b];
            for (uint256 i; i < N_ACTORS; ++i) {
                int256 h = lc.ledger.initialHealth(_actors[i]);
                (uint256 price,) = lc.market.markPrice();
                // Half of the most the initial health allows (IM rate 10%: notional <= 10 * health).
                int256 size = int256(uint256(h) * 5 * 1e20 / price);
                _open(lc, _actors[i], (i + b) % 2 == 0 ? size : -size);
            }
        }
        for (uint256 i; i < N_ACTORS; ++i) {
            Deployment storage src = chains[i % N_CHAINS];
            _lockFor(_actors[i], src, chains[(i + 1) % N_CHAINS].eid, address(src.steth), 5e18);
        }
    }

    /// @dev Smaller release buckets than the base so rate-limited RELEASEs (which stay in flight) happen;
    /// funded actors, a liquidator, an LP pool and some insurance on every chain.
    function _seedChain(Deployment storage c) internal {
        c.vault.configureRateLimit(address(c.usdc), 300_000e6, 20e6);
        c.vault.configureRateLimit(address(c.weth), 60e18, 0.005e18);
        c.vault.configureRateLimit(address(c.steth), 60e18, 0.005e18);

        for (uint256 i; i < N_ACTORS; ++i) {
            address actor = _actors[i];
            c.usdc.mint(actor, ACTOR_USDC);
            c.weth.mint(actor, ACTOR_WETH);
            c.weth.mint(address(this), ACTOR_SHARES);
            c.weth.approve(address(c.steth), ACTOR_SHARES);
            c.steth.deposit(ACTOR_SHARES, actor);
            vm.startPrank(actor);
            c.usdc.approve(address(c.vault), type(uint256).max);
            c.weth.approve(address(c.vault), type(uint256).max);
            c.steth.approve(address(c.vault), type(uint256).max);
            c.usdc.approve(address(c.ledger), type(uint256).max);
            vm.stopPrank();
        }
        c.usdc.mint(liquidator, LIQUIDATOR_USDC);
        vm.prank(liquidator);
        c.usdc.approve(address(c.ledger), type(uint256).max);

        c.usdc.mint(address(this), LP_USDC + INSURANCE_USDC);
        c.usdc.approve(address(c.market), LP_USDC);
        c.market.depositLiquidity(LP_USDC);
        c.usdc.approve(address(c.ledger), INSURANCE_USDC);
        c.ledger.depositInsurance(INSURANCE_USDC);
    }

    modifier timed() {
        vm.warp(ghostTime);
        _;
    }

    // ================================================================ collateral

    /// @notice An actor locks any asset of any chain for itself on any chain (same chain included).
    function lock(uint256 actorSeed, uint256 srcSeed, uint256 dstSeed, uint256 assetSeed, uint256 amount)
        external
        timed
    {
        address actor = _actor(actorSeed);
        Deployment storage src = _chainAt(srcSeed);
        uint32 dstEid = _eidAt(dstSeed);
        address asset = _assetAt(src, assetSeed);
        uint256 balance = IERC20(asset).balanceOf(actor);
        if (balance == 0) return _idle();
        amount = _bound(amount, 1, _min(balance, asset == address(src.usdc) ? MAX_LOCK_USDC : MAX_LOCK_ETH));
        _lockFor(actor, src, dstEid, asset, amount);
    }

    function _lockFor(address actor, Deployment storage src, uint32 dstEid, address asset, uint256 amount) internal {
        uint256 fee = src.vault.quoteLock(asset, amount, dstEid, actor).nativeFee;
        vm.deal(actor, fee);
        vm.recordLogs();
        vm.prank(actor);
        try src.vault.lock{value: fee}(asset, amount, dstEid, actor) {
            _captureNew();
            if (dstEid == src.eid) ++_c.locksSameChain;
            else ++_c.locks;
        } catch (bytes memory err) {
            if (_sel(err) == ICollateralVault.LocksPaused.selector) ++_c.locksPaused;
            else _unexpected("lock", err);
        }
    }

    /// @notice The relayer executes any verified in-flight packet: out of order across and within lanes.
    function deliver(uint256 indexSeed) external timed {
        uint256 n = _inFlight.length;
        if (n == 0) return _idle();
        _deliverAt(indexSeed % n);
    }

    function _deliverAt(uint256 index) internal {
        uint256 n = _inFlight.length;
        Message memory m = _inFlight[index];
        Deployment storage dst = _chain(m.dstEid);
        try dst.endpoint.lzReceive(Origin(m.srcEid, m.sender, m.nonce), m.receiver, m.guid, m.message, "") {
            if (applied[m.guid]) ++duplicatesAccepted;
            applied[m.guid] = true;
            ++messagesApplied;
            if (m.kind == MsgCodecLib.LOCK) inflightLock[m.srcEid][m.dstEid][m.asset] -= m.amount;
            if (m.kind == MsgCodecLib.RELEASE) inflightRelease[m.dstEid][m.srcEid][m.asset] -= m.amount;
            _inFlight[index] = _inFlight[n - 1];
            _inFlight.pop();
            _delivered.push(m);
            ++_c.deliveries;
        } catch (bytes memory err) {
            // Only a RELEASE may wait (its asset's bucket is empty); it stays verified and in flight.
            if (m.kind == MsgCodecLib.RELEASE && _sel(err) == ICollateralVault.RateLimited.selector) {
                ++_c.deliveriesRateLimited;
            } else {
                _unexpected("deliver", err);
            }
        }
    }

    /// @notice Replays an applied packet: the endpoint must refuse both re-verification and
    /// re-execution, and nothing the packet touches may change.
    function deliverDuplicate(uint256 indexSeed) external timed {
        uint256 n = _delivered.length;
        if (n == 0) return _idle();
        Message memory m = _delivered[indexSeed % n];
        Deployment storage dst = _chain(m.dstEid);
        bytes32 before = _fingerprint(m);
        try dst.lib.validatePacket(m.encoded) {
            ++duplicatesAccepted;
        } catch {
            ++_c.duplicatesRefused;
        }
        try dst.endpoint.lzReceive(Origin(m.srcEid, m.sender, m.nonce), m.receiver, m.guid, m.message, "") {
            ++duplicatesAccepted;
        } catch {
            ++_c.duplicatesRefused;
        }
        if (_fingerprint(m) != before) ++duplicatesChangedState;
        ++_c.duplicates;
    }

    /// A release attempt and what the ledger and vault held just before it.
    struct ReleaseAttempt {
        address account;
        address asset;
        uint256 amount;
        uint256 balanceBefore;
        uint256 creditedBefore;
        uint256 lockedBefore;
        uint256 inFlightBefore;
    }

    /// @notice An account asks ledger L to release (src, asset): up to its balance, or (half the
    /// time) up to what `freeCollateral` says, so both rejections and successes happen.
    function requestRelease(uint256 accountSeed, uint256 ledgerSeed, uint256 srcSeed, uint256 assetSeed, uint256 amount)
        external
        timed
    {
        Deployment storage lc = _chainAt(ledgerSeed);
        ReleaseAttempt memory r;
        r.account = _account(accountSeed);
        // The first (src, asset) the account holds on this ledger, starting from the seeds.
        uint256 start = srcSeed % N_CHAINS * 3 + assetSeed % 3;
        uint256 found = type(uint256).max;
        for (uint256 j; j < 3 * N_CHAINS; ++j) {
            uint256 idx = (start + j) % (3 * N_CHAINS);
            Deployment storage cand = chains[idx / 3];
            r.asset = _assetAt(cand, idx % 3);
            r.balanceBefore = _ledgerBalance(lc, r.account, cand.eid, r.asset);
            if (r.balanceBefore > 0) {
                found = idx;
                break;
            }
        }
        if (found == type(uint256).max) return _idle();
        Deployment storage sc = chains[found / 3];
        uint256 cap = r.balanceBefore;
        if (amount % 2 == 0) {
            uint256 free = lc.ledger.freeCollateral(r.account, sc.eid, r.asset);
            if (free > 0) cap = free;
        }
        r.amount = _bound(amount, 1, cap);
        r.creditedBefore = lc.ledger.credited(sc.eid, r.asset);
        r.lockedBefore = sc.vault.locked(lc.eid, r.asset);
        r.inFlightBefore = _inFlight.length;
        uint256 fee = lc.ledger.quoteRelease(sc.eid, r.asset, r.amount, r.account).nativeFee;
        vm.deal(r.account, fee);
        vm.recordLogs();
        vm.prank(r.account);
        try lc.ledger.requestRelease{value: fee}(sc.eid, r.asset, r.amount, r.account) returns (bytes32 guid) {
            _captureNew();
            _checkDebitedBeforeSent(lc, sc, r, guid);
            _checkInitialMargin(lc, r.account);
            if (sc.eid == lc.eid) ++_c.releasesSameChain;
            else ++_c.releases;
        } catch (bytes memory err) {
            bytes4 sel = _sel(err);
            if (
                sel == IMarginLedger.InsufficientMargin.selector || sel == IMarginLedger.LedgerPaused.selector
                    || _isPriceError(sel) || (sc.eid == lc.eid && sel == ICollateralVault.RateLimited.selector)
            ) ++_c.releasesRejected;
            else _unexpected("requestRelease", err);
        }
    }

    /// @dev Invariant 3, debit before send: in the very call that sent the RELEASE, `credited` and the
    /// account's balance fell by `amount`, and exactly one RELEASE of `amount` left (or, same chain, the
    /// local vault's `locked` fell by `amount` and nothing was sent).
    function _checkDebitedBeforeSent(
        Deployment storage lc,
        Deployment storage sc,
        ReleaseAttempt memory r,
        bytes32 guid
    ) internal {
        bool ok = lc.ledger.credited(sc.eid, r.asset) == r.creditedBefore - r.amount
            && _ledgerBalance(lc, r.account, sc.eid, r.asset) == r.balanceBefore - r.amount;
        uint256 lockedNow = sc.vault.locked(lc.eid, r.asset);
        if (sc.eid == lc.eid) {
            ok = ok && guid == bytes32(0) && _inFlight.length == r.inFlightBefore
                && lockedNow == r.lockedBefore - r.amount;
        } else {
            ok = ok && _inFlight.length == r.inFlightBefore + 1 && lockedNow == r.lockedBefore;
            if (ok) {
                Message storage m = _inFlight[r.inFlightBefore];
                ok = m.guid == guid && m.kind == MsgCodecLib.RELEASE && m.amount == r.amount && m.asset == r.asset
                    && m.account == r.account;
            }
        }
        if (!ok) ++releaseDebitViolations;
    }

    /// @notice An account claims a parked release (released while releases were paused): the first
    /// (account, asset) with something to claim on the chain, starting from the seeds.
    function claim(uint256 accountSeed, uint256 chainSeed, uint256 assetSeed) external timed {
        Deployment storage c = _chainAt(chainSeed);
        uint256 n = _accounts.length * 3;
        for (uint256 j; j < n; ++j) {
            uint256 idx = (accountSeed % _accounts.length * 3 + assetSeed % 3 + j) % n;
            address account = _accounts[idx / 3];
            address asset = _assetAt(c, idx % 3);
            if (c.vault.claimable(account, asset) == 0) continue;
            vm.prank(account);
            try c.vault.claim(asset, account) {
                ++_c.claims;
            } catch (bytes memory err) {
                if (_sel(err) == ICollateralVault.ReleasesPaused.selector) ++_c.claimsPaused;
                else _unexpected("claim", err);
            }
            return;
        }
        _idle();
    }

    /// @notice Anyone pays to send the share's current rate to any ledger.
    function syncRate(uint256 actorSeed, uint256 chainSeed, uint256 dstSeed) external timed {
        address actor = _actor(actorSeed);
        Deployment storage c = _chainAt(chainSeed);
        uint32 dstEid = _eidAt(dstSeed);
        uint256 fee = c.vault.quoteSyncRate(address(c.steth), dstEid).nativeFee;
        vm.deal(actor, fee);
        vm.recordLogs();
        vm.prank(actor);
        try c.vault.syncRate{value: fee}(address(c.steth), dstEid) {
            _captureNew();
            ++_c.rateSyncs;
        } catch (bytes memory err) {
            _unexpected("syncRate", err);
        }
    }

    // ================================================================ trading

    /// @notice An actor opens or increases a position: half the time a fraction of what its initial
    /// health allows, half the time any size.
    function openPosition(uint256 actorSeed, uint256 chainSeed, uint256 sizeSeed) external timed {
        address actor = _actor(actorSeed);
        Deployment storage c = _chainAt(chainSeed);
        _open(c, actor, _openSize(c, actor, sizeSeed));
    }

    function _open(Deployment storage c, address actor, int256 size) internal {
        vm.prank(actor);
        try c.market.openPosition(size) {
            _checkInitialMargin(c, actor);
            ++_c.opens;
        } catch (bytes memory err) {
            bytes4 sel = _sel(err);
            if (
                sel == IPerpMarket.InsufficientMargin.selector || sel == IPerpMarket.MarketPaused.selector
                    || sel == IPerpMarket.MaxOpenInterestExceeded.selector || _isPriceError(sel)
            ) ++_c.opensRejected;
            else _unexpected("openPosition", err);
        }
    }

    function _openSize(Deployment storage c, address actor, uint256 sizeSeed) internal view returns (int256) {
        int256 current = c.market.position(actor).size;
        bool long = current == 0 ? (sizeSeed >> 128) % 2 == 0 : current > 0;
        uint256 absSize = _bound(sizeSeed, 1e15, 100e18);
        if (sizeSeed % 2 == 0) {
            // A fraction of the most initial health allows (IM rate 10%): notional <= 10 * health.
            (uint256 price,) = c.market.markPrice();
            int256 h = _initialHealthOrZero(c, actor);
            if (h > 0 && price > 0) {
                uint256 maxSize = uint256(h) * 10 * 1e20 / price;
                if (maxSize > 0) absSize = _bound(sizeSeed >> 8, 1, maxSize);
            }
        }
        return long ? int256(absSize) : -int256(absSize);
    }

    /// @notice An actor reduces (or, one time in three, closes) its position. Reductions never
    /// need a fresh price and are never paused, so any revert here is unexpected.
    function reducePosition(uint256 actorSeed, uint256 chainSeed, uint256 amount) external timed {
        Deployment storage c = _chainAt(chainSeed);
        (address actor, bool found) = _actorWithPosition(c, actorSeed);
        if (!found) return _idle();
        int256 size = c.market.position(actor).size;
        uint256 absSize = size > 0 ? uint256(size) : uint256(-size);
        vm.prank(actor);
        if (amount % 3 == 0) {
            try c.market.closePosition() {
                ++_c.reductions;
            } catch (bytes memory err) {
                _unexpected("closePosition", err);
            }
        } else {
            try c.market.reducePosition(_bound(amount, 1, absSize)) {
                ++_c.reductions;
            } catch (bytes memory err) {
                _unexpected("reducePosition", err);
            }
        }
    }

    // ================================================================ liquidation

    /// @notice The liquidator closes a position below maintenance margin.
    function liquidatePosition(uint256 targetSeed, uint256 chainSeed) external timed {
        Deployment storage c = _chainAt(chainSeed);
        (address target, bool found) = _actorWithPosition(c, targetSeed);
        if (!found) return _idle();
        vm.prank(liquidator);
        try c.market.liquidatePosition(target) {
            ++_c.positionLiquidations;
        } catch (bytes memory err) {
            bytes4 sel = _sel(err);
            if (
                sel == IPerpMarket.NotLiquidatable.selector || sel == IPerpMarket.MarketPaused.selector
                    || _isPriceError(sel)
            ) ++_c.positionLiquidationsRejected;
            else _unexpected("liquidatePosition", err);
        }
    }

    /// @notice The liquidator repays an indebted account's cash and takes one of its collaterals.
    function liquidateCollateral(uint256 targetSeed, uint256 chainSeed, uint256 keySeed, uint256 repay)
        external
        timed
    {
        Deployment storage c = _chainAt(chainSeed);
        (address target, bool found) = _actorInDebt(c, targetSeed);
        if (!found) return _idle();
        IRiskEngine.CollateralKey[] memory keys = c.ledger.accountCollaterals(target);
        if (keys.length == 0) return _idle();
        IRiskEngine.CollateralKey memory key = keys[keySeed % keys.length];
        repay = _bound(repay, 1, 5_000_000e6);
        vm.prank(liquidator);
        try c.ledger.liquidate(target, key.srcEid, key.asset, repay) {
            ++_c.collateralLiquidations;
        } catch (bytes memory err) {
            bytes4 sel = _sel(err);
            if (
                sel == IMarginLedger.NotLiquidatable.selector || sel == IMarginLedger.LiquidationsPaused.selector
                    || sel == IMarginLedger.NothingToLiquidate.selector || _isPriceError(sel)
            ) ++_c.collateralLiquidationsRejected;
            else _unexpected("liquidate", err);
        }
    }

    /// @notice Anyone settles the debt of an account left with no collateral and no position.
    function settleBadDebt(uint256 targetSeed, uint256 chainSeed) external timed {
        Deployment storage c = _chainAt(chainSeed);
        (address target, bool found) = _actorInDebt(c, targetSeed);
        if (!found) return _idle();
        try c.ledger.settleBadDebt(target) {
            ++_c.badDebtSettlements;
        } catch (bytes memory err) {
            if (_sel(err) != IMarginLedger.NotBadDebt.selector) _unexpected("settleBadDebt", err);
        }
    }

    // ================================================================ cash

    /// @notice An actor deposits quote cash (repays debt when negative). Never paused.
    function depositCash(uint256 actorSeed, uint256 chainSeed, uint256 amount) external timed {
        address actor = _actor(actorSeed);
        Deployment storage c = _chainAt(chainSeed);
        uint256 balance = c.usdc.balanceOf(actor);
        if (balance == 0) return _idle();
        amount = _bound(amount, 1, _min(balance, 500_000e6));
        vm.prank(actor);
        try c.ledger.depositCash(actor, amount) {
            ++_c.deposits;
        } catch (bytes memory err) {
            _unexpected("depositCash", err);
        }
    }

    /// @notice An account with cash withdraws up to all of it.
    function withdrawCash(uint256 accountSeed, uint256 chainSeed, uint256 amount) external timed {
        Deployment storage c = _chainAt(chainSeed);
        address account;
        int256 cash;
        for (uint256 j; j < _accounts.length; ++j) {
            account = _account(accountSeed % _accounts.length + j);
            cash = c.ledger.cash(account);
            if (cash > 0) break;
        }
        if (cash <= 0) return _idle();
        amount = _bound(amount, 1, uint256(cash));
        vm.prank(account);
        try c.ledger.withdrawCash(amount, account) {
            _checkInitialMargin(c, account);
            ++_c.withdrawals;
        } catch (bytes memory err) {
            bytes4 sel = _sel(err);
            if (
                sel == IMarginLedger.InsufficientMargin.selector || sel == IMarginLedger.LedgerPaused.selector
                    || _isPriceError(sel)
            ) {
                ++_c.withdrawalsRejected;
            } else if (
                sel == IERC20Errors.ERC20InsufficientBalance.selector && c.usdc.balanceOf(address(c.ledger)) < amount
            ) {
                ++_c.withdrawalsAheadOfDebt;
            } else {
                _unexpected("withdrawCash", err);
            }
        }
    }

    // ================================================================ guardian and owner

    /// @notice The guardian pauses vault locks, vault releases or the ledger of one chain.
    function pause(uint256 kindSeed, uint256 chainSeed) external timed {
        Deployment storage c = _chainAt(chainSeed);
        uint256 kind = kindSeed % 3;
        vm.prank(guardian);
        if (kind == 0) c.vault.pauseLocks();
        else if (kind == 1) c.vault.pauseReleases();
        else c.ledger.pause();
        ++_c.pauses;
    }

    /// @notice The owner (this handler) lifts every pause of one chain.
    function unpause(uint256 chainSeed) external timed {
        Deployment storage c = _chainAt(chainSeed);
        c.vault.unpauseLocks();
        c.vault.unpauseReleases();
        if (c.ledger.paused()) c.ledger.unpause();
        ++_c.unpauses;
    }

    // ================================================================ share, prices, time

    /// @notice Yield: underlying is donated to one chain's share, its rate rises (up to 3%).
    function accrueYield(uint256 chainSeed, uint256 bps) external timed {
        Deployment storage c = _chainAt(chainSeed);
        uint256 amount = c.weth.balanceOf(address(c.steth)) * _bound(bps, 1, 300) / 10_000;
        if (amount == 0) return _idle();
        c.weth.mint(address(c.steth), amount);
        ++_c.yields;
    }

    /// @notice Slashing: underlying is burned from one chain's share, its rate falls (up to 10%).
    function slash(uint256 chainSeed, uint256 bps) external timed {
        Deployment storage c = _chainAt(chainSeed);
        uint256 amount = c.weth.balanceOf(address(c.steth)) * _bound(bps, 1, 1_000) / 10_000;
        if (amount == 0) return _idle();
        c.weth.burn(address(c.steth), amount);
        ++_c.slashes;
    }

    /// @notice The ETH price moves on every chain, within 0.1x..10x of the initial price: back to
    /// the start, a jump to a level, or a step of -30%..+30%. The new round is fresh.
    function movePrice(uint256 seed) external timed {
        (, int256 current,,,) = chains[0].ethFeed.latestRoundData();
        int256 price;
        uint256 mode = seed % 8;
        if (mode == 0) {
            price = ETH_PRICE;
        } else if (mode == 1) {
            int16[7] memory levelsPct = [int16(10), 25, 50, 80, 200, 500, 1000];
            price = ETH_PRICE * levelsPct[(seed >> 8) % 7] / 100;
        } else {
            price = current * int256(_bound(seed >> 8, 70, 130)) / 100;
        }
        if (price < ETH_PRICE / 10) price = ETH_PRICE / 10;
        if (price > ETH_PRICE * 10) price = ETH_PRICE * 10;
        for (uint256 i; i < N_CHAINS; ++i) {
            chains[i].ethFeed.setAnswer(price);
        }
        ++_c.priceMoves;
    }

    /// @notice Time passes (up to 4 hours). Three times in four the feeds publish a fresh round at
    /// the same answer; otherwise they go stale (ETH feeds allow 1 hour, USDC feeds 1 day).
    function warp(uint256 secondsSeed, uint256 refreshSeed) external {
        ghostTime += _bound(secondsSeed, 1, 4 hours);
        vm.warp(ghostTime);
        if (refreshSeed % 4 != 0) {
            for (uint256 i; i < N_CHAINS; ++i) {
                Deployment storage c = chains[i];
                (, int256 eth,,,) = c.ethFeed.latestRoundData();
                c.ethFeed.setAnswer(eth);
                c.usdFeed.setAnswer(USD_PRICE);
            }
        }
        ++_c.warps;
    }

    // ================================================================ views for the invariant test

    function chainCount() external pure returns (uint256) {
        return N_CHAINS;
    }

    function deploymentAt(uint256 i) external view returns (Deployment memory) {
        return chains[i];
    }

    /// @notice Actors and the liquidator: every account that can hold ledger balances or cash.
    function accounts() external view returns (address[] memory) {
        return _accounts;
    }

    function counters() external view returns (Counters memory) {
        return _c;
    }

    /// @notice In-flight LOCK + RELEASE amount of every lane, indexed ((a * N + b) * 3 + k) for vault
    /// chain a, ledger chain b and asset k (usdc, weth, share) of chain a: one call per invariant check.
    function inFlightLanes() external view returns (uint256[] memory lanes) {
        lanes = new uint256[](N_CHAINS * N_CHAINS * 3);
        for (uint256 a; a < N_CHAINS; ++a) {
            Deployment storage va = chains[a];
            for (uint256 b; b < N_CHAINS; ++b) {
                uint32 eidB = chains[b].eid;
                for (uint256 k; k < 3; ++k) {
                    address asset = _assetAt(va, k);
                    lanes[(a * N_CHAINS + b) * 3 + k] =
                        inflightLock[va.eid][eidB][asset] + inflightRelease[va.eid][eidB][asset];
                }
            }
        }
    }

    function inFlightCount() external view returns (uint256) {
        return _inFlight.length;
    }

    function deliveredCount() external view returns (uint256) {
        return _delivered.length;
    }

    // ================================================================ internals

    /// @dev Moves PacketSent logs recorded since `vm.recordLogs()` into the in-flight set. Each packet is
    /// verified on its destination at once (the verifier attests every packet); execution order is fuzzed.
    function _captureNew() internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics.length == 0 || logs[i].topics[0] != PACKET_SENT_TOPIC) continue;
            (bytes memory encoded,,) = abi.decode(logs[i].data, (bytes, bytes, address));
            _track(encoded);
        }
    }

    function _track(bytes memory encoded) internal {
        (Origin memory origin, uint32 dstEid, address receiver, bytes32 guid, bytes memory message) =
            decoder.decode(encoded);
        _chain(dstEid).lib.validatePacket(encoded);
        Message storage m = _inFlight.push();
        m.encoded = encoded;
        m.message = message;
        m.guid = guid;
        m.sender = origin.sender;
        m.nonce = origin.nonce;
        m.srcEid = origin.srcEid;
        m.dstEid = dstEid;
        m.receiver = receiver;
        m.kind = uint8(message[0]);
        m.asset = address(bytes20(_word(message, 2)));
        if (m.kind == MsgCodecLib.LOCK || m.kind == MsgCodecLib.RELEASE) {
            m.account = address(bytes20(_word(message, 22)));
            m.amount = uint128(bytes16(_word(message, 42)));
        }
        if (m.kind == MsgCodecLib.LOCK) inflightLock[origin.srcEid][dstEid][m.asset] += m.amount;
        if (m.kind == MsgCodecLib.RELEASE) inflightRelease[dstEid][origin.srcEid][m.asset] += m.amount;
        ++messagesSent;
    }

    /// @dev What an applied packet touches, hashed: a duplicate must leave it unchanged.
    function _fingerprint(Message memory m) internal view returns (bytes32) {
        Deployment storage dst = _chain(m.dstEid);
        if (m.kind == MsgCodecLib.RELEASE) {
            ICollateralVault vault = dst.vault;
            IERC20 token = IERC20(m.asset);
            return keccak256(
                abi.encode(
                    vault.locked(m.srcEid, m.asset),
                    vault.totalLocked(m.asset),
                    vault.claimable(m.account, m.asset),
                    vault.totalClaimable(m.asset),
                    token.balanceOf(address(vault)),
                    token.balanceOf(m.account),
                    vault.availableRelease(m.asset)
                )
            );
        }
        IRiskEngine.RateState memory rate = dst.risk.rateState(m.srcEid, m.asset);
        (uint128 valued, uint128 parked) = dst.ledger.balanceOf(m.account, m.srcEid, m.asset);
        return keccak256(
            abi.encode(
                dst.ledger.credited(m.srcEid, m.asset),
                dst.ledger.valuedTotal(m.srcEid, m.asset),
                valued,
                parked,
                rate.rate,
                rate.updatedAt,
                rate.nonce
            )
        );
    }

    /// @dev Invariant 3: right after a successful release, withdrawal or open the account is at or
    /// above initial margin. When a price is unusable the ledger only skips the check for an account
    /// with no debt and no position (collateral then only adds), so anything else is a violation.
    function _checkInitialMargin(Deployment storage c, address account) internal {
        try c.ledger.initialHealth(account) returns (int256 h) {
            if (h < 0) ++marginViolations;
        } catch {
            if (c.ledger.cash(account) < 0 || c.market.hasPosition(account)) ++marginViolations;
        }
    }

    /// @dev Initial health, or zero when a price it needs is unusable.
    function _initialHealthOrZero(Deployment storage c, address account) internal view returns (int256) {
        try c.ledger.initialHealth(account) returns (int256 h) {
            return h;
        } catch {
            return 0;
        }
    }

    function _isPriceError(bytes4 sel) internal pure returns (bool) {
        return sel == OracleLib.StalePrice.selector || sel == OracleLib.PriceOutOfBounds.selector
            || sel == IMarginLedger.MarketPriceUnusable.selector;
    }

    function _unexpected(string memory action, bytes memory err) internal {
        ++unexpectedReverts;
        lastUnexpectedAction = action;
        lastUnexpectedRevert = err;
    }

    function _idle() internal {
        ++_c.idle;
    }

    function _ledgerBalance(Deployment storage lc, address account, uint32 srcEid, address asset)
        internal
        view
        returns (uint256)
    {
        (uint128 valued, uint128 parked) = lc.ledger.balanceOf(account, srcEid, asset);
        return uint256(valued) + parked;
    }

    /// @dev The first actor with a position on chain `c`'s market, starting from `seed`.
    function _actorWithPosition(Deployment storage c, uint256 seed) internal view returns (address, bool) {
        for (uint256 j; j < N_ACTORS; ++j) {
            address actor = _actor(seed % N_ACTORS + j);
            if (c.market.hasPosition(actor)) return (actor, true);
        }
        return (address(0), false);
    }

    /// @dev The first actor with negative cash on chain `c`'s ledger, starting from `seed`.
    function _actorInDebt(Deployment storage c, uint256 seed) internal view returns (address, bool) {
        for (uint256 j; j < N_ACTORS; ++j) {
            address actor = _actor(seed % N_ACTORS + j);
            if (c.ledger.cash(actor) < 0) return (actor, true);
        }
        return (address(0), false);
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % N_ACTORS];
    }

    function _account(uint256 seed) internal view returns (address) {
        return _accounts[seed % _accounts.length];
    }

    function _chainAt(uint256 seed) internal view returns (Deployment storage) {
        return chains[seed % N_CHAINS];
    }

    function _eidAt(uint256 seed) internal pure returns (uint32) {
        return uint32(seed % N_CHAINS) + 1;
    }

    function _assetAt(Deployment storage c, uint256 seed) internal view returns (address) {
        uint256 k = seed % 3;
        if (k == 0) return address(c.usdc);
        if (k == 1) return address(c.weth);
        return address(c.steth);
    }

    function _min(uint256 a, uint256 b) internal pure returns (uint256) {
        return a < b ? a : b;
    }

    function _sel(bytes memory err) internal pure returns (bytes4 sel) {
        if (err.length < 4) return bytes4(0);
        // solhint-disable-next-line no-inline-assembly
        assembly {
            sel := and(mload(add(err, 32)), shl(224, 0xffffffff))
        }
    }

    function _word(bytes memory data, uint256 offset) internal pure returns (bytes32 word) {
        // solhint-disable-next-line no-inline-assembly
        assembly {
            word := mload(add(add(data, 32), offset))
        }
    }
}
