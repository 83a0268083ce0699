import type { LedgerAccount } from "@ballast/sdk";
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from "@nestjs/common";
import { SchedulerRegistry } from "@nestjs/schedule";
import type { Address } from "viem";
import { ChainRegistry } from "../chains/ChainRegistry.js";
import { Clock } from "../clock/Clock.js";
import { RELAYER_CONFIG } from "../config/configTokens.js";
import type { RelayerConfig } from "../config/relayerConfigSchema.js";
import { SerialJob } from "../schedule/SerialJob.js";
import { ReplicaLocks } from "../store/ReplicaLocks.js";
import { AccountValuer } from "./AccountValuer.js";
import { CandidateAccounts } from "./CandidateAccounts.js";
import { CollateralLiquidator } from "./CollateralLiquidator.js";
import { describeRevert } from "./describeRevert.js";
import { KeeperMetrics } from "./KeeperMetrics.js";
import type { KeeperRunReport, LiquidationOutcome } from "./KeeperRunReport.js";
import { LedgerContext } from "./LedgerContext.js";
import { mapInBatches } from "./mapInBatches.js";
import { PositionLiquidator } from "./PositionLiquidator.js";
import { RateSyncer } from "./RateSyncer.js";

/** The interval's name in the `SchedulerRegistry`. */
export const KEEPER_INTERVAL = "keeper";

/** The {@link ReplicaLocks} name of the keeper role: one replica liquidates and syncs rates at a time. */
export const KEEPER_LOCK = "keeper";

interface Valued {
  ledgerEid: number;
  address: Address;
  account: LedgerAccount;
}

/**
 * The keeper: every `intervals.keeper` ms (a `SchedulerRegistry` interval; a tick while a run is in
 * progress is skipped, never overlapped), when a keeper key is configured (otherwise it logs once
 * that it is idle and schedules nothing):
 *
 * 1. rate sync ({@link RateSyncer}): share rates the ledgers use, brought in line with the vaults';
 * 2. candidates ({@link CandidateAccounts}): per ledger chain, the accounts of its stored ledger and
 *    market events; each valued on that ledger ({@link AccountValuer}, `keeper.batchSize` at a time);
 * 3. positions ({@link PositionLiquidator}) of every account below maintenance margin;
 * 4. collateral ({@link CollateralLiquidator}) of the accounts still below maintenance with negative
 *    cash (valued again after a position liquidation).
 *
 * With several replicas on one PostgreSQL server, only the holder of the keeper lock
 * ({@link ReplicaLocks}) runs; the others report `standby` and try to take it each run, so the role
 * moves on as soon as its holder's database session ends.
 *
 * Every liquidation is sent only when profitable after gas and re-checked with `isLiquidatable`
 * right before sending; a refusal or revert is logged with its decoded error and the account comes
 * up again next run.
 */
@Injectable()
export class KeeperService implements OnApplicationBootstrap, OnModuleDestroy {
  readonly #logger = new Logger("Keeper");
  #last: KeeperRunReport | undefined;
  readonly #job: SerialJob<KeeperRunReport>;

