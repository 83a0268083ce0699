// Field readers for applyEvents: each checks one field of an event at run time (events may come
// from JSON or JavaScript, not only from type-checked code) and returns it normalized, or throws
// InvalidEventError naming the event and the field.
import { InvalidEventError } from "../errors.js";
import { MAX_INT256, MAX_UINT256, MIN_INT256 } from "../math/uint.js";
import type { BallastEvent } from "./events.js";

const MAX_UINT32 = 0xffff_ffff;

/**
 * 1 when `value` is "0x" and `digits` lowercase hex digits, 2 when some digits are upper case,
 * 0 when it is not hex of that length. A loop over char codes: several times cheaper than a
 * regular expression, and it tells whether lowercasing is needed at all.
 */
function hexCase(value: unknown, digits: number): 0 | 1 | 2 {
  if (typeof value !== "string" || value.length !== digits + 2) return 0;
  if (value.charCodeAt(0) !== 48 || value.charCodeAt(1) !== 120) return 0;
  let upper = false;
  for (let i = 2; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 102)) continue;
    if (c >= 65 && c <= 70) upper = true;
    else return 0;
  }
  return upper ? 2 : 1;
}

/**
 * Addresses already checked, by their text as given: the same few thousand addresses come back in
 * every event, and a map lookup is several times cheaper than the regular expression. Bounded:
 * cleared when full.
 */
const checkedAddresses = new Map<string, string>();
const CHECKED_ADDRESSES_MAX = 1 << 16;

function isInteger(value: unknown): value is number {
  return Number.isSafeInteger(value);
}

/** Throws InvalidEventError naming the event, the field and its value. */
export function fail(event: BallastEvent, field: string, value: unknown): never {
  const key =
    typeof event === "object" && event !== null && typeof event.key === "object" ? event.key : undefined;
  const type = typeof event === "object" && event !== null ? String(event.type) : "event";
  const where = key
    ? `${type} event (chain ${String(key.chainId)}, block ${String(key.blockHash)}, log ${String(key.logIndex)})`
    : `${type} event`;
  throw new InvalidEventError(`${where}: invalid ${field}: ${String(value)}`);
}

/** A positive safe-integer chain id. */
export function readChainId(event: BallastEvent, value: number): number {
  if (!isInteger(value) || value <= 0) fail(event, "key.chainId", value);
  return value;
}

/** A non-negative safe-integer log index. */
export function readLogIndex(event: BallastEvent, value: number): number {
  if (!isInteger(value) || value < 0) fail(event, "key.logIndex", value);
  return value;
}

/** A non-negative bigint block number or timestamp. */
export function readBlockField(event: BallastEvent, field: string, value: bigint): bigint {
  if (typeof value !== "bigint" || value < 0n) fail(event, field, value);
  return value;
}

/** A uint32 endpoint id. */
export function readEid(event: BallastEvent, field: string, value: number): number {
  if (!isInteger(value) || value < 0 || value > MAX_UINT32) fail(event, field, value);
  return value;
}

/** A lowercase address. */
export function readAddress(event: BallastEvent, field: string, value: string): string {
  const known = checkedAddresses.get(value);
  if (known !== undefined) return known;
  const kind = hexCase(value, 40);
  if (kind === 0) fail(event, field, value);
  const lower = kind === 1 ? value : value.toLowerCase();
  if (checkedAddresses.size >= CHECKED_ADDRESSES_MAX) checkedAddresses.clear();
  checkedAddresses.set(value, lower);
  return lower;
}

/** A lowercase bytes32. */
export function readBytes32(event: BallastEvent, field: string, value: string): string {
  const kind = hexCase(value, 64);
  if (kind === 0) fail(event, field, value);
  return kind === 1 ? value : value.toLowerCase();
}

/** A uint256 amount. */
export function readUint(event: BallastEvent, field: string, value: bigint): bigint {
  if (typeof value !== "bigint" || value < 0n || value > MAX_UINT256) fail(event, field, value);
  return value;
}

/** An int256 amount. */
export function readInt(event: BallastEvent, field: string, value: bigint): bigint {
  if (typeof value !== "bigint" || value < MIN_INT256 || value > MAX_INT256) fail(event, field, value);
  return value;
}

/** A boolean flag. */
export function readBool(event: BallastEvent, field: string, value: boolean): boolean {
  if (typeof value !== "boolean") fail(event, field, value);
  return value;
}

/** Throws InvalidEventError with `message` unless `condition` holds. */
export function check(event: BallastEvent, condition: boolean, message: string): void {
  if (!condition) fail(event, message, "inconsistent amounts");
}
