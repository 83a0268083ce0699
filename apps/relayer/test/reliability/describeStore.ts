import { createDatabase } from "../../src/store/createDatabase.js";
import type { CrashDatabase } from "./crashScenario.js";

/**
 * What the relayer's store holds besides delivered messages, for a failure message: every message
 * not delivered (status, attempts, lease, next attempt, last error, its recorded transactions) and
 * the chain cursors. Opens the store itself: call it only once no relayer process runs on it.
 */
export async function describeStore(database: CrashDatabase): Promise<string> {
  const db = await createDatabase(
    database.kind === "pglite" ? { dataDir: database.dataDir } : { url: database.url, maxConnections: 1 },
  );
  try {
    const now = new Date().toISOString();
    const pending = await db
      .selectFrom("messages")
      .select([
        "guid",
        "src_eid",
        "dst_eid",
        "nonce",
        "message_type",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "lease_owner",
        "lease_until",
        "sent_block_number",
      ])
      .where("status", "!=", "delivered")
      .orderBy("src_eid")
      .orderBy("nonce")
      .execute();
    const transactions = await db
      .selectFrom("transactions")
      .select(["message_guid", "purpose", "status", "nonce", "from_address", "error"])
      .where("message_guid", "in", pending.length === 0 ? [""] : pending.map(({ guid }) => guid))
      .execute();
    const cursors = await db.selectFrom("chain_cursors").selectAll().execute();
    const counts = await db
      .selectFrom("messages")
      .select(["status", db.fn.countAll<bigint>().as("n")])
      .groupBy("status")
      .execute();
    const json = (value: unknown) =>
      JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    return [
      `store at ${now}: ${json(counts)}`,
      ...pending.map(
        (row) =>
          `  ${json(row)}\n    transactions ${json(transactions.filter(({ message_guid }) => message_guid === row.guid))}`,
      ),
      `  cursors ${json(cursors)}`,
    ].join("\n");
  } finally {
    await db.destroy();
  }
}
