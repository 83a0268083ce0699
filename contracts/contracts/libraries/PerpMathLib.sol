// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {MathLib} from "./MathLib.sol";

/// @title PerpMathLib
/// @notice Linear perpetual position math: notional, PnL and margin.
/// @dev Mirrored in `@ballast/margin`. A position is `size` (signed base units with 18 decimals,
/// long > 0) and `openNotional` (signed quote units paid to open it). Rounding favours the
/// protocol: entry notional rounds toward +infinity, mark value toward -infinity, margin up.
library PerpMathLib {
    using MathLib for uint256;

    uint8 internal constant SIZE_DECIMALS = 18;

    /// @dev 10 ** (sizeDecimals + priceDecimals - quoteDecimals); prices have at least quoteDecimals - 18 decimals.
    function _scale(uint8 priceDecimals, uint8 quoteDecimals) private pure returns (uint256) {
        return 10 ** (uint256(SIZE_DECIMALS) + priceDecimals - quoteDecimals);
    }

    /// @notice Signed quote value of `size` at `price`, rounded toward -infinity.
    function markValueFloor(int256 size, uint256 price, uint8 priceDecimals, uint8 quoteDecimals)
        internal
        pure
        returns (int256)
    {
        return MathLib.mulDivFloorSigned(size, price, _scale(priceDecimals, quoteDecimals));
    }

    /// @notice Signed quote paid to open `sizeDelta` at `price`, rounded toward +infinity.
    function entryNotionalCeil(int256 sizeDelta, uint256 price, uint8 priceDecimals, uint8 quoteDecimals)
        internal
        pure
        returns (int256)
    {
        return MathLib.mulDivCeilSigned(sizeDelta, price, _scale(priceDecimals, quoteDecimals));
    }

    /// @notice |size| * price in quote units, rounded up: the base for margin requirements.
    function notionalUp(int256 size, uint256 price, uint8 priceDecimals, uint8 quoteDecimals)
        internal
        pure
        returns (uint256)
    {
        return MathLib.abs(size).mulDivUp(price, _scale(priceDecimals, quoteDecimals));
    }

    /// @notice Unrealized PnL: markValueFloor(size) - openNotional.
    function unrealizedPnl(int256 size, int256 openNotional, uint256 price, uint8 priceDecimals, uint8 quoteDecimals)
        internal
        pure
        returns (int256)
    {
        return markValueFloor(size, price, priceDecimals, quoteDecimals) - openNotional;
    }

    /// @notice notional * rate, rounded up.
    function marginUp(uint256 notional, uint256 rate) internal pure returns (uint256) {
        return notional.wMulUp(rate);
    }

    /// @notice Open notional that stays with `remainingSize` when a position of `size` shrinks,
    /// rounded toward +infinity. The rounding only moves at most one quote unit of PnL between this
    /// reduction and the rest of the position's life: the closed and remaining notionals always sum
    /// to the open notional, so total realized PnL is exact (and entry rounding favours the protocol).
    /// @dev Requires `remainingSize` to have the sign of `size` (or be zero) and |remainingSize| <= |size|.
    function remainingNotionalCeil(int256 openNotional, int256 size, int256 remainingSize)
        internal
        pure
        returns (int256)
    {
        if (remainingSize == 0) return 0;
        return MathLib.mulDivCeilSigned(openNotional, MathLib.abs(remainingSize), MathLib.abs(size));
    }
}
