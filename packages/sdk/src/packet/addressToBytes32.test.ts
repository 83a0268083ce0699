import fc from "fast-check";
import { getAddress, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { InvalidAddressError } from "../errors.js";
import { addressToBytes32 } from "./addressToBytes32.js";
import { bytes32ToAddress } from "./bytes32ToAddress.js";

describe("addressToBytes32", () => {
  it("left-pads to 32 bytes, lowercase", () => {
    expect(addressToBytes32("0x00000000000000000000000000000000000000AA")).toBe(`0x${"00".repeat(31)}aa`);
    expect(addressToBytes32(getAddress(`0x${"ab".repeat(20)}`))).toBe(
      `0x${"00".repeat(12)}${"ab".repeat(20)}`,
    );
  });

  it("round-trips through bytes32ToAddress to the checksummed address", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), (bytes) => {
        const address: Hex = `0x${Buffer.from(bytes).toString("hex")}`;
        expect(bytes32ToAddress(addressToBytes32(address))).toBe(getAddress(address));
      }),
    );
  });

  it.each(["0x1234", `0x${"zz".repeat(20)}`, `0x${"11".repeat(32)}`])("refuses %s", (input) => {
    // deliberately malformed input behind the Address type
    expect(() => addressToBytes32(input as Hex)).toThrow(InvalidAddressError);
  });
});
