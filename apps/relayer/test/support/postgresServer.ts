import { execFile } from "node:child_process";
import { access, chown, mkdtemp, realpath, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

/** A PostgreSQL server this process started from the machine's binaries. */
export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` (trust authentication, loopback only). */
  url: string;
  port: number;
  /** The server's major version. */
  version: string;
  /** A URL of a fresh, empty database on this server. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and deletes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** The binaries could not be found or the server would not start. */
export class PostgresServerError extends Error {
  override name = "PostgresServerError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

const CANDIDATE_BIN_DIRS = [
  "/usr/local/bin",
  "/usr/lib/postgresql/18/bin",
  "/usr/lib/postgresql/17/bin",
  "/usr/lib/postgresql/16/bin",
  "/usr/lib/postgresql/15/bin",
  "/usr/lib/postgresql/14/bin",
];

async function findBinDir(): Promise<string> {
  for (const dir of CANDIDATE_BIN_DIRS) {
    try {
      await access(join(dir, "initdb"));
      await access(join(dir, "pg_ctl"));
      // /usr/local/bin holds links into the versioned folder, which also has `postgres`.
      return join(await realpath(join(dir, "initdb")), "..");
    } catch {}
  }
  throw new PostgresServerError(
    `PostgreSQL binaries (initdb, pg_ctl) not found in ${CANDIDATE_BIN_DIRS.join(", ")}: install Debian's postgresql package`,
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address === null || typeof address === "string") reject(new PostgresServerError("no port"));
        else resolve(address.port);
      });
    });
  });
}

/** PostgreSQL refuses to run as root: as root, the server runs as the `postgres` system user. */
async function asServerUser(): Promise<{
  wrap: (bin: string, args: string[]) => [string, string[]];
  owner?: { uid: number; gid: number };
}> {
  if (process.getuid?.() !== 0) return { wrap: (bin, args) => [bin, args] };
  let uid: number;
  let gid: number;
  try {
    const [{ stdout: u }, { stdout: g }] = await Promise.all([
      run("id", ["-u", "postgres"]),
      run("id", ["-g", "postgres"]),
    ]);
    uid = Number(u.trim());
    gid = Number(g.trim());
  } catch (cause) {
    throw new PostgresServerError("running as root and there is no `postgres` user to run the server as", {
      cause,
    });
  }
  return {
    wrap: (bin, args) => ["setpriv", [`--reuid=${uid}`, `--regid=${gid}`, "--clear-groups", bin, ...args]],
    owner: { uid, gid },
  };
}

/**
 * Starts a throwaway PostgreSQL server: `initdb` into a temp folder, `pg_ctl start` on a free
 * loopback port (fsync off: tests only), trust authentication. Throws
 * {@link PostgresServerError} with what is missing when it cannot; it never skips.
 *
 * @example
 * const server = await startPostgresServer();
 * const url = await server.createDatabase("relayer_test");
 * await server.stop();
 */
export async function startPostgresServer(): Promise<PostgresServer> {
  const binDir = await findBinDir();
  const user = await asServerUser();
  const dir = await mkdtemp(join(tmpdir(), "ballast-pg-"));
  const dataDir = join(dir, "data");
  if (user.owner !== undefined) await chown(dir, user.owner.uid, user.owner.gid);
  const exec = async (bin: string, args: string[]) => {
    const [file, argv] = user.wrap(join(binDir, bin), args);
    return run(file, argv, { cwd: dir });
  };
  let started = false;
  let port = 0;
  try {
    await exec("initdb", [
      "-D",
      dataDir,
      "-U",
      "postgres",
      "-A",
      "trust",
      "--no-sync",
      "-E",
      "UTF8",
      "--locale=C",
    ]);
    let lastError: unknown;
    for (let attempt = 0; attempt < 3 && !started; attempt++) {
      port = await freePort();
      try {
        await exec("pg_ctl", [
          "-D",
          dataDir,
          "-l",
          join(dir, "server.log"),
          "-w",
          "-t",
          "30",
          "-o",
          `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
          "start",
        ]);
        started = true;
      } catch (error) {
        lastError = error; // most likely the port was taken between the probe and the start
      }
    }
    if (!started) throw new PostgresServerError("pg_ctl could not start the server", { cause: lastError });
    const { stdout } = await exec("postgres", ["--version"]).catch(() => ({ stdout: "unknown" }));
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    let stopped = false;
    return {
      url,
      port,
      version: stdout.trim(),
      async createDatabase(name) {
        if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new PostgresServerError(`bad database name ${name}`);
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`create database ${name}`);
        } finally {
          await client.end();
        }
        return `postgres://postgres@127.0.0.1:${port}/${name}`;
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        await exec("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (started)
      await exec("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    throw error instanceof PostgresServerError
      ? error
      : new PostgresServerError(`PostgreSQL failed to start from ${binDir}`, { cause: error });
  }
}
