// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "forge-std/Test.sol";

import {CollateralVault} from "../../../contracts/CollateralVault.sol";
import {MarginLedger} from "../../../contracts/MarginLedger.sol";
import {IPerpMarket} from "../../../contracts/interfaces/IPerpMarket.sol";
import {BallastTestBase} from "../utils/BallastTestBase.sol";
import {BallastHandler} from "./BallastHandler.sol";

/// @dev Hardhat writes artifacts only for the test files it builds, and the fuzzer finds a target's ABI
/// through its artifact: declaring the concrete target here keeps
/// `hardhat test solidity test/solidity/invariants/Ballast.invariants.t.sol` working on its own.
contract BallastInvariantHandler is BallastHandler {
    constructor(bool seedPositions) BallastHandler(seedPositions) {}
}

/// @title BallastInvariantTest
/// @notice Handler-based invariant tests of DESIGN.md invariants 1, 2, 3, 5 and exactly-once delivery,
/// over three chains driven by `BallastHandler`. The prose of each invariant, why it holds and which
/// code keeps it is in contracts/INVARIANTS.md. Every campaign runs with `failOnRevert`: the handler
/// catches every expected business revert, so a call that reverts is a bug in the handler's model.
contract BallastInvariantTest is Test {
    /// A chain as the invariants read it (addresses never change after setUp).
    struct ChainView {
        uint32 eid;
        CollateralVault vault;
        MarginLedger ledger;
        address market;
        IERC20 usdc;
        address[3] assets;
    }

    BallastHandler internal handler;
    ChainView[] internal chains;
    address[] internal accounts;

    function setUp() public {
        _bind(new BallastInvariantHandler(true));

        bytes4[] memory selectors = new bytes4[](20);
        selectors[0] = BallastHandler.lock.selector;
        selectors[1] = BallastHandler.deliver.selector;
        selectors[2] = BallastHandler.deliverDuplicate.selector;
        selectors[3] = BallastHandler.requestRelease.selector;
        selectors[4] = BallastHandler.claim.selector;
        selectors[5] = BallastHandler.syncRate.selector;
        selectors[6] = BallastHandler.openPosition.selector;
        selectors[7] = BallastHandler.reducePosition.selector;
        selectors[8] = BallastHandler.liquidatePosition.selector;
        selectors[9] = BallastHandler.liquidateCollateral.selector;
        selectors[10] = BallastHandler.settleBadDebt.selector;
        selectors[11] = BallastHandler.depositCash.selector;
        selectors[12] = BallastHandler.withdrawCash.selector;
        selectors[13] = BallastHandler.pause.selector;
        selectors[14] = BallastHandler.unpause.selector;
        selectors[15] = BallastHandler.accrueYield.selector;
        selectors[16] = BallastHandler.slash.selector;
        selectors[17] = BallastHandler.movePrice.selector;
        selectors[18] = BallastHandler.warp.selector;
        // Delivery is what moves state across chains: give it a second slot.
        selectors[19] = BallastHandler.deliver.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// @dev Points the invariants at `handler_`'s chains and accounts.
    function _bind(BallastHandler handler_) internal {
        handler = handler_;
        delete chains;
        for (uint256 i; i < handler_.chainCount(); ++i) {
            BallastTestBase.Deployment memory d = handler_.deploymentAt(i);
            chains.push(
                ChainView({
                    eid: d.eid,
                    vault: d.vault,
                    ledger: d.ledger,
                    market: address(d.market),
                    usdc: IERC20(address(d.usdc)),
                    assets: [address(d.usdc), address(d.weth), address(d.steth)]
                })
            );
        }
        accounts = handler_.accounts();
    }

    // ================================================================ invariant 1

    /// @notice Lane conservation: for every vault chain A, ledger chain B and asset of A,
    /// vaultA.locked(B) == ledgerB.credited(A) + in-flight LOCK(A->B) + in-flight RELEASE(B->A);
    /// on the same chain (no messages) vaultA.locked(A) == ledgerA.credited(A).
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_laneConservation() public view {
        uint256[] memory inFlight = handler.inFlightLanes();
        uint256 n = chains.length;
        for (uint256 a; a < n; ++a) {
            ChainView storage va = chains[a];
            for (uint256 b; b < n; ++b) {
                ChainView storage lb = chains[b];
                for (uint256 k; k < 3; ++k) {
                    address asset = va.assets[k];
                    uint256 locked = va.vault.locked(lb.eid, asset);
                    uint256 credited = lb.ledger.credited(va.eid, asset);
                    uint256 pending = inFlight[(a * n + b) * 3 + k];
                    // Compare first: an assertion is a cheatcode call, too dear to make 27 times per call.
                    if (a == b && (pending != 0 || locked != credited)) {
                        assertEq(pending, 0, "a same-chain lane has messages in flight");
                        assertEq(locked, credited, "same-chain lane: locked != credited");
                    } else if (locked != credited + pending) {
                        assertEq(locked, credited + pending, "lane: locked != credited + in-flight LOCK + RELEASE");
                    }
                }
            }
        }
    }

    // ================================================================ invariant 2

    /// @notice Vault solvency: for every vault and asset, balanceOf(vault) >= totalLocked + totalClaimable
    /// (`totalLocked` is the sum of `locked` over destinations and `totalClaimable` the sum of claimables:
    /// both sums are checked at the end of every run, in `afterInvariant`).
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_vaultSolvency() public view {
        for (uint256 a; a < chains.length; ++a) {
            ChainView storage c = chains[a];
            for (uint256 k; k < 3; ++k) {
                address asset = c.assets[k];
                assertGe(
                    IERC20(asset).balanceOf(address(c.vault)),
                    c.vault.totalLocked(asset) + c.vault.totalClaimable(asset),
                    "vault holds less than locked + claimable"
                );
            }
        }
    }

    // ================================================================ invariant 3

    /// @notice No free withdrawal: every successful release, cash withdrawal and position open left
    /// the account at or above initial margin, and every release was debited in the call that sent it.
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_noFreeWithdrawal() public view {
        _assertNoFreeWithdrawal();
    }

    function _assertNoFreeWithdrawal() internal view {
        assertEq(handler.marginViolations(), 0, "an action left the account below initial margin");
        assertEq(handler.releaseDebitViolations(), 0, "a RELEASE left without the ledger debiting it");
    }

    // ================================================================ invariant 4 (exactly once)

    /// @notice Exactly once: an applied packet can be neither re-verified nor re-executed, a replay
    /// changes nothing, and every sent message is either applied once or still in flight.
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_exactlyOnce() public view {
        _assertExactlyOnce();
    }

    function _assertExactlyOnce() internal view {
        assertEq(handler.duplicatesAccepted(), 0, "the endpoint accepted an applied packet again");
        assertEq(handler.duplicatesChangedState(), 0, "a rejected duplicate changed state");
        BallastHandler.Counters memory n = handler.counters();
        assertEq(n.duplicatesRefused, 2 * n.duplicates, "a replay was not refused twice");
        assertEq(handler.messagesSent(), handler.messagesApplied() + handler.inFlightCount(), "a message was lost");
        assertEq(handler.messagesApplied(), handler.deliveredCount(), "applied != delivered");
    }

    // ================================================================ invariant 5

    /// @notice Conservation of quote, per chain: usdc.balanceOf(ledger) == totalCash + insuranceFund
    /// (`totalCash` is the sum of the cash of every account and of the market, its LP pool: checked at
    /// the end of every run, in `afterInvariant`).
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_quoteConservation() public view {
        for (uint256 a; a < chains.length; ++a) {
            ChainView storage c = chains[a];
            assertEq(
                int256(c.usdc.balanceOf(address(c.ledger))),
                c.ledger.totalCash() + int256(c.ledger.insuranceFund()),
                "quote held != totalCash + insurance"
            );
            // Invariant 6 (backed pools): a market's LP pool never owes more than it holds.
            if (c.ledger.cash(c.market) < 0) assertGe(c.ledger.cash(c.market), 0, "market cash < 0");
        }
    }

    // ================================================================ end of every run

    /// @notice At the end of every run of every campaign: the sums behind the invariants (one call per
    /// account, so too dear for every call, and a drift in them never heals by itself), the ghost flags
    /// of invariants 3 and 4, and that no action failed for a reason off its expected list (locks fail
    /// only when paused, LOCK and RATE deliveries never revert, a RELEASE waits only on its rate limit,
    /// reductions, closes and deposits always work).
    function afterInvariant() public view {
        assertEq(handler.unexpectedReverts(), 0, handler.lastUnexpectedAction());
        _assertNoFreeWithdrawal();
        _assertExactlyOnce();
        uint256 n = chains.length;
        for (uint256 a; a < n; ++a) {
            ChainView storage va = chains[a];
            int256 sumCash = va.ledger.cash(va.market);
            for (uint256 i; i < accounts.length; ++i) {
                sumCash += va.ledger.cash(accounts[i]);
            }
            assertEq(va.ledger.totalCash(), sumCash, "totalCash != sum of cash");
            for (uint256 k; k < 3; ++k) {
                address asset = va.assets[k];
                _assertVaultSums(va.vault, asset);
                for (uint256 b; b < n; ++b) {
                    _assertLedgerSums(chains[b].ledger, va.eid, asset);
                }
            }
        }
    }

    function _assertVaultSums(CollateralVault vault, address asset) internal view {
        uint256 sumLocked;
        for (uint256 b; b < chains.length; ++b) {
            sumLocked += vault.locked(chains[b].eid, asset);
        }
        assertEq(vault.totalLocked(asset), sumLocked, "totalLocked != sum of locked");
        uint256 sumClaimable;
        for (uint256 i; i < accounts.length; ++i) {
            sumClaimable += vault.claimable(accounts[i], asset);
        }
        assertEq(vault.totalClaimable(asset), sumClaimable, "totalClaimable != sum of claimable");
    }

    function _assertLedgerSums(MarginLedger ledger, uint32 srcEid, address asset) internal view {
        uint256 sumValued;
        uint256 sumAll;
        for (uint256 i; i < accounts.length; ++i) {
            (uint128 valued, uint128 parked) = ledger.balanceOf(accounts[i], srcEid, asset);
            sumValued += valued;
            sumAll += uint256(valued) + parked;
        }
        assertEq(ledger.credited(srcEid, asset), sumAll, "credited != sum of balances");
        assertEq(ledger.valuedTotal(srcEid, asset), sumValued, "valuedTotal != sum of valued balances");
    }

    // ================================================================ the handler does real work

    /// @notice The seeded book every run starts from is live: positions on every ledger, collateral
    /// from two chains, share LOCKs in flight, and all invariants hold.
    function test_setUp_startsFromALiveBook() public view {
        assertEq(handler.inFlightCount(), 3, "one share LOCK per actor in flight");
        for (uint256 b; b < chains.length; ++b) {
            for (uint256 i; i < 3; ++i) {
                assertTrue(IPerpMarket(chains[b].market).hasPosition(accounts[i]), "every actor trades on every ledger");
                assertEq(chains[b].ledger.accountCollaterals(accounts[i]).length, 2, "two collaterals");
            }
        }
        BallastHandler.Counters memory n = handler.counters();
        assertEq(n.locks + n.deliveries + n.opens, 0, "counters count the fuzz run only");
        _assertAllInvariants();
    }

    /// @notice A scripted run through the handler (deterministic, so it cannot flake) that reaches
    /// every flow the fuzzer relies on: out-of-order and duplicate delivery, a cross-chain position
    /// liquidated twice into bad debt, a liquidator releasing seized collateral, a rate-limited RELEASE
    /// that stays in flight and lands later, a release parked while paused and claimed after, cash,
    /// yield, slashing and a RATE message; every invariant holds after each phase.
    function test_handler_drivesEveryFlowAndKeepsInvariants() public {
        _bind(new BallastInvariantHandler(false));
        _scriptCollateral();
        _scriptLiquidation();
        _scriptRateLimitAndClaim();
        _scriptCashAndShare();

        BallastHandler.Counters memory n = handler.counters();
        assertEq(n.locks, 3, "locks");
        assertEq(n.locksSameChain, 1, "same-chain locks");
        assertEq(n.deliveries, 7, "deliveries");
        assertEq(n.deliveriesRateLimited, 1, "rate-limited deliveries");
        assertEq(n.duplicates, 2, "duplicates");
        assertEq(n.duplicatesRefused, 4, "every replay refused twice");
        assertEq(n.releases, 3, "releases");
        assertEq(n.claims, 1, "claims");
        assertEq(n.claimsPaused, 1, "claims while paused");
        assertEq(n.opens, 1, "opens");
        assertEq(n.positionLiquidations, 1, "position liquidations");
        assertEq(n.collateralLiquidations, 2, "collateral liquidations");
        assertEq(n.deposits, 1, "deposits");
        assertEq(n.withdrawals, 1, "withdrawals");
        assertEq(n.rateSyncs, 1, "rate syncs");
        assertEq(handler.messagesSent(), 7, "messages sent");
    }

    /// @dev Two cross-chain LOCKs to eid 2 and a same-chain lock, delivered out of order, then replayed.
    function _scriptCollateral() internal {
        BallastTestBase.Deployment memory c1 = handler.deploymentAt(0);
        handler.lock(0, 0, 1, 1, 10e18); // actor0: 10 WETH of eid 1 -> eid 2
        handler.lock(1, 2, 1, 2, 5e18); // actor1: 5 shares of eid 3 -> eid 2
        handler.lock(0, 0, 0, 0, 1_000e6); // actor0: 1,000 USDC of eid 1 -> eid 1 (no message)
        assertEq(handler.inFlightCount(), 2, "two LOCKs in flight");
        _assertAllInvariants();
        handler.deliver(1);
        handler.deliver(0);
        handler.deliverDuplicate(0);
        handler.deliverDuplicate(1);
        (uint128 valued,) = chains[1].ledger.balanceOf(accounts[0], 1, address(c1.weth));
        assertEq(valued, 10e18, "WETH credited once on eid 2");
        _assertAllInvariants();
    }

    /// @dev A 20 ETH long on eid 2, ETH halves, the position then the collateral are liquidated, the
    /// liquidator releases part of the seized credit to eid 1 and the rest of the debt is bad debt.
    function _scriptLiquidation() internal {
        BallastTestBase.Deployment memory c1 = handler.deploymentAt(0);
        BallastTestBase.Deployment memory c2 = handler.deploymentAt(1);
        (address actor0, address liquidator) = (accounts[0], accounts[3]);
        handler.openPosition(0, 1, 20e18 + 1);
        assertEq(c2.market.position(actor0).size, 20e18 + 1, "position opened");
        handler.movePrice((2 << 8) | 1); // jump to 50% of the initial price
        handler.liquidatePosition(0, 1);
        assertFalse(c2.market.hasPosition(actor0), "position liquidated");
        assertLt(c2.ledger.cash(actor0), 0, "realized loss left debt");
        handler.liquidateCollateral(0, 1, 0, 5_000e6);
        (uint128 seized,) = c2.ledger.balanceOf(liquidator, 1, address(c1.weth));
        assertGt(seized, 0, "liquidator holds seized WETH credit");
        _assertAllInvariants();

        handler.requestRelease(3, 1, 0, 1, 1e18 + 1);
        handler.deliver(0);
        assertEq(c1.weth.balanceOf(liquidator), 1e18 + 1, "seized WETH paid on eid 1");
        handler.liquidateCollateral(0, 1, 0, 1_000_000e6);
        assertEq(c2.ledger.accountCollaterals(actor0).length, 0, "all collateral seized");
        assertEq(c2.ledger.cash(actor0), 0, "bad debt covered by insurance and the LP pool");
        assertGt(c2.ledger.socializedLoss(), 0, "part of the bad debt was socialized");
        _assertAllInvariants();
    }

    /// @dev Two 40 WETH RELEASEs against a 60 WETH bucket: the second waits in flight, then pays while
    /// releases are paused (so it becomes claimable) and is claimed after the unpause.
    function _scriptRateLimitAndClaim() internal {
        BallastTestBase.Deployment memory c3 = handler.deploymentAt(2);
        address actor2 = accounts[2];
        handler.lock(2, 2, 0, 1, 80e18); // actor2: 80 WETH of eid 3 -> eid 1
        handler.deliver(0);
        handler.requestRelease(2, 0, 2, 1, 40e18);
        handler.requestRelease(2, 0, 2, 1, 40e18);
        handler.deliver(0);
        handler.deliver(0);
        assertEq(handler.inFlightCount(), 1, "rate-limited RELEASE still in flight");
        _assertAllInvariants();
        handler.pause(1, 2);
        handler.warp(2 hours, 1);
        handler.deliver(0);
        assertEq(c3.vault.claimable(actor2, address(c3.weth)), 40e18, "paid as claimable while paused");
        handler.claim(2, 2, 1);
        handler.unpause(2);
        handler.claim(2, 2, 1);
        assertEq(c3.weth.balanceOf(actor2), 2_000e18, "actor2 got all 80 WETH back");
        _assertAllInvariants();
    }

    /// @dev Cash in and out, yield, a RATE message and slashing.
    function _scriptCashAndShare() internal {
        handler.depositCash(1, 1, 1_000e6);
        handler.withdrawCash(1, 1, 400e6);
        handler.accrueYield(2, 100);
        handler.syncRate(1, 2, 1);
        handler.deliver(0);
        handler.slash(2, 500);
        _assertAllInvariants();
    }

    function _assertAllInvariants() internal view {
        invariant_laneConservation();
        invariant_vaultSolvency();
        invariant_noFreeWithdrawal();
        invariant_exactlyOnce();
        invariant_quoteConservation();
        afterInvariant();
    }
}
