// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {MockERC4626} from "../../../contracts/mocks/MockERC4626.sol";
import {GasBenchBase} from "./GasBenchBase.sol";

/// Gas bench: Ballast against LayerZero's reference OFTAdapter/OFT on the same endpoints and token.
/// Each contract is one scenario (see GasBenchBase for the method). `scripts/bench.ts` reads the
/// figures; the assertions keep the measured paths honest (the call did what the name says) and
/// check that the enforced executor gas of the test base covers every worst path.

/// Source transactions on a fresh system: the first lock of USDC on the vault (its totals, its
/// token balance and the endpoint's outbound nonce go from zero to non-zero) against the adapter's
/// first send (its token balance and outbound nonce likewise).
contract GasBenchFirstSendTest is GasBenchBase {
    address internal alice = makeAddr("alice");

    function setUp() public {
        _setUpBench();
        _prepareSender(alice);
    }

    function test_lock_firstOfAsset() public {
        (Measurement memory m, bytes memory data) = _measureLock(alice);
        _recordSource("lock_first", "ballast", m, data);
        assertEq(_chain(1).vault.locked(2, address(_chain(1).usdc)), AMOUNT, "locked");
        assertEq(_pendingCount(), 1, "one LOCK sent");
    }

    function test_oftSend_firstOfAdapter() public {
        (Measurement memory m, bytes memory data) = _measureOftSend(alice);
        _recordSource("oftSend_first", "oft", m, data);
        assertEq(_chain(1).usdc.balanceOf(address(adapter)), AMOUNT, "adapter holds the tokens");
        assertEq(_pendingCount(), 1, "one OFT send");
    }
}

/// Source transactions in steady state: a new sender after the lane, the vault's totals and the
/// adapter's balance are already non-zero (typical traffic).
contract GasBenchSteadySendTest is GasBenchBase {
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");

    function setUp() public {
        _setUpBench();
        _lockUsdc(bob, 1, AMOUNT, 2);
        _oftSend(adapter, bob, AMOUNT);
        _deliverAll();
        _prepareSender(carol);
    }

    function test_lock_steady() public {
        (Measurement memory m, bytes memory data) = _measureLock(carol);
        _recordSource("lock_steady", "ballast", m, data);
        assertEq(_chain(1).vault.locked(2, address(_chain(1).usdc)), 2 * AMOUNT, "locked");
    }

    function test_oftSend_steady() public {
        (Measurement memory m, bytes memory data) = _measureOftSend(carol);
        _recordSource("oftSend_steady", "oft", m, data);
        assertEq(_chain(1).usdc.balanceOf(address(adapter)), 2 * AMOUNT, "adapter holds the tokens");
    }
}

/// Receives of the very first message of each lane: the ledger's lane totals (credited, valued total)
/// and the OFT's total supply go from zero, the account is new, the endpoint's inbound nonce is 0.
contract GasBenchFirstReceiveTest is GasBenchBase {
    address internal alice = makeAddr("alice");

    function setUp() public {
        _setUpBench();
        _lockUsdc(alice, 1, AMOUNT, 2);
        _oftSend(adapter, alice, AMOUNT);
        _oftSend(adapterOut, alice, AMOUNT);
        _verifyPending();
    }

    function test_lzReceive_lockFirstOfLane() public {
        Measurement memory m = _measureDelivery(address(_chain(2).ledger), 2_000_000);
        _record("lockReceive_firstOfLane", "receive", "ballast", m);
        (uint128 valued,) = _chain(2).ledger.balanceOf(alice, 1, address(_chain(1).usdc));
        assertEq(valued, AMOUNT, "credited as valued collateral");
        assertEq(_chain(2).ledger.accountCollaterals(alice).length, 1, "slot taken");
        assertLe(m.exec, LOCK_GAS, "LOCK_GAS covers it");
    }

    function test_lzReceive_oftFirstOfToken() public {
        Measurement memory m = _measureDelivery(address(oft), 2_000_000);
        _record("oftReceive_firstOfToken", "receive", "oft", m);
        assertEq(oft.balanceOf(alice), AMOUNT * 1e12, "minted");
    }

    function test_lzReceive_oftAdapterFirst() public {
        Measurement memory m = _measureDelivery(address(adapterIn), 2_000_000);
        _record("oftAdapterReceive_first", "receive", "oftAdapter", m);
        assertEq(_chain(2).usdc.balanceOf(alice), AMOUNT, "unlocked");
    }
}

