/** Test fixtures shared by the sdk's tests (excluded from the build). */
import fc from "fast-check";
import type { Hex } from "viem";
import type { Packet } from "../packet/types.js";

/** OApp addresses used by the vectors, as bytes32. */
export const sender: Hex = `0x${"00".repeat(12)}${"11".repeat(20)}`;
export const receiver: Hex = `0x${"00".repeat(12)}${"22".repeat(20)}`;

/** A packet built by hand: distinct bytes in every field so a shifted offset shows. */
export const vector = {
  packet: {
    nonce: 0x0102030405060708n,
    srcEid: 40_101,
    sender,
    dstEid: 40_102,
    receiver,
    guid: `0x${"33".repeat(32)}`,
    message: "0x0100009ca5",
  },
  bytes: `0x${[
    "01", // version
    "0102030405060708", // nonce, big-endian uint64
    "00009ca5", // srcEid 40101
    "000000000000000000000000", // sender: 12 zero bytes ...
    "1111111111111111111111111111111111111111", // ... and the address
    "00009ca6", // dstEid 40102
    "000000000000000000000000",
    "2222222222222222222222222222222222222222", // receiver
    "33".repeat(32), // guid
    "0100009ca5", // message: OmniCounter's vanilla increment from eid 40101
  ].join("")}`,
  /** keccak256(guid | message). */
  payloadHash: "0x83de2b79957030e2dd44f8afe027a730502c108180ddd984e34cbb28cb88d32a",
} as const satisfies { packet: Packet; bytes: Hex; payloadHash: Hex };

/**
 * GUID of nonce 1 on the path (0x1111..11 on eid 40101) -> (0x2222..22 on eid 40102).
 * @ballast/devnet's delivery test checks the same value against a deployed EndpointV2's `nextGuid`.
 */
export const guidVector = {
  nonce: 1n,
  srcEid: 40_101,
  sender: `0x${"11".repeat(20)}`,
  dstEid: 40_102,
  receiver,
  guid: "0x440074912ab74ddc2a1bd86b75810e2178175d786634e0ef0f4eca48b4418631",
} as const;

function toHex(bytes: Uint8Array): Hex {
  return `0x${Buffer.from(bytes).toString("hex")}`;
}

/** Any 32 bytes. */
export const bytes32Arbitrary: fc.Arbitrary<Hex> = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((b) => toHex(b));

/** Any encodable packet (guid arbitrary too: the codec does not check it). */
export const packetArbitrary: fc.Arbitrary<Packet> = fc.record({
  nonce: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  srcEid: fc.nat({ max: 2 ** 32 - 1 }),
  sender: bytes32Arbitrary,
  dstEid: fc.nat({ max: 2 ** 32 - 1 }),
  receiver: bytes32Arbitrary,
  guid: bytes32Arbitrary,
  message: fc.uint8Array({ maxLength: 300 }).map((b) => toHex(b)),
});
