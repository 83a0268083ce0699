// Internal helpers of the payload codec: input normalization and fixed-width fields.
import { type Address, type ByteArray, bytesToHex, getAddress, type Hex, isAddress } from "viem";
import { InvalidPayloadFieldError, PayloadError } from "../errors.js";
import { MAX_UINT128 } from "./constants.js";

const HEX_BYTES = /^0x(?:[0-9a-fA-F]{2})*$/;

/** `message` as lowercase hex of whole bytes, or a PayloadError. */
export function toPayloadHex(message: Hex | ByteArray): Hex {
  if (message instanceof Uint8Array) return bytesToHex(message);
  if (typeof message !== "string" || !HEX_BYTES.test(message)) {
    throw new PayloadError("payload is not 0x-prefixed hex of whole bytes");
  }
  // The regex proved the 0x prefix; lowercasing keeps it.
  return message.toLowerCase() as Hex;
}

/** The byte at `offset` of a validated payload. */
export function byteAt(hex: Hex, offset: number): number {
  return Number.parseInt(hex.slice(2 + 2 * offset, 4 + 2 * offset), 16);
}

/** The checksummed address in the 20 bytes at `offset`. */
export function addressAt(hex: Hex, offset: number): Address {
  return getAddress(`0x${hex.slice(2 + 2 * offset, 2 + 2 * (offset + 20))}`);
}

/** The big-endian uint128 in the 16 bytes at `offset`. */
export function uint128At(hex: Hex, offset: number): bigint {
  return BigInt(`0x${hex.slice(2 + 2 * offset, 2 + 2 * (offset + 16))}`);
}

/** The 20 bytes of an address (any case) as 40 lowercase hex digits, or an InvalidPayloadFieldError. */
export function addressField(field: string, value: unknown): string {
  if (typeof value !== "string" || !isAddress(value, { strict: false })) {
    throw new InvalidPayloadFieldError(field, `not an address: ${String(value)}`);
  }
  return value.slice(2).toLowerCase();
}

/** A uint128 as 32 hex digits, or an InvalidPayloadFieldError. */
export function uint128Field(field: string, value: unknown): string {
  if (typeof value !== "bigint" || value < 0n || value > MAX_UINT128) {
    throw new InvalidPayloadFieldError(field, `not a uint128: ${String(value)}`);
  }
  return value.toString(16).padStart(32, "0");
}

/** A byte as 2 hex digits. */
export function byteField(value: number): string {
  return value.toString(16).padStart(2, "0");
}
