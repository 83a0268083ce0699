// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {OFT} from "@layerzerolabs/lz-evm-oapp-v2/contracts/oft/OFT.sol";
import {OFTAdapter} from "@layerzerolabs/lz-evm-oapp-v2/contracts/oft/OFTAdapter.sol";

/// @notice LayerZero's reference OFTAdapter (lockbox over an existing token), unmodified: the
/// baseline that the gas bench measures `CollateralVault.lock` against.
contract ReferenceOFTAdapter is OFTAdapter {
    constructor(address token_, address endpoint_, address delegate_)
        OFTAdapter(token_, endpoint_, delegate_)
        Ownable(delegate_)
    {}
}

/// @notice LayerZero's reference OFT (mint and burn), unmodified: the destination of the adapter's
/// sends, the baseline that the gas bench measures the ledger's LOCK `lzReceive` against.
contract ReferenceOFT is OFT {
    constructor(string memory name_, string memory symbol_, address endpoint_, address delegate_)
        OFT(name_, symbol_, endpoint_, delegate_)
        Ownable(delegate_)
    {}
}
