import { endpointV2Abi, receiveUln302Abi, receiveUln302Bytecode } from "@ballast/contracts";
import {
  CONFIG_TYPE,
  computePayloadHash,
  decodePacket,
  encodeUlnConfig,
  PACKET_HEADER_LENGTH,
  type UlnConfig,
} from "@ballast/sdk";
import { type Address, getAddress, type Hash, type Hex, slice, zeroAddress } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { devPrivateKey } from "../devKeys.js";
import type { ChainDriver } from "./devnetChains.js";

/**
 * The DVNs of the ULN pathways: plain development accounts #18 and #19 (funded on every Hardhat
 * chain, used by no other test), sorted as the ULN requires.
 */
export const DVNS: readonly [Address, Address] = [
  privateKeyToAddress(devPrivateKey(18)),
  privateKeyToAddress(devPrivateKey(19)),
].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1)) as [Address, Address]; // two addresses in, two out

/** The OApps of a Ballast chain that send and receive LayerZero messages. */
export const OAPP_ROLES = ["collateralVault", "marginLedger"] as const;

/** A ULN config of `dvns` as the required DVNs, no optional ones, 1 confirmation. */
export function requiredDvnConfig(dvns: readonly Address[]): UlnConfig {
  return {
    confirmations: 1n,
    requiredDVNCount: dvns.length,
    optionalDVNCount: 0,
    optionalDVNThreshold: 0,
    requiredDVNs: dvns,
    optionalDVNs: [],
  };
}

/** Parameters of {@link pinUlnPathways}. */
export interface PinUlnPathwaysParameters {
  /** Every chain of the devnet (each pathway between two of them is configured). */
  chains: readonly ChainDriver[];
  /** Owner of every endpoint and delegate of every OApp (the devnet deployer, `devnet.roles.owner`). */
  owner: Address;
}

/** What {@link pinUlnPathways} deployed: the `ReceiveUln302` of each chain, by eid. */
export interface UlnPathways {
  receiveUln: ReadonlyMap<number, Address>;
}

/** Sends a transaction and waits for it; a revert throws naming `step`. */
async function send(chain: ChainDriver, step: string, transaction: () => Promise<Hash>): Promise<void> {
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash: await transaction() });
  if (receipt.status !== "success") throw new Error(`${chain.manifest.name}: ${step} reverted`);
}

/**
 * Turns every pathway of a running devnet into one production accepts, with LayerZero's real
 * `ReceiveUln302` on each chain:
 *
 * - as the endpoint owner (LayerZero's role): the library is registered, its default ULN config
 *   for every remote eid is one required DVN (`DVNS[0]`), and it becomes the default receive
 *   library for them (the defaults a live chain has, single verifier included);
 * - as each OApp's delegate: its receive library is pinned to that ULN with 2 required DVNs
 *   ({@link DVNS}), and its send library pinned to the chain's SimpleMessageLib (the packets stay
 *   PacketV1, so the source keeps sending the devnet way, but not through a default).
 *
 * A packet is then verified only by both DVNs ({@link dvnVerify}) and {@link commitVerification};
 * the devnet's SimpleMessageLib verifier can no longer verify anything on the devnet.
 */
export async function pinUlnPathways(parameters: PinUlnPathwaysParameters): Promise<UlnPathways> {
  const { chains, owner } = parameters;
  const receiveUln = new Map<number, Address>();
  for (const chain of chains) {
    const { manifest } = chain;
    const wallet = chain.wallet(owner);
    const remoteEids = chains.filter((other) => other !== chain).map((other) => other.manifest.eid);
    const messageLib = manifest.messageLib;
    if (messageLib === null) throw new Error(`${manifest.name}: a devnet SimpleMessageLib`);
    const deployed = await chain.publicClient.waitForTransactionReceipt({
      hash: await wallet.deployContract({
        abi: receiveUln302Abi,
        bytecode: receiveUln302Bytecode,
        args: [manifest.endpoint],
      }),
    });
    if (deployed.contractAddress == null) throw new Error(`${manifest.name}: ReceiveUln302 not deployed`);
    const uln = getAddress(deployed.contractAddress);
    receiveUln.set(manifest.eid, uln);
    const onEndpoint = { address: manifest.endpoint, abi: endpointV2Abi } as const;
    await send(chain, "registerLibrary", () =>
      wallet.writeContract({ ...onEndpoint, functionName: "registerLibrary", args: [uln] }),
    );
    const defaultConfig = requiredDvnConfig([DVNS[0]]);
    await send(chain, "setDefaultUlnConfigs", () =>
      wallet.writeContract({
        address: uln,
        abi: receiveUln302Abi,
        functionName: "setDefaultUlnConfigs",
        args: [
          remoteEids.map((eid) => ({
            eid,
            config: { ...defaultConfig, requiredDVNs: [...defaultConfig.requiredDVNs], optionalDVNs: [] },
          })),
        ],
      }),
    );
    for (const remoteEid of remoteEids) {
      await send(chain, `setDefaultReceiveLibrary(${remoteEid})`, () =>
        wallet.writeContract({
          ...onEndpoint,
          functionName: "setDefaultReceiveLibrary",
          args: [remoteEid, uln, 0n],
        }),
      );
      for (const role of OAPP_ROLES) {
        const oapp = manifest.contracts[role];
        await setReceiveLibrary({ chain, owner, oapp, remoteEid, library: uln });
        await setRequiredDvns({ chain, owner, oapp, remoteEid, library: uln, dvns: DVNS });
        await setSendLibrary({ chain, owner, oapp, remoteEid, library: messageLib });
      }
    }
  }
  return { receiveUln };
}

