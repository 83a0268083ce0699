/** What a {@link HealthIndicator} found. */
export interface HealthIndicatorResult {
  ok: boolean;
  /** Why it is not ok (short, one line). */
  error?: string | undefined;
}

/**
 * A readiness check beyond the chains' (the database's, for one). Any provider of any module that
 * extends this class is found at start and run by every GET /health; its result is listed under
 * `checks` with its `name`, and a failing one makes the status "degraded".
 *
 * @example
 * \@Injectable()
 * export class DatabaseHealthIndicator extends HealthIndicator {
 *   readonly name = "database";
 *   async check() { await this.db.selectNoFrom(sql`1`.as("one")).execute(); return { ok: true }; }
 * }
 */
export abstract class HealthIndicator {
  /** Shown in the report, e.g. "database". */
  abstract readonly name: string;
  /** Must not throw for an unhealthy dependency (a throw counts as not ok, with its message). */
  abstract check(): Promise<HealthIndicatorResult>;
}
