import { getAddress, isAddress } from "viem";
import { z } from "zod";

/** A path's endpoint id: a decimal uint32. */
export const eidParamSchema = z.coerce
  .number({ message: "not a number" })
  .int("not an integer")
  .min(1, "not an endpoint id")
  .max(0xffff_ffff, "not an endpoint id");

/** A path's asset address, parsed to its checksummed form. */
export const assetParamSchema = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), {
    message: "not an address (0x followed by 40 hex digits)",
  })
  .transform((value) => getAddress(value));
