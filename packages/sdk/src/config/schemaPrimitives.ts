import { type Address, getAddress, isAddress } from "viem";
import { z } from "zod";

/** An EVM address in any case; parsed to its checksummed form. */
export const addressSchema = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), { message: "not an EVM address" })
  .transform((value): Address => getAddress(value));

/** A LayerZero endpoint id: a positive uint32. */
export const eidSchema = z
  .number()
  .int()
  .positive()
  .max(2 ** 32 - 1);

/** An EVM chain id: a positive safe integer. */
export const chainIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A block number as a JSON number or a decimal string (blocks can exceed 2^53 in tests); parsed to bigint. */
export const blockNumberSchema = z
  .union([
    z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    z.string().regex(/^\d+$/, "not a block number"),
  ])
  .transform((value) => BigInt(value));

/** A JSON-RPC URL over HTTP(S) or WebSocket. */
export const rpcUrlSchema = z.url({ protocol: /^(https?|wss?)$/, error: "not an http(s) or ws(s) URL" });

/** A chain's short name, used on the command line (`--chain a`) and in logs. */
export const chainNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, "lowercase letters, digits and dashes, starting with a letter");