/// Receives for a new account on lanes that already carried traffic: the first credit of a new
/// account with cold slots (the per-user worst path once a lane is live).
contract GasBenchNewAccountReceiveTest is GasBenchBase {
    address internal bob = makeAddr("bob");
    address internal dave = makeAddr("dave");

    function setUp() public {
        _setUpBench();
        _lockUsdc(bob, 1, AMOUNT, 2);
        _oftSend(adapter, bob, AMOUNT);
        _oftSend(adapterOut, bob, AMOUNT);
        _deliverAll();
        _lockUsdc(dave, 1, AMOUNT, 2);
        _oftSend(adapter, dave, AMOUNT);
        _oftSend(adapterOut, dave, AMOUNT);
        _verifyPending();
    }

    function test_lzReceive_lockNewAccount() public {
        Measurement memory m = _measureDelivery(address(_chain(2).ledger), 2_000_000);
        _record("lockReceive_newAccount", "receive", "ballast", m);
        (uint128 valued,) = _chain(2).ledger.balanceOf(dave, 1, address(_chain(1).usdc));
        assertEq(valued, AMOUNT, "credited as valued collateral");
        assertLe(m.exec, LOCK_GAS, "LOCK_GAS covers it");
    }

    function test_lzReceive_oftNewAccount() public {
        Measurement memory m = _measureDelivery(address(oft), 2_000_000);
        _record("oftReceive_newAccount", "receive", "oft", m);
        assertEq(oft.balanceOf(dave), AMOUNT * 1e12, "minted");
    }

    function test_lzReceive_oftAdapterNewAccount() public {
        Measurement memory m = _measureDelivery(address(adapterIn), 2_000_000);
        _record("oftAdapterReceive_newAccount", "receive", "oftAdapter", m);
        assertEq(_chain(2).usdc.balanceOf(dave), AMOUNT, "unlocked");
    }
}

/// Receives of a repeat credit: the account already holds the asset.
contract GasBenchRepeatReceiveTest is GasBenchBase {
    address internal bob = makeAddr("bob");

    function setUp() public {
        _setUpBench();
        _lockUsdc(bob, 1, AMOUNT, 2);
        _oftSend(adapter, bob, AMOUNT);
        _oftSend(adapterOut, bob, AMOUNT);
        _deliverAll();
        _lockUsdc(bob, 1, AMOUNT, 2);
        _oftSend(adapter, bob, AMOUNT);
        _oftSend(adapterOut, bob, AMOUNT);
        _verifyPending();
    }

    function test_lzReceive_lockRepeat() public {
        Measurement memory m = _measureDelivery(address(_chain(2).ledger), 2_000_000);
        _record("lockReceive_repeat", "receive", "ballast", m);
        (uint128 valued,) = _chain(2).ledger.balanceOf(bob, 1, address(_chain(1).usdc));
        assertEq(valued, 2 * AMOUNT, "credited again");
        assertLe(m.exec, LOCK_GAS, "LOCK_GAS covers it");
    }

    function test_lzReceive_oftRepeat() public {
        Measurement memory m = _measureDelivery(address(oft), 2_000_000);
        _record("oftReceive_repeat", "receive", "oft", m);
        assertEq(oft.balanceOf(bob), 2 * AMOUNT * 1e12, "minted again");
    }

    function test_lzReceive_oftAdapterRepeat() public {
        Measurement memory m = _measureDelivery(address(adapterIn), 2_000_000);
        _record("oftAdapterReceive_repeat", "receive", "oftAdapter", m);
        assertEq(_chain(2).usdc.balanceOf(bob), 2 * AMOUNT, "unlocked again");
    }
}

/// LOCK worst path: the first LOCK of a listed ERC-4626 share on a fresh lane for a new account
/// (the rate is applied, then the credit takes a new collateral slot).
contract GasBenchShareLockReceiveTest is GasBenchBase {
    address internal alice = makeAddr("alice");

    function setUp() public {
        _setUpBench();
        _chain(1).weth.mint(alice, 2e18);
        vm.startPrank(alice);
        _chain(1).weth.approve(address(_chain(1).steth), 2e18);
        _chain(1).steth.deposit(2e18, alice);
        _chain(1).steth.approve(address(_chain(1).vault), 1e18);
        vm.stopPrank();
        _lock(alice, 1, address(_chain(1).steth), 1e18, 2);
        _verifyPending();
    }

    function test_lzReceive_shareLockFirstOfLane() public {
        Measurement memory m = _measureDelivery(address(_chain(2).ledger), 2_000_000);
        _record("lockReceive_shareFirstOfLane", "receive", "ballast", m);
        (uint128 valued,) = _chain(2).ledger.balanceOf(alice, 1, address(_chain(1).steth));
        assertEq(valued, 1e18, "credited as valued collateral");
        assertEq(_chain(2).risk.rateState(1, address(_chain(1).steth)).nonce, 1, "rate applied");
        assertLe(m.exec, LOCK_GAS, "LOCK_GAS covers it");
    }
}

