// SPDX-License-Identifier: BUSL-1.1
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {Vm} from "forge-std/Vm.sol";
import {
    ILayerZeroEndpointV2,
    Origin
} from "@layerzerolabs/lz-evm-protocol-v2/contracts/interfaces/ILayerZeroEndpointV2.sol";
import {PacketV1Codec} from "@layerzerolabs/lz-evm-protocol-v2/contracts/messagelib/libs/PacketV1Codec.sol";
import {EnforcedOptionParam} from "@layerzerolabs/lz-evm-oapp-v2/contracts/oapp/interfaces/IOAppOptionsType3.sol";
import {OptionsBuilder} from "@layerzerolabs/lz-evm-oapp-v2/contracts/oapp/libs/OptionsBuilder.sol";

import {CollateralVault} from "../../../contracts/CollateralVault.sol";
import {MarginLedger} from "../../../contracts/MarginLedger.sol";
import {PerpMarket} from "../../../contracts/PerpMarket.sol";
import {RiskEngine} from "../../../contracts/RiskEngine.sol";
import {IPerpMarket} from "../../../contracts/interfaces/IPerpMarket.sol";
import {IRiskEngine} from "../../../contracts/interfaces/IRiskEngine.sol";
import {MsgCodecLib} from "../../../contracts/libraries/MsgCodecLib.sol";
import {MockAggregator} from "../../../contracts/mocks/MockAggregator.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {MockERC4626} from "../../../contracts/mocks/MockERC4626.sol";

interface ISimpleMessageLib {
    function validatePacket(bytes calldata packetBytes) external;
    function setWhitelistCaller(address caller) external;
}

/// @dev Decodes packets from calldata (PacketV1Codec works on calldata only).
contract PacketDecoder {
    using PacketV1Codec for bytes;

    function decode(bytes calldata packet)
        external
        pure
        returns (Origin memory origin, uint32 dstEid, address receiver, bytes32 guid, bytes memory message)
    {
        origin = Origin({srcEid: packet.srcEid(), sender: packet.sender(), nonce: packet.nonce()});
        dstEid = packet.dstEid();
        receiver = packet.receiverB20();
        guid = packet.guid();
        message = packet.message();
    }
}

