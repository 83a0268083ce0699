import { describe, expect, it } from "vitest";
import { InvalidPacketError } from "../errors.js";
import { vector } from "../test/vectors.js";
import { computePayloadHash } from "./computePayloadHash.js";

describe("computePayloadHash", () => {
  it("hashes guid and message together", () => {
    expect(computePayloadHash(vector.packet)).toBe(vector.payloadHash);
  });

  it("differs when the message differs by one byte", () => {
    expect(computePayloadHash({ ...vector.packet, message: "0x0100009ca6" })).not.toBe(vector.payloadHash);
  });

  it("refuses a guid that is not 32 bytes", () => {
    expect(() => computePayloadHash({ guid: "0x33", message: "0x" })).toThrow(InvalidPacketError);
  });
});
