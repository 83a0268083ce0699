import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase } from "../../src/store/createDatabase.js";
import { migrateToLatest } from "../../src/store/migrateToLatest.js";
import { defineCrashSuite } from "./crashSuite.js";

// PGlite in a temporary folder that survives the kills, as an operator's would.
defineCrashSuite({
  name: "PGlite",
  database: async () => {
    const dir = await mkdtemp(join(tmpdir(), "ballast-crash-pglite-"));
    const dataDir = join(dir, "pglite");
    // Created and migrated up front, while the devnet deploys: PGlite's initdb takes seconds that
    // the first run (never killed) would spend the same way.
    const db = await createDatabase({ dataDir });
    await migrateToLatest(db);
    await db.destroy();
    return {
      database: { kind: "pglite", dataDir },
      stop: () => rm(dir, { recursive: true, force: true }),
    };
  },
});
