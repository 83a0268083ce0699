import { isHex } from "viem";
import { InvalidPacketError } from "../errors.js";
import { MAX_UINT32, MAX_UINT64 } from "./constants.js";
import type { Packet } from "./types.js";

/** Whether `value` is `0x`-prefixed hex with whole bytes, of `bytes` bytes when given. */
function isBytes(value: unknown, bytes?: number): boolean {
  if (typeof value !== "string" || !isHex(value, { strict: true }) || value.length % 2 !== 0) return false;
  return bytes === undefined || value.length === 2 + 2 * bytes;
}

/**
 * Throws {@link InvalidPacketError} unless every field present is encodable: nonce a uint64,
 * eids uint32, sender/receiver/guid 32 bytes, message whole bytes. Internal to the codec.
 */
export function assertPacketFields(fields: Partial<Packet>): void {
  const { nonce, srcEid, sender, dstEid, receiver, guid, message } = fields;
  if (nonce !== undefined && (typeof nonce !== "bigint" || nonce < 0n || nonce > MAX_UINT64)) {
    throw new InvalidPacketError(`nonce ${String(nonce)} is not a uint64`);
  }
  for (const [name, eid] of [
    ["srcEid", srcEid],
    ["dstEid", dstEid],
  ] as const) {
    if (eid !== undefined && (!Number.isInteger(eid) || eid < 0 || eid > MAX_UINT32)) {
      throw new InvalidPacketError(`${name} ${String(eid)} is not a uint32`);
    }
  }
  for (const [name, value] of [
    ["sender", sender],
    ["receiver", receiver],
    ["guid", guid],
  ] as const) {
    if (value !== undefined && !isBytes(value, 32)) {
      throw new InvalidPacketError(`${name} ${String(value)} is not 32 bytes of hex`);
    }
  }
  if (message !== undefined && !isBytes(message)) {
    throw new InvalidPacketError("message is not hex of whole bytes");
  }
}