  constructor(
    @Inject(RELAYER_CONFIG) private readonly config: RelayerConfig,
    private readonly chains: ChainRegistry,
    private readonly candidates: CandidateAccounts,
    private readonly valuer: AccountValuer,
    private readonly positions: PositionLiquidator,
    private readonly collateral: CollateralLiquidator,
    private readonly rates: RateSyncer,
    private readonly metrics: KeeperMetrics,
    private readonly locks: ReplicaLocks,
    scheduler: SchedulerRegistry,
    private readonly clock: Clock,
  ) {
    this.#job = new SerialJob({
      name: KEEPER_INTERVAL,
      scheduler,
      run: () => this.#runOnce(),
      onOverlap: () => this.metrics.runs.inc({ outcome: "overlap" }),
    });
  }

  /** The keeper's address, or undefined when no chain has a keeper wallet (idle). */
  keeperAddress(): Address | undefined {
    for (const chain of this.chains.all()) {
      const wallet = this.chains.wallet(chain.manifest.eid, "keeper");
      if (wallet !== undefined) return wallet.account.address;
    }
    return undefined;
  }

  onApplicationBootstrap(): void {
    const keeper = this.keeperAddress();
    if (keeper === undefined) {
      this.#logger.log("idle: no keeper key (BALLAST_KEEPER_KEY), so no liquidations and no rate syncs");
      return;
    }
    const interval = this.config.intervals.keeper;
    this.#logger.log(`keeper ${keeper}: liquidations and rate syncs every ${interval} ms`);
    this.#job.schedule(interval);
  }

  onModuleDestroy(): Promise<void> {
    return this.#job.stop();
  }

  /** One scheduled tick: a run, unless one is in progress (then skipped and counted). Never throws. */
  tick(): Promise<void> {
    return this.#job.tick();
  }

  /** A run that starts after any run in progress ends; resolves with it (throws what it failed with). */
  run(): Promise<KeeperRunReport> {
    return this.#job.run();
  }

  /** The last completed run, or undefined before the first. */
  last(): KeeperRunReport | undefined {
    return this.#last;
  }

  async #runOnce(): Promise<KeeperRunReport> {
    const startedAt = this.clock.now();
    const started = performance.now();
    const report: KeeperRunReport = {
      idle: this.keeperAddress() === undefined,
      standby: false,
      startedAt,
      durationMs: 0,
      candidates: 0,
      liquidatable: 0,
      liquidations: [],
      rateSyncs: [],
      errors: [],
    };
    if (report.idle) {
      this.#last = report;
      return report;
    }
    // One keeper among replicas on a PostgreSQL server: the others stand by and try again next run.
    if (!(await this.locks.tryHold(KEEPER_LOCK))) {
      report.standby = true;
      this.metrics.runs.inc({ outcome: "standby" });
      this.#last = report;
      return report;
    }
    try {
      const rates = await this.rates.run();
      report.rateSyncs = rates.outcomes;
      report.errors.push(...rates.errors);
      await this.#liquidate(report);
      this.metrics.runs.inc({ outcome: report.errors.length === 0 ? "ok" : "error" });
    } catch (error) {
      report.errors.push(describeRevert(error).summary);
      this.metrics.runs.inc({ outcome: "error" });
      throw error;
    } finally {
      report.durationMs = performance.now() - started;
      this.metrics.lastRunDuration.set(report.durationMs / 1_000);
      for (const error of report.errors) this.#logger.warn(error);
      this.#last = report;
    }
    return report;
  }

  async #liquidate(report: KeeperRunReport): Promise<void> {
    const byLedger = await this.candidates.refresh();
    const pairs = [...byLedger].flatMap(([ledgerEid, accounts]) =>
      this.chains.wallet(ledgerEid, "keeper") === undefined
        ? []
        : accounts.map((address) => ({ ledgerEid, address })),
    );
    report.candidates = new Set(pairs.map(({ address }) => address)).size;
    this.metrics.candidates.set(report.candidates);
    const valued = await this.#value(pairs, report);
    const liquidatable = valued.filter(({ account }) => account.liquidatable);
    report.liquidatable = liquidatable.length;
    this.metrics.liquidatable.set(liquidatable.length);

    for (const ledgerEid of new Set(liquidatable.map(({ ledgerEid }) => ledgerEid))) {
      const wallet = this.chains.wallet(ledgerEid, "keeper");
      if (wallet === undefined) continue;
      const context = new LedgerContext(this.chains.byEid(ledgerEid), wallet);
      const accounts = liquidatable.filter((v) => v.ledgerEid === ledgerEid);
      try {
        // Positions first: closing one realizes its PnL and penalty into cash.
        const changed: Valued[] = [];
        for (const v of accounts) {
          const outcomes = await this.positions.liquidate(context, v.account, v.address);
          report.liquidations.push(...outcomes);
          if (outcomes.some((o) => o.status === "succeeded")) changed.push(v);
        }
        // Then collateral of those still below maintenance with debt, valued again where a position closed.
        const revalued = await this.#value(changed, report);
        const current = accounts.map(
          (v) => revalued.find((r) => r.ledgerEid === v.ledgerEid && r.address === v.address) ?? v,
        );
        for (const v of current) {
          const outcome = await this.collateral.liquidate(context, v.account, v.address);
          if (outcome !== undefined) report.liquidations.push(outcome);
        }
      } catch (error) {
        report.errors.push(`liquidations on ${context.name}: ${describeRevert(error).summary}`);
      }
    }
    countOutcomes(report.liquidations, this.#logger);
  }

  /** Values (account, ledger) pairs in batches; an account that cannot be valued is reported and left out. */
  async #value(pairs: readonly { ledgerEid: number; address: Address }[], report: KeeperRunReport) {
    const results = await mapInBatches(pairs, this.config.keeper.batchSize, async (pair) => ({
      ...pair,
      account: await this.valuer.value(pair.ledgerEid, pair.address),
    }));
    const valued: Valued[] = [];
    for (const [i, result] of results.entries()) {
      if (result.ok) valued.push(result.value);
      else {
        const pair = pairs[i];
        report.errors.push(
          `could not value ${pair?.address} on eid ${pair?.ledgerEid}: ${describeRevert(result.error).summary}`,
        );
      }
    }
    return valued;
  }
}

/** A debug line per run with what the liquidations came to. */
function countOutcomes(outcomes: readonly LiquidationOutcome[], logger: Logger): void {
  if (outcomes.length === 0) return;
  const count = (status: LiquidationOutcome["status"]) => outcomes.filter((o) => o.status === status).length;
  logger.debug(
    `liquidations: ${count("succeeded")} succeeded, ${count("failed")} failed, ${count("skipped")} skipped`,
  );
}
