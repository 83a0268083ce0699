import fc from "fast-check";
import type { Hex } from "viem";
import { describe, expect, it } from "vitest";
import { InvalidPacketError } from "../errors.js";
import { guidVector, packetArbitrary, vector } from "../test/vectors.js";
import { computeGuid } from "./computeGuid.js";
import { decodePacket } from "./decodePacket.js";
import { encodePacket } from "./encodePacket.js";

describe("encodePacket", () => {
  it("lays out the hand-built vector byte for byte", () => {
    const encoded = encodePacket(vector.packet);
    expect(encoded).toBe(vector.bytes);
    expect((encoded.length - 2) / 2).toBe(113 + 5);
  });

  it("computes the guid from the nonce and path when it is left out", () => {
    const { guid: _, ...withoutGuid } = vector.packet;
    const decoded = decodePacket(encodePacket({ ...withoutGuid, nonce: guidVector.nonce }));
    expect(decoded.guid).toBe(guidVector.guid);
    const { nonce, srcEid, sender, dstEid, receiver } = vector.packet;
    expect(decodePacket(encodePacket(withoutGuid)).guid).toBe(
      computeGuid(nonce, srcEid, sender, dstEid, receiver),
    );
  });

  it("round-trips any packet through decodePacket", () => {
    fc.assert(
      fc.property(packetArbitrary, (packet) => {
        const encoded = encodePacket(packet);
        expect((encoded.length - 2) / 2).toBe(113 + (packet.message.length - 2) / 2);
        expect(decodePacket(encoded)).toEqual(packet);
      }),
    );
  });

  it("lowercases mixed-case input", () => {
    const upper: Hex = `0x${"AB".repeat(32)}`;
    const encoded = encodePacket({ ...vector.packet, guid: upper, message: "0xCAFE" });
    expect(encoded).toBe(encoded.toLowerCase());
    expect(decodePacket(encoded).guid).toBe(`0x${"ab".repeat(32)}`);
  });

  it.each([
    ["a nonce above uint64", { nonce: 2n ** 64n }, /nonce .* is not a uint64/],
    ["a negative nonce", { nonce: -1n }, /nonce/],
    ["a srcEid above uint32", { srcEid: 2 ** 32 }, /srcEid .* is not a uint32/],
    ["a fractional dstEid", { dstEid: 1.5 }, /dstEid 1.5 is not a uint32/],
    ["a 20-byte sender", { sender: `0x${"11".repeat(20)}` }, /sender .* is not 32 bytes/],
    ["a non-hex receiver", { receiver: `0x${"zz".repeat(32)}` }, /receiver/],
    ["a short guid", { guid: "0x33" }, /guid/],
    ["an odd-length message", { message: "0x123" }, /message is not hex of whole bytes/],
  ] as const)("refuses %s", (_, override, message) => {
    expect(() => encodePacket({ ...vector.packet, ...override })).toThrow(InvalidPacketError);
    expect(() => encodePacket({ ...vector.packet, ...override })).toThrow(message);
  });
});
