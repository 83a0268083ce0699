import { describe, expect, it } from "vitest";
import vectors from "../../vectors/payload-vectors.json" with { type: "json" };
import { PayloadRevertError } from "../errors.js";
import { MESSAGE_LENGTH, MESSAGE_TYPE, PAYLOAD_VERSION } from "./constants.js";
import { decodeBallastMessage } from "./decodeBallastMessage.js";
import { decodeLock } from "./decodeLock.js";
import { decodeRate } from "./decodeRate.js";
import { decodeRelease } from "./decodeRelease.js";
import { encodeLock } from "./encodeLock.js";
import { encodeRate } from "./encodeRate.js";
import { encodeRelease } from "./encodeRelease.js";
import { messageType } from "./messageType.js";
import type { BallastMessage } from "./types.js";

type Vector = (typeof vectors.valid)[number];

/** A vector's message with amounts and rates as bigint. */
function messageOf(vector: Vector): BallastMessage {
  const m = vector.message;
  const asset = m.asset as `0x${string}`; // JSON strings; the vectors hold checksummed addresses
  switch (m.type) {
    case "LOCK":
      return {
        type: "LOCK",
        asset,
        beneficiary: m.beneficiary as `0x${string}`, // as above
        amount: BigInt(m.amount ?? ""),
        rate: BigInt(m.rate ?? ""),
      };
    case "RELEASE":
      return {
        type: "RELEASE",
        asset,
        recipient: m.recipient as `0x${string}`, // as above
        amount: BigInt(m.amount ?? ""),
      };
    case "RATE":
      return { type: "RATE", asset, rate: BigInt(m.rate ?? "") };
    default:
      throw new Error(`unknown vector type ${m.type}`);
  }
}

function encode(message: BallastMessage): string {
  switch (message.type) {
    case "LOCK":
      return encodeLock(message);
    case "RELEASE":
      return encodeRelease(message);
    case "RATE":
      return encodeRate(message);
  }
}

const decoders = { decodeLock, decodeRelease, decodeRate } as const;

/** The error `call` throws, as `{ name, args }` with the args as decimal strings like the vectors. */
function errorOf(call: () => unknown): { name: string; args: string[] } {
  try {
    call();
  } catch (error) {
    if (!(error instanceof PayloadRevertError)) throw error;
    return { name: error.errorName, args: error.args.map(String) };
  }
  throw new Error("expected the call to throw");
}

describe("payload vectors (shared with MsgCodecLib)", () => {
  it("has the library's constants", () => {
    expect(vectors.constants).toEqual({
      version: PAYLOAD_VERSION,
      types: MESSAGE_TYPE,
      lengths: MESSAGE_LENGTH,
    });
  });

  it("covers every type, edge values and every error", () => {
    const types = new Set(vectors.valid.map((v) => v.message.type));
    expect([...types].sort()).toEqual(["LOCK", "RATE", "RELEASE"]);
    const errors = new Set(vectors.invalid.map((v) => v.error.name));
    expect([...errors].sort()).toEqual([
      "InvalidMessageLength",
      "MessageTooShort",
      "UnexpectedMessageType",
      "UnknownMessageType",
      "UnsupportedVersion",
    ]);
    const amounts = vectors.valid.flatMap((v) => [v.message.amount, v.message.rate]);
    expect(amounts).toContain("0");
    expect(amounts).toContain((2n ** 128n - 1n).toString());
  });

  describe.each(vectors.valid.map((v) => [v.name, v] as const))("valid: %s", (_, vector) => {
    it("encodes to the vector's bytes", () => {
      expect(encode(messageOf(vector))).toBe(vector.bytes);
    });
    it("decodes to the vector's message, with every decoder that accepts its type", () => {
      const message = messageOf(vector);
      expect(messageType(vector.bytes as `0x${string}`)).toBe(message.type); // JSON string of hex
      const bytes = vector.bytes as `0x${string}`; // as above
      expect(decodeBallastMessage(bytes)).toEqual(message);
      const own = { LOCK: decodeLock, RELEASE: decodeRelease, RATE: decodeRate }[message.type];
      expect(own(bytes)).toEqual(message);
      // Uppercase hex and bytes decode the same.
      expect(decodeBallastMessage(`0x${bytes.slice(2).toUpperCase()}`)).toEqual(message);
      expect(decodeBallastMessage(Buffer.from(bytes.slice(2), "hex"))).toEqual(message);
    });
  });

  describe.each(vectors.invalid.map((v) => [v.name, v] as const))("invalid: %s", (_, vector) => {
    const bytes = vector.bytes as `0x${string}`; // JSON string of hex
    if ("decoder" in vector && typeof vector.decoder === "string") {
      const decoder = decoders[vector.decoder as keyof typeof decoders]; // one of the three names
      it(`${vector.decoder} throws ${vector.error.name}`, () => {
        expect(decoder).toBeDefined();
        expect(errorOf(() => decoder(bytes))).toEqual(vector.error);
        // The payload itself is well-formed.
        expect(() => decodeBallastMessage(bytes)).not.toThrow();
      });
    } else {
      it(`every decoder throws ${vector.error.name}`, () => {
        for (const decode of [messageType, decodeBallastMessage, decodeLock, decodeRelease, decodeRate]) {
          expect(errorOf(() => decode(bytes))).toEqual(vector.error);
        }
      });
    }
  });
});