/// Helpers shared by the RELEASE and RATE scenarios.
abstract contract ReleaseRateBench is GasBenchBase {
    address internal alice = makeAddr("alice");
    address internal recipient = makeAddr("recipient");

    /// @dev `who` (holding a delivered USDC credit) releases half of it to `to` on chain 1.
    function _releaseTo(address who, address to) internal {
        uint256 fee = _chain(2).ledger.quoteRelease(1, address(_chain(1).usdc), AMOUNT / 2, to).nativeFee;
        vm.deal(who, fee);
        vm.prank(who);
        _chain(2).ledger.requestRelease{value: fee}(1, address(_chain(1).usdc), AMOUNT / 2, to);
    }

    function _syncRate(address share) internal {
        uint256 fee = _chain(1).vault.quoteSyncRate(share, 2).nativeFee;
        _chain(1).vault.syncRate{value: fee}(share, 2);
    }
}

/// RELEASE paid to a recipient that holds none of the token, and a RATE for a listed share.
/// The RELEASE is the first message of its lane; the RATE follows one delivered LOCK.
contract GasBenchReleaseRateTest is ReleaseRateBench {
    function setUp() public {
        _setUpBench();
        _lockUsdc(alice, 1, AMOUNT, 2);
        _deliverAll();
        _releaseTo(alice, recipient);
        _syncRate(address(_chain(1).steth));
        _verifyPending();
    }

    function test_lzReceive_releaseToNewRecipient() public {
        Measurement memory m = _measureDelivery(address(_chain(1).vault), 2_000_000);
        _record("releaseReceive_paid", "receive", "ballast", m);
        assertEq(_chain(1).usdc.balanceOf(recipient), AMOUNT / 2, "paid");
        assertLe(m.exec, RELEASE_GAS, "RELEASE_GAS covers it");
    }

    function test_lzReceive_rateListed() public {
        Measurement memory m = _measureDelivery(address(_chain(2).ledger), 2_000_000);
        _record("rateReceive_listed", "receive", "ballast", m);
        assertEq(_chain(2).risk.rateState(1, address(_chain(1).steth)).nonce, 2, "rate applied");
        assertLe(m.exec, RATE_GAS, "RATE_GAS covers it");
    }
}

/// RELEASE worst path: the transfer to the recipient fails (blacklisted) and the release is parked
/// as the asset's first claimable balance. RATE worst path: a share the ledger's risk engine does
/// not list, whose rate state is written for the first time.
contract GasBenchReleaseParkedTest is ReleaseRateBench {
    MockERC4626 internal unlisted;

    function setUp() public {
        _setUpBench();
        unlisted = _unlistedShare();
        _lockUsdc(alice, 1, AMOUNT, 2);
        _deliverAll();
        _chain(1).usdc.setBlacklisted(recipient, true);
        _releaseTo(alice, recipient);
        _syncRate(address(unlisted));
        _verifyPending();
    }

    function test_lzReceive_releaseParked() public {
        Measurement memory m = _measureDelivery(address(_chain(1).vault), 2_000_000);
        _record("releaseReceive_parked", "receive", "ballast", m);
        assertEq(_chain(1).vault.claimable(recipient, address(_chain(1).usdc)), AMOUNT / 2, "parked");
        assertLe(m.exec, RELEASE_GAS, "RELEASE_GAS covers it");
    }

    function test_lzReceive_rateUnlisted() public {
        Measurement memory m = _measureDelivery(address(_chain(2).ledger), 2_000_000);
        _record("rateReceive_unlisted", "receive", "ballast", m);
        assertEq(_chain(2).risk.rateState(1, address(unlisted)).rate, 1e18, "rate stored");
        assertLe(m.exec, RATE_GAS, "RATE_GAS covers it");
    }
}
