// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title MockERC20
/// @notice A test and devnet token: owner-minted, with optional transfer fee and blacklist so tests
/// can exercise fee-on-transfer and refused transfers.
contract MockERC20 is ERC20, Ownable {
    /// @notice Thrown when a blacklisted account sends or receives.
    error Blacklisted(address account);

    event BlacklistSet(address indexed account, bool blacklisted);
    event TransferFeeSet(uint16 feeBps);

    uint8 internal immutable _decimals;
    /// @notice Fee burned from every transfer between two non-zero accounts, in basis points.
    uint16 public transferFeeBps;
    mapping(address account => bool) public isBlacklisted;

    constructor(address owner_, string memory name_, string memory symbol_, uint8 decimals_)
        ERC20(name_, symbol_)
        Ownable(owner_)
    {
        _decimals = decimals_;
    }

    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }

    function burn(address from, uint256 amount) external onlyOwner {
        _burn(from, amount);
    }

    function setBlacklisted(address account, bool blacklisted) external onlyOwner {
        isBlacklisted[account] = blacklisted;
        emit BlacklistSet(account, blacklisted);
    }

    function setTransferFeeBps(uint16 feeBps) external onlyOwner {
        transferFeeBps = feeBps;
        emit TransferFeeSet(feeBps);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (isBlacklisted[from]) revert Blacklisted(from);
        if (isBlacklisted[to]) revert Blacklisted(to);
        uint256 fee = from != address(0) && to != address(0) ? value * transferFeeBps / 10_000 : 0;
        if (fee > 0) super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}
