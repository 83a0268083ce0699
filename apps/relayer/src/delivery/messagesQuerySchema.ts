import { z } from "zod";
import { MESSAGE_STATUSES } from "../store/StoreSchema.js";

/** `GET /messages` query: optional status and pathway ends, and how many (oldest first). */
export const listMessagesQuerySchema = z.strictObject({
  status: z.enum(MESSAGE_STATUSES).optional(),
  srcEid: z.coerce.number().int().positive().optional(),
  dstEid: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
});

/** The parsed `GET /messages` query. */
export type ListMessagesQuery = z.output<typeof listMessagesQuerySchema>;

/** A LayerZero guid in a route: 32 bytes of hex. */
export const guidSchema = z.string().regex(/^0x[0-9a-fA-F]{64}$/, "not a guid (0x and 64 hex digits)");
