import { InvalidInputError } from "../errors.js";

/** A 20-byte address as 0x-prefixed hex. Any case is accepted; the projection stores and returns lowercase. */
export type Address = `0x${string}`;

/** A 32-byte value (block hash, LayerZero guid) as 0x-prefixed hex; stored and returned lowercase. */
export type Hex = `0x${string}`;

/** The guid of a same-chain lock or release, which sends no LayerZero message. */
export const ZERO_GUID: Hex = `0x${"0".repeat(64)}`;

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

/** `value` lowercased, or throws when it is not a 20-byte hex address. */
export function normalizeAddress(value: unknown, what = "address"): Address {
  if (typeof value !== "string" || !ADDRESS.test(value)) {
    throw new InvalidInputError(`${what} must be a 20-byte 0x-prefixed hex address, got ${String(value)}`);
  }
  // The regex proved the 0x prefix, which is all the template literal type asks.
  return value.toLowerCase() as Address;
}

/** `value` lowercased, or throws when it is not 32 bytes of 0x-prefixed hex. */
export function normalizeBytes32(value: unknown, what = "bytes32"): Hex {
  if (typeof value !== "string" || !BYTES32.test(value)) {
    throw new InvalidInputError(`${what} must be 32 bytes of 0x-prefixed hex, got ${String(value)}`);
  }
  // The regex proved the 0x prefix, which is all the template literal type asks.
  return value.toLowerCase() as Hex;
}
