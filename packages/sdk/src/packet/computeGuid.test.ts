import { describe, expect, it } from "vitest";
import { InvalidAddressError, InvalidPacketError } from "../errors.js";
import { guidVector } from "../test/vectors.js";
import { addressToBytes32 } from "./addressToBytes32.js";
import { computeGuid } from "./computeGuid.js";

describe("computeGuid", () => {
  const { nonce, srcEid, sender, dstEid, receiver, guid } = guidVector;

  it("matches the known GUID of nonce 1 on the vector path", () => {
    expect(computeGuid(nonce, srcEid, sender, dstEid, receiver)).toBe(guid);
  });

  it("takes the sender as an address or as bytes32 alike", () => {
    expect(computeGuid(nonce, srcEid, addressToBytes32(sender), dstEid, receiver)).toBe(guid);
  });

  it("changes with every field", () => {
    const variants = [
      computeGuid(2n, srcEid, sender, dstEid, receiver),
      computeGuid(nonce, srcEid + 1, sender, dstEid, receiver),
      computeGuid(nonce, srcEid, `0x${"12".repeat(20)}`, dstEid, receiver),
      computeGuid(nonce, srcEid, sender, dstEid + 1, receiver),
      computeGuid(nonce, srcEid, sender, dstEid, `0x${"22".repeat(32)}`),
      // eids swapped: packed encoding keeps field boundaries
      computeGuid(nonce, dstEid, sender, srcEid, receiver),
    ];
    expect(new Set([guid, ...variants]).size).toBe(variants.length + 1);
  });

  it("refuses out-of-range fields", () => {
    expect(() => computeGuid(2n ** 64n, srcEid, sender, dstEid, receiver)).toThrow(InvalidPacketError);
    expect(() => computeGuid(nonce, -1, sender, dstEid, receiver)).toThrow(InvalidPacketError);
    expect(() => computeGuid(nonce, srcEid, "0x1234", dstEid, receiver)).toThrow(InvalidPacketError);
    expect(() => computeGuid(nonce, srcEid, `0x${"zz".repeat(20)}`, dstEid, receiver)).toThrow(
      InvalidAddressError,
    );
  });
});
