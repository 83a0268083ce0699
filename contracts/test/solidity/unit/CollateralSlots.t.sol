// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {IRiskEngine} from "../../../contracts/interfaces/IRiskEngine.sol";
import {MarginLedger} from "../../../contracts/MarginLedger.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {BallastTestBase} from "../utils/BallastTestBase.sol";

/// @notice The ledger's per-account collateral slots (MarginLedger stores the slot count inside
/// slot 0): order, removal and the MAX_COLLATERALS bound must behave exactly like an array with
/// swap-and-pop removal, as seen through `accountCollaterals`.
contract CollateralSlotsTest is BallastTestBase {
    uint32 internal constant LEDGER_EID = 2;
    uint256 internal constant KEYS = 9;

    address internal alice = makeAddr("alice");
    MarginLedger internal ledger;

    /// Swap-and-pop reference model of alice's slots.
    IRiskEngine.CollateralKey[] internal model;

    function setUp() public {
        _setUpChains(3);
        ledger = _chain(LEDGER_EID).ledger;
    }

    // ------------------------------------------------------------ helpers

    /// @dev Key `i` of 9: source chain 1 + i / 3, asset usdc, weth, steth of that chain.
    function _key(uint256 i) internal view returns (IRiskEngine.CollateralKey memory) {
        uint32 eid = uint32(1 + i / 3);
        Deployment storage c = _chain(eid);
        uint256 a = i % 3;
        address asset = a == 0 ? address(c.usdc) : a == 1 ? address(c.weth) : address(c.steth);
        return IRiskEngine.CollateralKey({srcEid: eid, asset: asset});
    }

    function _amount(uint256 i) internal pure returns (uint256) {
        return i % 3 == 0 ? 100e6 : 1e18;
    }

    /// @dev Alice locks key `i`'s asset on its chain for herself on the ledger chain (delivered).
    function _add(uint256 i) internal {
        IRiskEngine.CollateralKey memory k = _key(i);
        Deployment storage c = _chain(k.srcEid);
        uint256 amount = _amount(i);
        if (i % 3 == 2) {
            c.weth.mint(alice, amount);
            vm.startPrank(alice);
            c.weth.approve(address(c.steth), amount);
            c.steth.deposit(amount, alice);
            c.steth.approve(address(c.vault), amount);
            vm.stopPrank();
        } else {
            _fund(MockERC20(k.asset), alice, address(c.vault), amount);
        }
        _lock(alice, k.srcEid, k.asset, amount, LEDGER_EID);
        _deliverAll();
    }

    /// @dev Alice releases her whole balance of key `i` (the slot is freed in the same call).
    function _remove(uint256 i) internal {
        IRiskEngine.CollateralKey memory k = _key(i);
        (uint128 valued, uint128 parked) = ledger.balanceOf(alice, k.srcEid, k.asset);
        _requestRelease(alice, LEDGER_EID, k.srcEid, k.asset, uint256(valued) + parked);
        // Deliver now: the base's _deliverAll swaps the pending list and would reorder a lane.
        _deliverAll();
    }

    function _indexOf(uint256 i) internal view returns (uint256) {
        IRiskEngine.CollateralKey memory k = _key(i);
        for (uint256 j; j < model.length; ++j) {
            if (model[j].srcEid == k.srcEid && model[j].asset == k.asset) return j;
        }
        return type(uint256).max;
    }

    function _modelRemove(uint256 at) internal {
        model[at] = model[model.length - 1];
        model.pop();
    }

    function _assertSlots(string memory label) internal view {
        IRiskEngine.CollateralKey[] memory keys = ledger.accountCollaterals(alice);
        assertEq(keys.length, model.length, string.concat(label, ": count"));
        for (uint256 j; j < keys.length; ++j) {
            assertEq(keys[j].srcEid, model[j].srcEid, string.concat(label, ": srcEid"));
            assertEq(keys[j].asset, model[j].asset, string.concat(label, ": asset"));
        }
    }

    // ------------------------------------------------------------ tests

    function test_accountCollaterals_emptyForNewAccount() public view {
        assertEq(ledger.accountCollaterals(alice).length, 0);
    }

    function test_accountCollaterals_firstCreditTakesSlotZero() public {
        _add(0);
        model.push(_key(0));
        _assertSlots("first");
        // A second credit of the same collateral takes no new slot.
        _add(0);
        _assertSlots("repeat");
    }

    function test_removeSlot_keepsSwapAndPopOrder() public {
        for (uint256 i; i < 4; ++i) {
            _add(i);
            model.push(_key(i));
        }
        _assertSlots("four");

        _remove(1); // middle: the last slot moves into it
        _modelRemove(1);
        _assertSlots("middle removed");

        _remove(0); // slot 0: the last slot moves into slot 0, the count stays there
        _modelRemove(0);
        _assertSlots("first removed");

        _remove(3); // the last slot
        _modelRemove(_indexOf(3));
        _assertSlots("last removed");

        _remove(2); // the only slot
        _modelRemove(0);
        _assertSlots("all removed");

        _add(5);
        model.push(_key(5));
        _assertSlots("re-added");
    }

    function test_ensureSlot_ninthCollateralIsParkedUntilASlotFrees() public {
        for (uint256 i; i < 8; ++i) {
            _add(i);
            model.push(_key(i));
        }
        _add(8);
        _assertSlots("eight slots, ninth not listed");
        IRiskEngine.CollateralKey memory ninth = _key(8);
        (uint128 valued, uint128 parked) = ledger.balanceOf(alice, ninth.srcEid, ninth.asset);
        assertEq(valued, 0, "ninth valued");
        assertEq(parked, _amount(8), "ninth parked");

        _remove(2);
        _modelRemove(2);
        vm.prank(alice);
        ledger.activateParked(ninth.srcEid, ninth.asset);
        model.push(ninth);
        _assertSlots("ninth activated");
    }

    /// @dev Random adds and full releases over the nine keys; after each step the slots equal a
    /// swap-and-pop array (a ninth collateral parks and takes no slot).
    function testFuzz_collateralSlots_matchSwapAndPopArray(uint256 seed) public {
        for (uint256 step; step < 10; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            uint256 i = r % KEYS;
            uint256 at = _indexOf(i);
            if (at != type(uint256).max && (r >> 128) % 2 == 0) {
                _remove(i);
                _modelRemove(at);
            } else {
                _add(i);
                // A collateral without a slot (new, or parked while all slots were taken) takes one if free.
                if (at == type(uint256).max && model.length < ledger.MAX_COLLATERALS()) {
                    model.push(_key(i));
                }
            }
            _assertSlots("step");
        }
    }
}
