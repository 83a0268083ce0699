import { Injectable } from "@nestjs/common";
import { Counter, Gauge, Registry } from "prom-client";

/** The keeper's metrics, on the relayer's registry. `kind` is `position` or `collateral`. */
@Injectable()
export class KeeperMetrics {
  /** `ballast_keeper_liquidations_sent_total{kind}`: liquidation transactions submitted to the node. */
  readonly sent: Counter<"kind">;
  /** `ballast_keeper_liquidations_succeeded_total{kind}`: mined successfully. */
  readonly succeeded: Counter<"kind">;
  /** `ballast_keeper_liquidations_failed_total{kind,reason}`: reverted on chain or not accepted, by error name. */
  readonly failed: Counter<"kind" | "reason">;
  /**
   * `ballast_keeper_liquidations_skipped_total{kind,reason}`: liquidatable but not sent (`unprofitable`,
   * `no_funds`, `paused`, `price_unusable`, `not_liquidatable`, `refused`, `pending`, `no_collateral`).
   */
  readonly skipped: Counter<"kind" | "reason">;
  /** `ballast_keeper_rate_syncs_sent_total{vault,ledger}`: `syncRate` transactions submitted, by chain name. */
  readonly rateSyncs: Counter<"vault" | "ledger">;
  /** `ballast_keeper_rate_syncs_failed_total{vault,ledger}`. */
  readonly rateSyncFailures: Counter<"vault" | "ledger">;
  /** `ballast_keeper_runs_total{outcome}`: runs completed (`ok`), failed (`error`), skipped (`overlap`) or left to the replica holding the keeper lock (`standby`). */
  readonly runs: Counter<"outcome">;
  /** `ballast_keeper_last_run_duration_seconds`. */
  readonly lastRunDuration: Gauge;
  /** `ballast_keeper_candidate_accounts`: accounts valued by the last run. */
  readonly candidates: Gauge;
  /** `ballast_keeper_liquidatable_accounts`: (account, ledger) pairs below maintenance at the last run. */
  readonly liquidatable: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.sent = new Counter({
      name: "ballast_keeper_liquidations_sent_total",
      help: "Liquidation transactions the keeper submitted",
      labelNames: ["kind"],
      registers,
    });
    this.succeeded = new Counter({
      name: "ballast_keeper_liquidations_succeeded_total",
      help: "Liquidation transactions that succeeded",
      labelNames: ["kind"],
      registers,
    });
    this.failed = new Counter({
      name: "ballast_keeper_liquidations_failed_total",
      help: "Liquidation transactions that reverted or were not accepted, by error name",
      labelNames: ["kind", "reason"],
      registers,
    });
    this.skipped = new Counter({
      name: "ballast_keeper_liquidations_skipped_total",
      help: "Liquidations found but not sent, by reason",
      labelNames: ["kind", "reason"],
      registers,
    });
    this.rateSyncs = new Counter({
      name: "ballast_keeper_rate_syncs_sent_total",
      help: "syncRate transactions the keeper submitted, by vault and ledger chain",
      labelNames: ["vault", "ledger"],
      registers,
    });
    this.rateSyncFailures = new Counter({
      name: "ballast_keeper_rate_syncs_failed_total",
      help: "syncRate transactions that failed, by vault and ledger chain",
      labelNames: ["vault", "ledger"],
      registers,
    });
    this.runs = new Counter({
      name: "ballast_keeper_runs_total",
      help: "Keeper runs by outcome",
      labelNames: ["outcome"],
      registers,
    });
    this.lastRunDuration = new Gauge({
      name: "ballast_keeper_last_run_duration_seconds",
      help: "Duration of the last keeper run",
      registers,
    });
    this.candidates = new Gauge({
      name: "ballast_keeper_candidate_accounts",
      help: "Accounts the last keeper run valued",
      registers,
    });
    this.liquidatable = new Gauge({
      name: "ballast_keeper_liquidatable_accounts",
      help: "Accounts below maintenance margin at the last keeper run, per ledger they are liquidatable on",
      registers,
    });
  }
}
