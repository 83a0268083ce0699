import type { ByteArray, Hex } from "viem";
import {
  InvalidMessageLengthError,
  MessageTooShortError,
  UnknownMessageTypeError,
  UnsupportedVersionError,
} from "../errors.js";
import { MESSAGE_LENGTH, MESSAGE_TYPE, type MessageTypeName, PAYLOAD_VERSION } from "./constants.js";
import { byteAt, toPayloadHex } from "./payloadBytes.js";

const NAMES: readonly (MessageTypeName | undefined)[] = (() => {
  const names: (MessageTypeName | undefined)[] = [];
  for (const [name, byte] of Object.entries(MESSAGE_TYPE)) {
    // Object.entries widens the keys of MESSAGE_TYPE to string.
    names[byte] = name as MessageTypeName;
  }
  return names;
})();

/** A payload whose header and exact length were validated. Internal. */
export interface CheckedPayload {
  hex: Hex;
  type: MessageTypeName;
}

/** Validates like `MsgCodecLib.messageType` and returns the lowercase bytes with their type. Internal. */
export function checkPayload(message: Hex | ByteArray): CheckedPayload {
  const hex = toPayloadHex(message);
  const length = (hex.length - 2) / 2;
  if (length < 2) throw new MessageTooShortError(BigInt(length));
  const typeByte = byteAt(hex, 0);
  const type = NAMES[typeByte];
  if (type === undefined) throw new UnknownMessageTypeError(typeByte);
  const version = byteAt(hex, 1);
  if (version !== PAYLOAD_VERSION) throw new UnsupportedVersionError(version);
  const expected = MESSAGE_LENGTH[type];
  if (length !== expected) throw new InvalidMessageLengthError(typeByte, BigInt(length), BigInt(expected));
  return { hex, type };
}

/**
 * The type of a Ballast payload, validated exactly as `MsgCodecLib.messageType` does, in its
 * order: at least two bytes (`MessageTooShortError`), a known type byte
 * (`UnknownMessageTypeError`), version 1 (`UnsupportedVersionError`), then exactly the type's
 * length (`InvalidMessageLengthError`). Input that is not hex of whole bytes throws `PayloadError`.
 *
 * @example
 * messageType("0x0301…"); // "RATE" (38 bytes)
 */
export function messageType(message: Hex | ByteArray): MessageTypeName {
  return checkPayload(message).type;
}
