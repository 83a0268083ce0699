import type { Hex } from "viem";

/**
 * A LayerZero V2 packet (codec version 1), as `PacketV1Codec` lays it out.
 *
 * Addresses are `bytes32` (LayerZero is not EVM-only); use {@link bytes32ToAddress} for EVM ones.
 */
export interface Packet {
  /** Outbound nonce of the path (sender, dstEid, receiver), from 1. uint64. */
  nonce: bigint;
  /** LayerZero endpoint id of the source chain. uint32. */
  srcEid: number;
  /** Sending OApp, left-padded to 32 bytes. */
  sender: Hex;
  /** LayerZero endpoint id of the destination chain. uint32. */
  dstEid: number;
  /** Receiving OApp, left-padded to 32 bytes. */
  receiver: Hex;
  /** keccak256(nonce, srcEid, sender, dstEid, receiver): see {@link computeGuid}. */
  guid: Hex;
  /** The OApp's message. */
  message: Hex;
}

/** LayerZero's `Origin` struct: what `lzReceive` is told about where a packet comes from. */
export interface Origin {
  srcEid: number;
  sender: Hex;
  nonce: bigint;
}
