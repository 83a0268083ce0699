import { getAddress, isAddress } from "viem";
import { z } from "zod";

/** A path's account address: 0x and 40 hex digits in any case; parsed to its checksummed form. */
export const accountAddressSchema = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), {
    message: "not an address (0x followed by 40 hex digits)",
  })
  .transform((value) => getAddress(value));