/// @title BallastTestBase
/// @notice Several "chains" in one EVM, each with the real LayerZero EndpointV2 and SimpleMessageLib
/// (deployed from LayerZero's compiled artifacts), the Ballast contracts, tokens and feeds, wired
/// as a full mesh. Sent packets are captured from `PacketSent` logs and delivered on demand, in any
/// order, exactly as the relayer does (validatePacket, then lzReceive).
abstract contract BallastTestBase is Test {
    using OptionsBuilder for bytes;

    string internal constant ENDPOINT_ARTIFACT =
        "node_modules/@layerzerolabs/lz-evm-protocol-v2/artifacts/contracts/EndpointV2.sol/EndpointV2.json";
    string internal constant SIMPLE_LIB_ARTIFACT =
        "node_modules/@layerzerolabs/lz-evm-protocol-v2/artifacts/contracts/messagelib/SimpleMessageLib.sol/SimpleMessageLib.json";

    bytes32 internal constant PACKET_SENT_TOPIC = keccak256("PacketSent(bytes,bytes,address)");

    /// Enforced executor gas per message type: the gas bench's worst-path lzReceive + 30%, rounded up
    /// to 1k (LOCK: first share credit of a new account on a fresh lane, 137,662; RELEASE: paid to a
    /// new holder, 105,052; RATE: unlisted share, 58,176). Same values in the devnet package's config.
    uint128 internal constant LOCK_GAS = 179_000;
    uint128 internal constant RELEASE_GAS = 137_000;
    uint128 internal constant RATE_GAS = 76_000;

    int256 internal constant ETH_PRICE = 3_000e8;
    int256 internal constant USD_PRICE = 1e8;

    struct Deployment {
        uint32 eid;
        ILayerZeroEndpointV2 endpoint;
        ISimpleMessageLib lib;
        CollateralVault vault;
        MarginLedger ledger;
        RiskEngine risk;
        PerpMarket market;
        MockERC20 usdc;
        MockERC20 weth;
        MockERC4626 steth;
        MockAggregator ethFeed;
        MockAggregator usdFeed;
    }

    /// A packet seen in a PacketSent log and not yet delivered.
    struct Packet {
        bytes encoded;
        uint32 srcEid;
        uint32 dstEid;
    }

    Deployment[] internal chains;
    mapping(uint32 eid => uint256 index) internal chainIndex;
    Packet[] internal pending;
    PacketDecoder internal decoder;

    /// Owner and guardian of every contract (the test contract itself owns the tokens and feeds).
    address internal guardian = makeAddr("guardian");

    // ------------------------------------------------------------ setup

    /// @dev Deploys `n` chains with eids 1..n and wires every vault to every other chain's ledger.
    function _setUpChains(uint256 n) internal {
        vm.warp(1_700_000_000);
        decoder = new PacketDecoder();
        for (uint32 i = 1; i <= n; ++i) {
            _deployChain(i);
        }
        for (uint256 a; a < n; ++a) {
            for (uint256 b; b < n; ++b) {
                _wire(chains[a], chains[b]);
            }
        }
        vm.recordLogs();
    }

    function _deployChain(uint32 eid) internal {
        Deployment storage c = chains.push();
        chainIndex[eid] = chains.length - 1;
        c.eid = eid;
        c.endpoint = ILayerZeroEndpointV2(_deployArtifact(ENDPOINT_ARTIFACT, abi.encode(eid, address(this))));
        c.lib = ISimpleMessageLib(_deployArtifact(SIMPLE_LIB_ARTIFACT, abi.encode(address(c.endpoint), address(this))));
        c.endpoint.registerLibrary(address(c.lib));

        c.usdc = new MockERC20(address(this), "USD Coin", "USDC", 6);
        c.weth = new MockERC20(address(this), "Wrapped Ether", "WETH", 18);
        c.steth = new MockERC4626(c.weth, "Staked Ether Share", "sETH");
        c.ethFeed = new MockAggregator(address(this), 8, "ETH / USD", ETH_PRICE);
        c.usdFeed = new MockAggregator(address(this), 8, "USDC / USD", USD_PRICE);

        c.vault = new CollateralVault(address(c.endpoint), address(this));
        c.risk = new RiskEngine(address(this), 6);
        c.ledger = new MarginLedger(address(c.endpoint), address(this), address(c.usdc), address(c.risk));
        c.risk.setLedger(address(c.ledger));
        c.market = new PerpMarket(
            address(this),
            address(c.ledger),
            IPerpMarket.MarketConfig({
                feed: address(c.ethFeed),
                maxStaleness: 1 hours,
                minAnswer: 1e6,
                maxAnswer: 1e14,
                initialMarginRate: 0.1e18,
                maintenanceMarginRate: 0.05e18,
                liquidationPenaltyRate: 0.02e18,
                keeperRewardShare: 0.5e18,
                maxOpenInterest: 1_000_000e18
            })
        );
        c.ledger.addMarket(address(c.market));
        c.ledger.setLocalVault(address(c.vault));
        c.vault.setLocalLedger(address(c.ledger));
        c.vault.setGuardian(guardian);
        c.ledger.setGuardian(guardian);
        c.ledger.setLiquidationGracePeriod(1 hours);

        c.vault.configureAsset(address(c.usdc), true, false, type(uint128).max);
        c.vault.configureAsset(address(c.weth), true, false, type(uint128).max);
        c.vault.configureAsset(address(c.steth), true, true, type(uint128).max);
        c.vault.configureRateLimit(address(c.usdc), 10_000_000e6, 1_000e6);
        c.vault.configureRateLimit(address(c.weth), 10_000e18, 1e18);
        c.vault.configureRateLimit(address(c.steth), 10_000e18, 1e18);

        // Seed the share's rate: 1 share = 1 WETH.
        c.weth.mint(address(this), 1e18);
        c.weth.approve(address(c.steth), 1e18);
        c.steth.deposit(1e18, address(this));
    }

    /// @dev Wires vault(a) -> ledger(b): LayerZero libraries, peers, enforced options and the
    /// ledger's risk parameters for a's assets.
    function _wire(Deployment storage a, Deployment storage b) internal {
        if (a.eid != b.eid) {
            a.endpoint.setDefaultSendLibrary(b.eid, address(a.lib));
            a.endpoint.setDefaultReceiveLibrary(b.eid, address(a.lib), 0);
            a.vault.setPeer(b.eid, bytes32(uint256(uint160(address(b.ledger)))));
            b.ledger.setPeer(a.eid, bytes32(uint256(uint160(address(a.vault)))));

            EnforcedOptionParam[] memory vaultOptions = new EnforcedOptionParam[](2);
            vaultOptions[0] = EnforcedOptionParam(b.eid, MsgCodecLib.LOCK, _lzReceiveOption(LOCK_GAS));
            vaultOptions[1] = EnforcedOptionParam(b.eid, MsgCodecLib.RATE, _lzReceiveOption(RATE_GAS));
            a.vault.setEnforcedOptions(vaultOptions);
            EnforcedOptionParam[] memory ledgerOptions = new EnforcedOptionParam[](1);
            ledgerOptions[0] = EnforcedOptionParam(a.eid, MsgCodecLib.RELEASE, _lzReceiveOption(RELEASE_GAS));
            b.ledger.setEnforcedOptions(ledgerOptions);
        }
        b.risk.configureCollateral(a.eid, address(a.usdc), _usdcConfig(b), 0);
        b.risk.configureCollateral(a.eid, address(a.weth), _wethConfig(b, false), 0);
        b.risk.configureCollateral(a.eid, address(a.steth), _wethConfig(b, true), 1e18);
    }

    function _lzReceiveOption(uint128 gas) internal pure returns (bytes memory) {
        return OptionsBuilder.newOptions().addExecutorLzReceiveOption(gas, 0);
    }

    function _usdcConfig(Deployment storage ledgerChain) internal view returns (IRiskEngine.CollateralConfig memory) {
        return IRiskEngine.CollateralConfig({
            feed: address(ledgerChain.usdFeed),
            maxStaleness: 1 days,
            tokenDecimals: 6,
            priceDecimals: 0,
            isShare: false,
            minAnswer: 0.9e8,
            maxAnswer: 1.1e8,
            collateralFactor: 0.95e18,
            liquidationFactor: 0.97e18,
            liquidationBonus: 0.02e18,
            maxRateGrowthPerDay: 0,
            cap: type(uint128).max
        });
    }

    function _wethConfig(Deployment storage ledgerChain, bool isShare)
        internal
        view
        returns (IRiskEngine.CollateralConfig memory)
    {
        return IRiskEngine.CollateralConfig({
            feed: address(ledgerChain.ethFeed),
            maxStaleness: 1 hours,
            tokenDecimals: 18,
            priceDecimals: 0,
            isShare: isShare,
            minAnswer: 1e6,
            maxAnswer: 1e14,
            collateralFactor: isShare ? 0.75e18 : 0.8e18,
            liquidationFactor: isShare ? 0.8e18 : 0.85e18,
            liquidationBonus: 0.05e18,
            maxRateGrowthPerDay: isShare ? 0.01e18 : 0,
            cap: type(uint128).max
        });
    }

    error ArtifactDeploymentFailed(string path);

    function _deployArtifact(string memory path, bytes memory args) internal returns (address deployed) {
        bytes memory code = abi.encodePacked(vm.parseJsonBytes(vm.readFile(path), ".bytecode"), args);
        // solhint-disable-next-line no-inline-assembly
        assembly {
            deployed := create(0, add(code, 0x20), mload(code))
        }
        if (deployed == address(0)) revert ArtifactDeploymentFailed(path);
    }

    // ------------------------------------------------------------ chains

    function _chain(uint32 eid) internal view returns (Deployment storage) {
        return chains[chainIndex[eid]];
    }

    // ------------------------------------------------------------ packets

    /// @dev Moves PacketSent logs recorded since the last call into `pending`.
    function _capture() internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics.length == 0 || logs[i].topics[0] != PACKET_SENT_TOPIC) continue;
            (bytes memory encoded,,) = abi.decode(logs[i].data, (bytes, bytes, address));
            (Origin memory origin, uint32 dstEid,,,) = decoder.decode(encoded);
            pending.push(Packet({encoded: encoded, srcEid: origin.srcEid, dstEid: dstEid}));
        }
    }

    function _pendingCount() internal returns (uint256) {
        _capture();
        return pending.length;
    }

    /// @dev Verifies and executes pending packet `index` on its destination, then forgets it.
    /// Pending packets keep their send order, so `_deliver(0)` is always the oldest one.
    function _deliver(uint256 index) internal {
        _capture();
        Packet memory packet = pending[index];
        for (uint256 i = index; i + 1 < pending.length; ++i) {
            pending[i] = pending[i + 1];
        }
        pending.pop();
        _deliverPacket(packet.encoded);
        _capture();
    }

    /// @dev Verifies and executes one encoded packet (reverts bubble up).
    function _deliverPacket(bytes memory encoded) internal {
        (Origin memory origin, uint32 dstEid, address receiver, bytes32 guid, bytes memory message) =
            decoder.decode(encoded);
        Deployment storage dst = _chain(dstEid);
        dst.lib.validatePacket(encoded);
        dst.endpoint.lzReceive(origin, receiver, guid, message, "");
    }

    /// @dev Delivers every pending packet, oldest first, including ones their delivery sends.
    function _deliverAll() internal {
        _capture();
        while (pending.length > 0) {
            _deliver(0);
        }
    }

    // ------------------------------------------------------------ actors

    /// @dev Mints `amount` of `token` to `who` and approves `spender`.
    function _fund(MockERC20 token, address who, address spender, uint256 amount) internal {
        token.mint(who, amount);
        vm.prank(who);
        token.approve(spender, amount);
    }

    /// @dev `who` locks `amount` of `token` on chain `src` for itself on `dst`, paying the fee.
    function _lock(address who, uint32 src, address token, uint256 amount, uint32 dst) internal returns (bytes32 guid) {
        Deployment storage s = _chain(src);
        uint256 fee = s.vault.quoteLock(token, amount, dst, who).nativeFee;
        vm.deal(who, who.balance + fee);
        vm.prank(who);
        (guid,) = s.vault.lock{value: fee}(token, amount, dst, who);
        _capture();
    }

    /// @dev `who` mints and locks `amount` of chain `src`'s USDC for itself on `dst`.
    function _lockUsdc(address who, uint32 src, uint256 amount, uint32 dst) internal returns (bytes32) {
        Deployment storage s = _chain(src);
        _fund(s.usdc, who, address(s.vault), amount);
        return _lock(who, src, address(s.usdc), amount, dst);
    }

    /// @dev `who` mints and locks `amount` of chain `src`'s WETH for itself on `dst`.
    function _lockWeth(address who, uint32 src, uint256 amount, uint32 dst) internal returns (bytes32) {
        Deployment storage s = _chain(src);
        _fund(s.weth, who, address(s.vault), amount);
        return _lock(who, src, address(s.weth), amount, dst);
    }

    /// @dev `who` requests a release of `amount` of (src, asset) on ledger `ledgerEid`, to itself.
    function _requestRelease(address who, uint32 ledgerEid, uint32 src, address asset, uint256 amount)
        internal
        returns (bytes32 guid)
    {
        MarginLedger ledger = _chain(ledgerEid).ledger;
        uint256 fee = ledger.quoteRelease(src, asset, amount, who).nativeFee;
        vm.deal(who, who.balance + fee);
        vm.prank(who);
        guid = ledger.requestRelease{value: fee}(src, asset, amount, who);
        _capture();
    }
}
