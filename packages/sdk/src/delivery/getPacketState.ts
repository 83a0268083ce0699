import { endpointV2Abi } from "@ballast/contracts";
import type { Address, Chain, Hex, PublicClient, Transport } from "viem";
import { WrongDestinationError } from "../errors.js";
import { bytes32ToAddress } from "../packet/bytes32ToAddress.js";
import { computePayloadHash } from "../packet/computePayloadHash.js";
import { decodePacket } from "../packet/decodePacket.js";
import type { Packet } from "../packet/types.js";

/**
 * Where a packet stands on its destination endpoint.
 * - `sent`: the endpoint does not hold this packet's payload hash and can still verify it.
 * - `verified`: the endpoint holds its payload hash; `lzReceive` may run.
 * - `executed`: the endpoint has consumed the nonce and will never accept this packet again.
 */
export type PacketState = "sent" | "verified" | "executed";

/** Parameters of {@link getPacketState}. */
export interface GetPacketStateParameters {
  /** A client of the destination chain. */
  publicClient: PublicClient<Transport, Chain | undefined>;
  /** The destination chain's EndpointV2. */
  endpoint: Address;
  /** The packet, decoded or as bytes. */
  packet: Packet | Hex;
  /** Block to read at; defaults to the latest, read once so every value comes from one block. */
  blockNumber?: bigint | undefined;
}

/** The return type of {@link getPacketState}: the state and the endpoint values it comes from. */
export interface GetPacketStateReturnType {
  state: PacketState;
  /** `verified` and every earlier nonce of the path verified or consumed: `lzReceive` would pass the endpoint. */
  executable: boolean;
  /** keccak256(guid | message) of the packet. */
  payloadHash: Hex;
  /** `inboundPayloadHash` at the packet's nonce: zero, this packet's hash, another one, or all ones (nilified). */
  storedPayloadHash: Hex;
  /** `lazyInboundNonce` of the path: every nonce up to it has been consumed or is still verified. */
  lazyInboundNonce: bigint;
  /** `inboundNonce` of the path: the end of the gapless run of verified nonces after `lazyInboundNonce`. */
  inboundNonce: bigint;
  /** The block the values were read at. */
  blockNumber: bigint;
}

const EMPTY_PAYLOAD_HASH: Hex = `0x${"00".repeat(32)}`;

/**
 * Classifies a packet on its destination endpoint from `inboundPayloadHash`,
 * `lazyInboundNonce` and `inboundNonce` (EndpointV2's MessagingChannel):
 *
 * - the stored hash equals the packet's -> `verified` (also when a later nonce already ran:
 *   execution may be out of order once every earlier nonce is verified);
 * - the stored hash is empty and the nonce is at or below `lazyInboundNonce` -> `executed`:
 *   `lzReceive` deletes the hash and moves `lazyInboundNonce` up to the nonce. The same storage
 *   results when the OApp cleared, skipped or burnt the nonce; in every case it is final;
 * - anything else -> `sent`: never verified (empty, nonce above `lazyInboundNonce`), nilified by
 *   the OApp (all ones), or another payload verified at this nonce; each can be (re-)verified.
 *
 * Throws {@link WrongDestinationError} when the packet's `dstEid` is not the endpoint's eid, and
 * {@link InvalidAddressError} when its receiver is not an EVM address.
 *
 * @example
 * const { state, executable } = await getPacketState({ publicClient: b.publicClient, endpoint, packet: sent.packet });
 */
export async function getPacketState(
  parameters: GetPacketStateParameters,
): Promise<GetPacketStateReturnType> {
  const { publicClient, endpoint } = parameters;
  const packet = typeof parameters.packet === "string" ? decodePacket(parameters.packet) : parameters.packet;
  const receiver = bytes32ToAddress(packet.receiver);
  const payloadHash = computePayloadHash(packet);
  const blockNumber = parameters.blockNumber ?? (await publicClient.getBlockNumber({ cacheTime: 0 }));
  const read = { address: endpoint, abi: endpointV2Abi, blockNumber } as const;
  const path = [receiver, packet.srcEid, packet.sender] as const;
  const [eid, storedPayloadHash, lazyInboundNonce, inboundNonce] = await Promise.all([
    publicClient.readContract({ ...read, functionName: "eid" }),
    publicClient.readContract({ ...read, functionName: "inboundPayloadHash", args: [...path, packet.nonce] }),
    publicClient.readContract({ ...read, functionName: "lazyInboundNonce", args: path }),
    publicClient.readContract({ ...read, functionName: "inboundNonce", args: path }),
  ]);
  if (eid !== packet.dstEid) {
    throw new WrongDestinationError(`packet is for eid ${packet.dstEid}, endpoint ${endpoint} is eid ${eid}`);
  }

  let state: PacketState;
  if (storedPayloadHash.toLowerCase() === payloadHash) state = "verified";
  else if (storedPayloadHash === EMPTY_PAYLOAD_HASH && packet.nonce <= lazyInboundNonce) state = "executed";
  else state = "sent";

  return {
    state,
    executable: state === "verified" && packet.nonce <= inboundNonce,
    payloadHash,
    storedPayloadHash,
    lazyInboundNonce,
    inboundNonce,
    blockNumber,
  };
}
