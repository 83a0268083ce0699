import { describe, expect, it } from "vitest";
import { InvalidAddressError } from "../errors.js";
import { bytes32ToAddress } from "./bytes32ToAddress.js";

describe("bytes32ToAddress", () => {
  it("returns the checksummed address in the low 20 bytes", () => {
    expect(bytes32ToAddress(`0x${"00".repeat(12)}${"ab".repeat(20)}`)).toBe(
      "0xABaBaBaBABabABabAbAbABAbABabababaBaBABaB",
    );
  });

  it("refuses a non-EVM bytes32 instead of truncating it", () => {
    expect(() => bytes32ToAddress(`0x01${"00".repeat(11)}${"ab".repeat(20)}`)).toThrow(InvalidAddressError);
    expect(() => bytes32ToAddress(`0x01${"00".repeat(11)}${"ab".repeat(20)}`)).toThrow(/upper 12 bytes/);
  });

  it("refuses a value that is not 32 bytes", () => {
    expect(() => bytes32ToAddress(`0x${"ab".repeat(20)}`)).toThrow(InvalidAddressError);
    expect(() => bytes32ToAddress(`0x${"ab".repeat(33)}`)).toThrow(InvalidAddressError);
  });
});
