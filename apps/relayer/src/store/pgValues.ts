import type { JsonValue } from "./StoreSchema.js";

/** Type oids the store reads as bigint: int8 and numeric (every numeric column is an integer one). */
export const BIGINT_TYPE_OIDS = [20, 1700] as const;

/**
 * Reads an int8 or numeric value from its text form as an exact bigint. The one place where
 * database numbers become JavaScript values; both backends (pg and PGlite) are configured with it.
 * Throws for a fractional value: the store keeps integers only.
 */
export function parseBigint(text: string): bigint {
  if (!/^-?\d+$/.test(text)) throw new RangeError(`not an integer: ${text}`);
  return BigInt(text);
}

/**
 * Makes decoded event arguments JSON-safe: bigints become decimal strings, arrays and objects are
 * converted member by member. Everything else that JSON cannot hold becomes its string form.
 */
export function toJsonArgs(value: unknown): JsonValue {
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(toJsonArgs);
  if (typeof value === "object") {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, member] of Object.entries(value)) out[key] = toJsonArgs(member);
    return out;
  }
  return String(value);
}

/** {@link toJsonArgs} as JSON text, what a jsonb column is written with. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(toJsonArgs(value));
}
