import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  InvalidMessageLengthError,
  MessageTooShortError,
  PayloadError,
  UnknownMessageTypeError,
  UnsupportedVersionError,
} from "../errors.js";
import { MESSAGE_LENGTH } from "./constants.js";
import { messageType } from "./messageType.js";

const hex = (bytes: Uint8Array): `0x${string}` => `0x${Buffer.from(bytes).toString("hex")}`;
const LENGTHS: Record<number, number> = {
  1: MESSAGE_LENGTH.LOCK,
  2: MESSAGE_LENGTH.RELEASE,
  3: MESSAGE_LENGTH.RATE,
};

describe("messageType", () => {
  it("follows MsgCodecLib's checks, in their order, on any bytes", () => {
    // Biased toward the interesting region: known types, version 1, lengths near the exact ones.
    const header = fc.tuple(fc.integer({ min: 0, max: 5 }), fc.constantFrom(0, 1, 1, 1, 2, 255));
    const payload = fc.oneof(
      fc.uint8Array({ maxLength: 80 }),
      fc
        .tuple(header, fc.integer({ min: 0, max: 80 }))
        .map(([[type, version], length]) => Uint8Array.from([type, version, ...new Uint8Array(length)])),
    );
    fc.assert(
      fc.property(payload, (bytes) => {
        const attempt = () => messageType(hex(bytes));
        if (bytes.length < 2) {
          expect(attempt).toThrow(new MessageTooShortError(BigInt(bytes.length)));
          return;
        }
        const [type = 0, version = 0] = bytes;
        const expected = LENGTHS[type];
        if (expected === undefined) expect(attempt).toThrow(UnknownMessageTypeError);
        else if (version !== 1) expect(attempt).toThrow(UnsupportedVersionError);
        else if (bytes.length !== expected) expect(attempt).toThrow(InvalidMessageLengthError);
        else expect(attempt()).toBe(({ 1: "LOCK", 2: "RELEASE", 3: "RATE" } as const)[type as 1 | 2 | 3]);
      }),
      { numRuns: 2_000 },
    );
  });

  it("carries the Solidity error's arguments", () => {
    const error = (() => {
      try {
        messageType(`0x0201${"00".repeat(57)}`);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidMessageLengthError);
    expect(error).toBeInstanceOf(PayloadError);
    expect(error).toMatchObject({
      errorName: "InvalidMessageLength",
      msgType: 2,
      length: 59n,
      expected: 58n,
    });
    expect((error as InvalidMessageLengthError).args).toEqual([2, 59n, 58n]); // checked just above
  });

  it("refuses input that is not hex of whole bytes", () => {
    for (const input of ["", "0x0", "0101", "0x01zz", "0x 01"]) {
      // Deliberately malformed strings typed as hex.
      expect(() => messageType(input as `0x${string}`)).toThrow(PayloadError);
      expect(() => messageType(input as `0x${string}`)).not.toThrow(UnknownMessageTypeError);
    }
  });
});
