import { type Kysely, sql } from "kysely";

/**
 * `messages.source_reorged_at`: set when a reorg removed the block of a message's `PacketSent`
 * after the destination had verified (or delivered) it; the relayer never delivers such a message
 * until its packet is indexed again in a block of the canonical chain (which clears it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table messages add column source_reorged_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table messages drop column source_reorged_at`.execute(db);
}
