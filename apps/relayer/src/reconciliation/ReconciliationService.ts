import { checkInvariants, getLane, listLanes, type ProjectionState } from "@ballast/margin";
import type { Manifest } from "@ballast/sdk";
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from "@nestjs/common";
import { SchedulerRegistry } from "@nestjs/schedule";
import { Clock } from "../clock/Clock.js";
import { MANIFEST, RELAYER_CONFIG } from "../config/configTokens.js";
import type { RelayerConfig } from "../config/relayerConfigSchema.js";
import { ProjectionService, type ProjectionSnapshot } from "../projection/ProjectionService.js";
import { SerialJob } from "../schedule/SerialJob.js";
import { MessageRepository } from "../store/MessageRepository.js";
import { AccountBalanceChecker, type CheckAccountBalancesReturnType } from "./AccountBalanceChecker.js";
import type { Alert } from "./Alert.js";
import { AlertBook } from "./AlertBook.js";
import { assetsByVault } from "./assetsByVault.js";
import { buildReconciliation, type LaneStatus } from "./buildReconciliation.js";
import { ChainStateReader } from "./ChainStateReader.js";
import { DeliveryOriginChecker } from "./DeliveryOriginChecker.js";
import type { LanesReport } from "./LanesReport.js";
import { LocksPauser, type PauseLocksReturnType } from "./LocksPauser.js";
import { ReconciliationMetrics } from "./ReconciliationMetrics.js";
import type { ReconciliationRun } from "./ReconciliationRun.js";
import { toAccountFindings } from "./toAccountFindings.js";
import { toChainSnapshot } from "./toChainSnapshot.js";
import { toFinding } from "./toFinding.js";
import { toLanesReport } from "./toLanesReport.js";

/** The interval's name in the `SchedulerRegistry`. */
export const RECONCILIATION_INTERVAL = "reconciliation";

/** Discrepancies that threaten custody: with `pauseOnDiscrepancy`, the lane's vault stops taking locks. */
const PAUSING_KINDS: ReadonlySet<Alert["kind"]> = new Set([
  "laneConservation",
  "vaultSolvency",
  "duplicateDelivery",
  "messageMismatch",
  "unmatchedDelivery",
]);

/**
 * Reconciliation: every `intervals.reconcile` ms (a `SchedulerRegistry` interval; a tick while a run
 * is in progress is skipped, never overlapped), compares the projection with the chains and checks
 * the lane invariants:
 *
 * 1. refresh the projection ({@link ProjectionService}): margin's state and, per chain, the block it
 *    holds every event of;
 * 2. read each chain's contracts at exactly that block ({@link ChainStateReader}, batched), so the
 *    state and the reads cover the same fixed set of messages (no time windows);
 * 3. `checkInvariants` (invariant 1 per lane, 2 per vault asset, 4 from the projection), plus
 *    `valuedTotal` and stuck messages ({@link buildReconciliation}); deliveries indexed before their
 *    send are told apart from holes ({@link DeliveryOriginChecker});
 * 4. alert what is new ({@link AlertBook}: log, metrics, webhook) and, with
 *    `reconciliation.pauseOnDiscrepancy` and a guardian key, pause the affected vault's locks.
 *
 * GET /lanes shows the last run.
 */
@Injectable()
export class ReconciliationService implements OnApplicationBootstrap, OnModuleDestroy {
  readonly #logger = new Logger("Reconciliation");
  #last: ReconciliationRun | undefined;
  #lastError: string | undefined;
  #runs = 0;
  #pendingSince = new Map<string, number>();
  #lastAccounts: { at: number; result: CheckAccountBalancesReturnType } | undefined;
  readonly #job: SerialJob<ReconciliationRun>;

