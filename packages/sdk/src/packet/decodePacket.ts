import { type Hex, hexToBigInt, hexToNumber, isHex, slice } from "viem";
import { InvalidPacketError } from "../errors.js";
import { PACKET_MIN_LENGTH, PACKET_OFFSETS, PACKET_VERSION } from "./constants.js";
import type { Packet } from "./types.js";

/** The return type of {@link decodePacket}. Hex fields are lowercase. */
export type DecodePacketReturnType = Packet;

/**
 * Decodes LayerZero packet bytes (codec version 1), e.g. `PacketSent.encodedPayload`.
 *
 * Strict: throws {@link InvalidPacketError} when the input is not hex of whole bytes, is shorter
 * than the 113-byte header and guid, or has a version other than 1.
 *
 * @example
 * const { nonce, srcEid, sender, receiver, guid, message } = decodePacket(encodedPacket);
 */
export function decodePacket(encodedPacket: Hex): DecodePacketReturnType {
  if (!isHex(encodedPacket, { strict: true }) || encodedPacket.length % 2 !== 0) {
    throw new InvalidPacketError("packet is not hex of whole bytes");
  }
  const bytes = (encodedPacket.length - 2) / 2;
  if (bytes < PACKET_MIN_LENGTH) {
    throw new InvalidPacketError(
      `packet is ${bytes} bytes, shorter than the ${PACKET_MIN_LENGTH}-byte header and guid`,
    );
  }
  // lowercasing hex keeps it `0x`-prefixed hex
  const hex = encodedPacket.toLowerCase() as Hex;
  const field = (start: number, end?: number): Hex => slice(hex, start, end, { strict: true });
  const version = hexToNumber(field(PACKET_OFFSETS.version, PACKET_OFFSETS.nonce));
  if (version !== PACKET_VERSION) {
    throw new InvalidPacketError(`packet version ${version} is not supported (expected ${PACKET_VERSION})`);
  }
  return {
    nonce: hexToBigInt(field(PACKET_OFFSETS.nonce, PACKET_OFFSETS.srcEid)),
    srcEid: hexToNumber(field(PACKET_OFFSETS.srcEid, PACKET_OFFSETS.sender)),
    sender: field(PACKET_OFFSETS.sender, PACKET_OFFSETS.dstEid),
    dstEid: hexToNumber(field(PACKET_OFFSETS.dstEid, PACKET_OFFSETS.receiver)),
    receiver: field(PACKET_OFFSETS.receiver, PACKET_OFFSETS.guid),
    guid: field(PACKET_OFFSETS.guid, PACKET_OFFSETS.message),
    message: bytes === PACKET_MIN_LENGTH ? "0x" : field(PACKET_OFFSETS.message),
  };
}
