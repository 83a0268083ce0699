import fc from "fast-check";
import { getAddress } from "viem";
import { describe, expect, it } from "vitest";
import { InvalidPayloadFieldError } from "../errors.js";
import { MAX_UINT128, MESSAGE_LENGTH } from "./constants.js";
import { decodeBallastMessage } from "./decodeBallastMessage.js";
import { decodeLock } from "./decodeLock.js";
import { decodeRate } from "./decodeRate.js";
import { decodeRelease } from "./decodeRelease.js";
import { encodeLock } from "./encodeLock.js";
import { encodeRate } from "./encodeRate.js";
import { encodeRelease } from "./encodeRelease.js";
import type { BallastMessage } from "./types.js";

const address = fc
  .uint8Array({ minLength: 20, maxLength: 20 })
  .map((bytes) => getAddress(`0x${Buffer.from(bytes).toString("hex")}`));
const uint128 = fc.oneof(fc.constantFrom(0n, 1n, MAX_UINT128), fc.bigInt({ min: 0n, max: MAX_UINT128 }));
const lock = fc.record({
  type: fc.constant("LOCK" as const),
  asset: address,
  beneficiary: address,
  amount: uint128,
  rate: uint128,
});
const release = fc.record({
  type: fc.constant("RELEASE" as const),
  asset: address,
  recipient: address,
  amount: uint128,
});
const rate = fc.record({ type: fc.constant("RATE" as const), asset: address, rate: uint128 });
const message: fc.Arbitrary<BallastMessage> = fc.oneof(lock, release, rate);

function encode(m: BallastMessage): `0x${string}` {
  if (m.type === "LOCK") return encodeLock(m);
  if (m.type === "RELEASE") return encodeRelease(m);
  return encodeRate(m);
}

describe("payload round trips", () => {
  it("decode(encode(m)) is m, for each type's decoder and decodeBallastMessage", () => {
    fc.assert(
      fc.property(lock, (m) => {
        expect(decodeLock(encodeLock(m))).toEqual(m);
      }),
    );
    fc.assert(
      fc.property(release, (m) => {
        expect(decodeRelease(encodeRelease(m))).toEqual(m);
      }),
    );
    fc.assert(
      fc.property(rate, (m) => {
        expect(decodeRate(encodeRate(m))).toEqual(m);
      }),
    );
    fc.assert(
      fc.property(message, (m) => {
        const bytes = encode(m);
        expect((bytes.length - 2) / 2).toBe(MESSAGE_LENGTH[m.type]);
        expect(decodeBallastMessage(bytes)).toEqual(m);
      }),
    );
  });

  it("encode(decode(bytes)) is bytes for any body behind a valid header", () => {
    const valid = fc
      .constantFrom("LOCK", "RELEASE", "RATE")
      .chain((type) =>
        fc
          .uint8Array({ minLength: MESSAGE_LENGTH[type] - 2, maxLength: MESSAGE_LENGTH[type] - 2 })
          .map(
            (body) =>
              `0x0${{ LOCK: 1, RELEASE: 2, RATE: 3 }[type]}01${Buffer.from(body).toString("hex")}` as const,
          ),
      );
    fc.assert(
      fc.property(valid, (bytes) => {
        expect(encode(decodeBallastMessage(bytes))).toBe(bytes);
      }),
    );
  });

  it("any prefix or extension of a valid payload is refused", () => {
    fc.assert(
      fc.property(message, fc.integer({ min: -40, max: 40 }), (m, delta) => {
        fc.pre(delta !== 0);
        const bytes = encode(m);
        const changed =
          delta < 0 ? bytes.slice(0, Math.max(2, bytes.length + 2 * delta)) : `${bytes}${"00".repeat(delta)}`;
        expect(() => decodeBallastMessage(changed as `0x${string}`)).toThrow(); // a hex string by construction
      }),
    );
  });

  it("refuses fields that do not fit, naming the field", () => {
    const zero = "0x0000000000000000000000000000000000000000";
    const cases: [() => unknown, string][] = [
      [() => encodeLock({ asset: zero, beneficiary: zero, amount: MAX_UINT128 + 1n, rate: 0n }), "amount"],
      [() => encodeLock({ asset: zero, beneficiary: zero, amount: 0n, rate: -1n }), "rate"],
      [() => encodeLock({ asset: "0x1234", beneficiary: zero, amount: 0n, rate: 0n }), "asset"],
      [() => encodeRelease({ asset: zero, recipient: `0x${"g".repeat(40)}`, amount: 0n }), "recipient"],
      [() => encodeRelease({ asset: zero, recipient: zero, amount: 2n ** 128n }), "amount"],
      [() => encodeRate({ asset: zero, rate: 2n ** 200n }), "rate"],
    ];
    for (const [call, field] of cases) {
      expect(call).toThrow(InvalidPayloadFieldError);
      expect(call).toThrow(new RegExp(`^${field}: `));
    }
  });

  it("accepts addresses in any case and encodes them lowercase", () => {
    const asset = "0xA0B86991C6218B36C1D19D4A2E9EB0CE3606EB48";
    expect(encodeRate({ asset, rate: 1n })).toBe(
      `0x0301a0b86991c6218b36c1d19d4a2e9eb0ce3606eb48${"00".repeat(15)}01`,
    );
  });
});
