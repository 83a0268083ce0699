import { Inject, Injectable, Logger, type OnApplicationShutdown } from "@nestjs/common";
import pg from "pg";
import { STORE_OPTIONS, type StoreModuleOptions } from "./storeOptions.js";

/**
 * Named locks that make one replica among several on a PostgreSQL server the only holder of a role
 * (the keeper, a replica id). On PostgreSQL they are session advisory locks
 * (`pg_try_advisory_lock(hashtextextended(name, 0))`) on one dedicated connection, outside the
 * pool: the server frees them when that connection ends, so a replica that dies (even by SIGKILL)
 * hands its roles on without anyone waiting for a timeout. If the connection fails, every lock is
 * taken as lost at once and tried again on the next call. A holder that vanishes without closing
 * its connection (its machine or network gone) keeps its locks until TCP keepalive gives up on it
 * (from 10 s idle, then the system's probe interval and count: minutes). On PGlite the database belongs to one
 * process, which holds every lock.
 *
 * A lock is never waited for: {@link tryHold} answers at once, so a standby replica checks again on
 * its next run.
 */
@Injectable()
export class ReplicaLocks implements OnApplicationShutdown {
  readonly #logger = new Logger("ReplicaLocks");
  readonly #url: string | undefined;
  #client: Promise<pg.Client> | undefined;
  readonly #held = new Set<string>();
  #closed = false;

  constructor(@Inject(STORE_OPTIONS) options: StoreModuleOptions) {
    this.#url = options.url;
  }

  /** Whether this process holds `name` (taking it when free); false when another replica holds it. */
  async tryHold(name: string): Promise<boolean> {
    if (this.#url === undefined) return true;
    if (this.#held.has(name)) return true;
    if (this.#closed) return false;
    const client = await this.#connect();
    const { rows } = await client.query<{ held: boolean }>(
      "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS held",
      [lockName(name)],
    );
    const held = rows[0]?.held === true;
    if (held) {
      this.#held.add(name);
      this.#logger.log(`holding ${name}`);
    }
    return held;
  }

  /** Whether this process currently holds `name` (without trying to take it). */
  holds(name: string): boolean {
    return this.#url === undefined || this.#held.has(name);
  }

  /** Gives `name` back, when held. */
  async release(name: string): Promise<void> {
    if (this.#url === undefined || !this.#held.delete(name)) return;
    const client = await this.#client;
    await client?.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [lockName(name)]);
  }

  /** Ends the lock connection: every lock is freed on the server. */
  async onApplicationShutdown(): Promise<void> {
    this.#closed = true;
    const client = this.#client;
    this.#client = undefined;
    this.#held.clear();
    if (client !== undefined) await (await client.catch(() => undefined))?.end();
  }

  #connect(): Promise<pg.Client> {
    if (this.#client !== undefined) return this.#client;
    const client = new pg.Client({
      connectionString: this.#url,
      application_name: "ballast-replica-locks",
      // A holder whose machine or network died (no FIN) is noticed by TCP keepalive, in minutes
      // rather than the hours of the system default, and the server frees its locks then.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    const lost = (reason: string) => {
      if (this.#held.size > 0)
        this.#logger.warn(`lock connection ${reason}: released ${[...this.#held].join(", ")}`);
      this.#held.clear();
      this.#client = undefined;
    };
    client.on("error", (error) => lost(`failed (${error.message})`));
    client.on("end", () => {
      if (!this.#closed) lost("ended");
    });
    const connecting = client.connect().then(
      () => client,
      (error: unknown) => {
        this.#client = undefined;
        throw error;
      },
    );
    this.#client = connecting;
    return connecting;
  }
}

/** The key space of Ballast's locks, apart from anything else on the same server. */
function lockName(name: string): string {
  return `ballast-relayer:${name}`;
}
