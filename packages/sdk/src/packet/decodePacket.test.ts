import { type Hex, toHex } from "viem";
import { describe, expect, it } from "vitest";
import { InvalidPacketError } from "../errors.js";
import { vector } from "../test/vectors.js";
import { decodePacket } from "./decodePacket.js";

describe("decodePacket", () => {
  it("reads every field of the hand-built vector", () => {
    expect(decodePacket(vector.bytes)).toEqual(vector.packet);
  });

  it("accepts the 113-byte minimum with an empty message", () => {
    const headerAndGuid: Hex = vector.bytes.slice(0, 2 + 113 * 2) as Hex; // a prefix of hex is hex
    expect(decodePacket(headerAndGuid)).toEqual({ ...vector.packet, message: "0x" });
  });

  it("decodes upper-case hex to lowercase fields", () => {
    const upper: Hex = `0x${vector.bytes.slice(2).toUpperCase()}`;
    expect(decodePacket(upper)).toEqual(vector.packet);
  });

  it("reads the largest nonce and eids as unsigned", () => {
    const max: Hex = `0x01${"ff".repeat(8)}${"ff".repeat(4)}${"00".repeat(32)}${"ff".repeat(4)}${"00".repeat(64)}`;
    const packet = decodePacket(max);
    expect(packet.nonce).toBe(2n ** 64n - 1n);
    expect(packet.srcEid).toBe(2 ** 32 - 1);
    expect(packet.dstEid).toBe(2 ** 32 - 1);
  });

  it.each([
    ["version 2", `0x02${vector.bytes.slice(4)}`, /version 2 is not supported/],
    ["version 0", `0x00${vector.bytes.slice(4)}`, /version 0 is not supported/],
    ["112 bytes", vector.bytes.slice(0, 2 + 112 * 2), /112 bytes, shorter than the 113-byte/],
    ["an empty packet", "0x", /0 bytes/],
    ["an odd number of hex digits", `${vector.bytes}0`, /not hex of whole bytes/],
    ["non-hex characters", `${vector.bytes.slice(0, -2)}zz`, /not hex/],
    ["a missing 0x prefix", vector.bytes.slice(2), /not hex/],
  ])("refuses %s", (_, input, message) => {
    // The cases are deliberately malformed: the type says hex, the value may not be.
    const call = () => decodePacket(input as Hex);
    expect(call).toThrow(InvalidPacketError);
    expect(call).toThrow(message);
  });

  it("refuses a header with a truncated guid even when the version is right", () => {
    const truncated = toHex(new Uint8Array(100).fill(1));
    expect(() => decodePacket(truncated)).toThrow(/100 bytes/);
  });
});