  constructor(
    @Inject(RELAYER_CONFIG) private readonly config: RelayerConfig,
    @Inject(MANIFEST) private readonly manifest: Manifest,
    private readonly projection: ProjectionService,
    private readonly reader: ChainStateReader,
    private readonly accounts: AccountBalanceChecker,
    private readonly origins: DeliveryOriginChecker,
    private readonly messages: MessageRepository,
    private readonly alerts: AlertBook,
    private readonly pauser: LocksPauser,
    private readonly metrics: ReconciliationMetrics,
    scheduler: SchedulerRegistry,
    private readonly clock: Clock,
  ) {
    this.#job = new SerialJob({
      name: RECONCILIATION_INTERVAL,
      scheduler,
      run: () => this.#runOnce(),
      onOverlap: () => this.metrics.runs.inc({ outcome: "skipped" }),
    });
  }

  onApplicationBootstrap(): void {
    this.#job.schedule(this.config.intervals.reconcile);
  }

  onModuleDestroy(): Promise<void> {
    return this.#job.stop();
  }

  /** One scheduled tick: a run, unless one is in progress (then skipped and counted). Never throws. */
  tick(): Promise<void> {
    return this.#job.tick();
  }

  /** A run that starts after any run in progress ends; resolves with it (throws what it failed with). */
  run(): Promise<ReconciliationRun> {
    return this.#job.run();
  }

  /** The last completed run, or undefined before the first. */
  last(): ReconciliationRun | undefined {
    return this.#last;
  }

  /** GET /lanes. */
  report(): LanesReport {
    return toLanesReport({
      manifest: this.manifest,
      run: this.#last,
      runs: this.#runs,
      lastError: this.#lastError,
    });
  }

  async #runOnce(): Promise<ReconciliationRun> {
    const started = this.clock.now();
    const stopTimer = this.metrics.duration.startTimer();
    try {
      const snapshot = await this.projection.refresh();
      const { state } = snapshot;
      const eids = this.manifest.chains.map(({ eid }) => eid);
      const assets = assetsByVault(this.manifest, state);
      const [{ read, unread }, accounts] = await Promise.all([
        this.reader.read({ chains: snapshot.chains, assets }),
        this.#checkAccountsIfDue(snapshot),
      ]);
      const findings = [
        ...checkInvariants(state, toChainSnapshot(read, assets, eids)).flatMap((d) => toFinding(d) ?? []),
        ...toAccountFindings(accounts.mismatches),
      ];
      const unmatched = findings.filter((f) => f.kind === "unmatchedDelivery").flatMap((f) => f.guids);
      const [skewedGuids, messageAges] = await Promise.all([
        this.origins.skewed(unmatched, read),
        this.#messageAges(state),
      ]);
      const now = this.clock.now();
      const built = buildReconciliation({
        state,
        eids,
        assets,
        reads: read,
        unread,
        findings,
        skewedGuids,
        messageAges,
        pendingSince: this.#pendingSince,
        now,
        stuckAfterMs: this.config.delivery.stuckAfterMs,
      });
      this.#pendingSince = built.pendingSince;
      const at = new Date(now);
      const changes = await this.alerts.update(built.lanes, built.vaults, at);
      const paused = await this.#pauseAffected(changes.opened);
      for (const vault of built.vaults) {
        if (paused.some((p) => p.vaultEid === vault.vaultEid && !p.alreadyPaused)) vault.locksPaused = true;
      }
      this.#countLanes(built.lanes);
      const run: ReconciliationRun = {
        at,
        durationMs: this.clock.now() - started,
        chains: [...snapshot.chains],
        unread,
        lanes: built.lanes,
        vaults: built.vaults,
        opened: changes.opened.map(({ id }) => id),
        resolved: changes.resolved.map(({ id }) => id),
        paused,
        accounts: {
          accounts: accounts.accounts,
          balances: accounts.balances,
          mismatches: accounts.mismatches.length,
          unread: accounts.unread,
        },
      };
      this.#last = run;
      this.#lastError = undefined;
      this.#runs++;
      this.metrics.runs.inc({ outcome: "ok" });
      this.metrics.lastSuccess.set(now / 1_000);
      return run;
    } catch (error) {
      this.#lastError =
        error instanceof Error ? `${error.name}: ${error.message.split("\n")[0]}` : String(error);
      this.metrics.runs.inc({ outcome: "error" });
      this.#logger.error(`reconciliation failed: ${this.#lastError}`);
      throw error;
    } finally {
      stopTimer();
    }
  }

  /**
   * The account-level check (every account's balances read: the heavy part of a run with many
   * accounts) at most every `intervals.reconcileAccounts` ms; a run in between reuses the last one.
   */
  async #checkAccountsIfDue(snapshot: ProjectionSnapshot): Promise<CheckAccountBalancesReturnType> {
    const last = this.#lastAccounts;
    if (last !== undefined && this.clock.now() - last.at < this.config.intervals.reconcileAccounts)
      return last.result;
    const at = this.clock.now();
    const result = await this.accounts.check({ state: snapshot.state, chains: snapshot.chains });
    this.#lastAccounts = { at, result };
    return result;
  }

  /** Seconds since each message in flight in the projection was indexed (its message row). */
  async #messageAges(state: ProjectionState): Promise<Map<string, number>> {
    const guids = listLanes(state).flatMap((lane) =>
      getLane(state, lane.vaultEid, lane.ledgerEid, lane.asset).inFlight.map(({ guid }) => guid),
    );
    const now = this.clock.now();
    const rows = await this.messages.getMany(guids);
    return new Map(
      rows.map((row) => [row.guid, Math.max(0, Math.floor((now - row.created_at.getTime()) / 1_000))]),
    );
  }

  /** With `pauseOnDiscrepancy` and a guardian key: pauses the vault of each lane a custody discrepancy opened on. */
  async #pauseAffected(opened: readonly Alert[]): Promise<PauseLocksReturnType[]> {
    if (!this.config.reconciliation.pauseOnDiscrepancy) return [];
    const reasons = new Map<number, string>();
    for (const alert of opened) {
      if (PAUSING_KINDS.has(alert.kind) && !reasons.has(alert.vaultEid))
        reasons.set(alert.vaultEid, alert.detail);
    }
    const out: PauseLocksReturnType[] = [];
    for (const [vaultEid, reason] of reasons) {
      if (!this.pauser.canPause(vaultEid)) continue;
      try {
        out.push(await this.pauser.pauseLocks(vaultEid, reason));
      } catch (error) {
        this.#logger.error(
          `could not pause the vault on eid ${vaultEid}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    return out;
  }

  #countLanes(lanes: readonly LaneStatus[]): void {
    this.metrics.lanes.reset();
    for (const status of ["consistent", "discrepancy", "pending", "unknown"] as const) {
      this.metrics.lanes.set({ status }, lanes.filter((lane) => lane.status === status).length);
    }
  }
}