/** Parameters of the delegate's settings of one OApp for one remote eid. */
export interface OAppSettingParameters {
  chain: ChainDriver;
  /** The OApp's delegate. */
  owner: Address;
  oapp: Address;
  remoteEid: number;
}

/** Pins the OApp's receive library for `remoteEid`, or with `DEFAULT_LIBRARY` follows LayerZero's default again. */
export function setReceiveLibrary(parameters: OAppSettingParameters & { library: Address }): Promise<void> {
  const { chain, owner, oapp, remoteEid, library } = parameters;
  return send(chain, `setReceiveLibrary(${oapp}, ${remoteEid})`, () =>
    chain.wallet(owner).writeContract({
      address: chain.manifest.endpoint,
      abi: endpointV2Abi,
      functionName: "setReceiveLibrary",
      args: [oapp, remoteEid, library, 0n],
    }),
  );
}

/** Pins the OApp's send library for `remoteEid`, or with `DEFAULT_LIBRARY` follows LayerZero's default again. */
export function setSendLibrary(parameters: OAppSettingParameters & { library: Address }): Promise<void> {
  const { chain, owner, oapp, remoteEid, library } = parameters;
  return send(chain, `setSendLibrary(${oapp}, ${remoteEid})`, () =>
    chain.wallet(owner).writeContract({
      address: chain.manifest.endpoint,
      abi: endpointV2Abi,
      functionName: "setSendLibrary",
      args: [oapp, remoteEid, library],
    }),
  );
}

/**
 * Lets `library` (a previous receive library) still verify for the OApp until block `expiry`
 * (`EndpointV2.setReceiveLibraryTimeout`; expiry 0 ends it); the OApp must have pinned another one.
 */
export function setReceiveLibraryTimeout(
  parameters: OAppSettingParameters & { library: Address; expiry: bigint },
): Promise<void> {
  const { chain, owner, oapp, remoteEid, library, expiry } = parameters;
  return send(chain, `setReceiveLibraryTimeout(${oapp}, ${remoteEid})`, () =>
    chain.wallet(owner).writeContract({
      address: chain.manifest.endpoint,
      abi: endpointV2Abi,
      functionName: "setReceiveLibraryTimeout",
      args: [oapp, remoteEid, library, expiry],
    }),
  );
}

/** Sets the OApp's ULN config on `library` for `remoteEid`: `dvns` (sorted) required, no optional ones. */
export function setRequiredDvns(
  parameters: OAppSettingParameters & { library: Address; dvns: readonly Address[] },
): Promise<void> {
  const { chain, owner, oapp, remoteEid, library, dvns } = parameters;
  return send(chain, `setConfig(${oapp}, ${remoteEid})`, () =>
    chain.wallet(owner).writeContract({
      address: chain.manifest.endpoint,
      abi: endpointV2Abi,
      functionName: "setConfig",
      args: [
        oapp,
        library,
        [{ eid: remoteEid, configType: CONFIG_TYPE.ULN, config: encodeUlnConfig(requiredDvnConfig(dvns)) }],
      ],
    }),
  );
}

/** `setReceiveLibrary`/`setSendLibrary` to this address: follow LayerZero's default (`DEFAULT_LIB`). */
export const DEFAULT_LIBRARY = zeroAddress;

/** The ULN's view of a packet: its header (version and path, 81 bytes) and payload hash. */
function headerAndPayloadHash(packet: Hex): { header: Hex; payloadHash: Hash } {
  return {
    header: slice(packet, 0, PACKET_HEADER_LENGTH),
    payloadHash: computePayloadHash(decodePacket(packet)),
  };
}

/** One DVN's part: `ReceiveUln302.verify(header, payloadHash, confirmations)` from the DVN's account. */
export function dvnVerify(parameters: {
  chain: ChainDriver;
  receiveUln: Address;
  dvn: Address;
  packet: Hex;
  confirmations?: bigint;
}): Promise<void> {
  const { chain, receiveUln, dvn, packet, confirmations = 1n } = parameters;
  const { header, payloadHash } = headerAndPayloadHash(packet);
  return send(chain, `verify by ${dvn}`, () =>
    chain.wallet(dvn).writeContract({
      address: receiveUln,
      abi: receiveUln302Abi,
      functionName: "verify",
      args: [header, payloadHash, confirmations],
    }),
  );
}

/**
 * `ReceiveUln302.commitVerification(header, payloadHash)` from anyone: writes the payload hash on
 * the endpoint once every required DVN verified; reverts (`LZ_ULN_Verifying`) before.
 */
export function commitVerification(parameters: {
  chain: ChainDriver;
  receiveUln: Address;
  from: Address;
  packet: Hex;
}): Promise<void> {
  const { chain, receiveUln, from, packet } = parameters;
  const { header, payloadHash } = headerAndPayloadHash(packet);
  return send(chain, "commitVerification", () =>
    chain.wallet(from).writeContract({
      address: receiveUln,
      abi: receiveUln302Abi,
      functionName: "commitVerification",
      args: [header, payloadHash],
    }),
  );
}
