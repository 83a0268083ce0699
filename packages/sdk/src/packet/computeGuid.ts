import { type Address, encodePacked, type Hex, keccak256 } from "viem";
import { addressToBytes32 } from "./addressToBytes32.js";
import { assertPacketFields } from "./assertPacketFields.js";

/** A 20-byte EVM address becomes its bytes32 form; anything else is taken as bytes32 as is. */
function toBytes32(value: Address | Hex): Hex {
  return value.length === 42 ? addressToBytes32(value) : value;
}

/**
 * The packet's globally unique id, as LayerZero's `GUID.generate` computes it:
 * `keccak256(abi.encodePacked(uint64 nonce, uint32 srcEid, bytes32 sender, uint32 dstEid, bytes32 receiver))`.
 *
 * `sender` and `receiver` may be EVM addresses or bytes32. Throws {@link InvalidPacketError}
 * for out-of-range fields.
 *
 * @example
 * const guid = computeGuid(1n, 40_101, senderOApp, 40_102, addressToBytes32(receiverOApp));
 */
export function computeGuid(
  nonce: bigint,
  srcEid: number,
  sender: Address | Hex,
  dstEid: number,
  receiver: Address | Hex,
): Hex {
  const senderBytes32 = toBytes32(sender);
  const receiverBytes32 = toBytes32(receiver);
  assertPacketFields({ nonce, srcEid, sender: senderBytes32, dstEid, receiver: receiverBytes32 });
  return keccak256(
    encodePacked(
      ["uint64", "uint32", "bytes32", "uint32", "bytes32"],
      [nonce, srcEid, senderBytes32, dstEid, receiverBytes32],
    ),
  );
}
