import { encodePacked, type Hex } from "viem";
import { assertPacketFields } from "./assertPacketFields.js";
import { computeGuid } from "./computeGuid.js";
import { PACKET_VERSION } from "./constants.js";
import type { Packet } from "./types.js";

/** Parameters of {@link encodePacket}: a packet whose guid may be left out to have it computed. */
export type EncodePacketParameters = Omit<Packet, "guid"> & {
  /** Defaults to {@link computeGuid} of the packet's nonce and path, as EndpointV2 sets it. */
  guid?: Hex | undefined;
};

/** The return type of {@link encodePacket}: the packet's bytes, lowercase hex. */
export type EncodePacketReturnType = Hex;

/**
 * Encodes a LayerZero packet the way `PacketV1Codec.encode` does:
 * `version(1) | nonce(8) | srcEid(4) | sender(32) | dstEid(4) | receiver(32) | guid(32) | message`.
 *
 * Throws {@link InvalidPacketError} when a field is out of range or not hex of the right size.
 *
 * @example
 * const bytes = encodePacket({ nonce: 1n, srcEid: 40_101, sender, dstEid: 40_102, receiver, message: "0x01" });
 */
export function encodePacket(parameters: EncodePacketParameters): EncodePacketReturnType {
  const { nonce, srcEid, sender, dstEid, receiver, message } = parameters;
  assertPacketFields({ nonce, srcEid, sender, dstEid, receiver, message });
  const guid = parameters.guid ?? computeGuid(nonce, srcEid, sender, dstEid, receiver);
  assertPacketFields({ guid });
  return encodePacked(
    ["uint8", "uint64", "uint32", "bytes32", "uint32", "bytes32", "bytes32", "bytes"],
    [PACKET_VERSION, nonce, srcEid, sender, dstEid, receiver, guid, message],
  ).toLowerCase() as Hex; // lowercasing hex keeps it `0x`-prefixed hex
}
