import pg from "pg";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { createTestPostgresDatabase, stopTestPostgres } from "../../test/support/testDatabase.js";
import { ReplicaLocks } from "./ReplicaLocks.js";

const opened: ReplicaLocks[] = [];
function locks(url: string | undefined): ReplicaLocks {
  const replica = new ReplicaLocks({ url, dataDir: "memory://" });
  opened.push(replica);
  return replica;
}

afterEach(async () => {
  for (const replica of opened.splice(0)) await replica.onApplicationShutdown();
});

afterAll(async () => {
  await stopTestPostgres();
});

describe("ReplicaLocks", () => {
  test("on PGlite the one process holds every lock", async () => {
    const replica = locks(undefined);
    expect(await replica.tryHold("keeper")).toBe(true);
    expect(replica.holds("anything")).toBe(true);
  });

  test("on PostgreSQL one replica holds a name; the other gets it once the holder releases or shuts down", async () => {
    const url = await createTestPostgresDatabase();
    const first = locks(url);
    const second = locks(url);
    expect(await first.tryHold("keeper")).toBe(true);
    expect(await first.tryHold("keeper")).toBe(true); // held: no second lock taken
    expect(await second.tryHold("keeper")).toBe(false);
    expect(second.holds("keeper")).toBe(false);
    // Names are independent.
    expect(await second.tryHold("replica:r2")).toBe(true);
    expect(await first.tryHold("replica:r2")).toBe(false);

    await first.release("keeper");
    expect(first.holds("keeper")).toBe(false);
    expect(await second.tryHold("keeper")).toBe(true);
    expect(await first.tryHold("keeper")).toBe(false);

    await second.onApplicationShutdown();
    expect(await first.tryHold("keeper")).toBe(true);
    expect(await first.tryHold("replica:r2")).toBe(true);
    expect(await second.tryHold("keeper")).toBe(false); // shut down: never holds again
  });

  test("a holder whose session dies (as by SIGKILL) loses its locks at once, and knows it", async () => {
    const url = await createTestPostgresDatabase();
    const dying = locks(url);
    const standby = locks(url);
    expect(await dying.tryHold("keeper")).toBe(true);
    expect(await standby.tryHold("keeper")).toBe(false);
    // The server ends the holder's session, as it does when the process is killed.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const { rowCount } = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ballast-replica-locks' AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)",
      );
      expect(rowCount).toBe(1);
    } finally {
      await admin.end();
    }
    await expect.poll(() => dying.holds("keeper")).toBe(false);
    expect(await standby.tryHold("keeper")).toBe(true);
    // The dead holder reconnects and finds the role taken.
    expect(await dying.tryHold("keeper")).toBe(false);
  });
});
