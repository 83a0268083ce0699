// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title MathLib
/// @notice Fixed-point helpers whose names say which way they round. Rounding always favours the
/// protocol: what the protocol is owed rounds up, what it credits rounds down.
library MathLib {
    uint256 internal constant WAD = 1e18;

    /// @notice floor(x * y / d), full precision.
    function mulDivDown(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        return Math.mulDiv(x, y, d);
    }

    /// @notice ceil(x * y / d), full precision.
    function mulDivUp(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        return Math.mulDiv(x, y, d, Math.Rounding.Ceil);
    }

    /// @notice floor(x * y / WAD).
    function wMulDown(uint256 x, uint256 y) internal pure returns (uint256) {
        return Math.mulDiv(x, y, WAD);
    }

    /// @notice ceil(x * y / WAD).
    function wMulUp(uint256 x, uint256 y) internal pure returns (uint256) {
        return Math.mulDiv(x, y, WAD, Math.Rounding.Ceil);
    }

    /// @notice floor(x * y / d) for a signed x: rounds toward negative infinity.
    function mulDivFloorSigned(int256 x, uint256 y, uint256 d) internal pure returns (int256) {
        if (x >= 0) return SafeCast.toInt256(Math.mulDiv(uint256(x), y, d));
        return -SafeCast.toInt256(Math.mulDiv(abs(x), y, d, Math.Rounding.Ceil));
    }

    /// @notice ceil(x * y / d) for a signed x: rounds toward positive infinity.
    function mulDivCeilSigned(int256 x, uint256 y, uint256 d) internal pure returns (int256) {
        if (x >= 0) return SafeCast.toInt256(Math.mulDiv(uint256(x), y, d, Math.Rounding.Ceil));
        return -SafeCast.toInt256(Math.mulDiv(abs(x), y, d));
    }

    /// @notice |x| as uint256 (defined for type(int256).min too).
    function abs(int256 x) internal pure returns (uint256) {
        return x >= 0 ? uint256(x) : uint256(-(x + 1)) + 1;
    }

    function min(uint256 a, uint256 b) internal pure returns (uint256) {
        return a < b ? a : b;
    }

    function zeroFloorSub(uint256 a, uint256 b) internal pure returns (uint256) {
        return a > b ? a - b : 0;
    }
}
