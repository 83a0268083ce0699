import { startPostgresServer } from "../support/postgresServer.js";
import { defineCrashSuite } from "./crashSuite.js";

// A PostgreSQL server started from the machine's Debian packages (initdb, pg_ctl).
defineCrashSuite({
  name: "PostgreSQL",
  database: async () => {
    const server = await startPostgresServer();
    return {
      database: { kind: "postgres", url: await server.createDatabase("crash") },
      stop: () => server.stop(),
    };
  },
});
