/** The only packet codec version EndpointV2's message libraries emit. */
export const PACKET_VERSION = 1;

/** Byte offsets of `PacketV1Codec`: version | nonce | srcEid | sender | dstEid | receiver | guid | message. */
export const PACKET_OFFSETS = {
  version: 0,
  nonce: 1,
  srcEid: 9,
  sender: 13,
  dstEid: 45,
  receiver: 49,
  guid: 81,
  message: 113,
} as const;

/** Length of the header (version and path): 81 bytes. */
export const PACKET_HEADER_LENGTH = PACKET_OFFSETS.guid;

/** Shortest valid packet: header and guid, empty message (113 bytes). */
export const PACKET_MIN_LENGTH = PACKET_OFFSETS.message;

/** Largest uint64 (nonces). */
export const MAX_UINT64 = 2n ** 64n - 1n;

/** Largest uint32 (endpoint ids). */
export const MAX_UINT32 = 2 ** 32 - 1;
