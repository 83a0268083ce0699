import { concat, type Hex, keccak256 } from "viem";
import { assertPacketFields } from "./assertPacketFields.js";
import type { Packet } from "./types.js";

/**
 * The hash the receive library stores on the destination endpoint for a verified packet:
 * `keccak256(guid | message)` (`PacketV1Codec.payloadHash`), and that `lzReceive` checks.
 *
 * @example
 * const hash = computePayloadHash(decodePacket(encodedPacket));
 */
export function computePayloadHash(packet: Pick<Packet, "guid" | "message">): Hex {
  assertPacketFields({ guid: packet.guid, message: packet.message });
  return keccak256(concat([packet.guid, packet.message]));
}
