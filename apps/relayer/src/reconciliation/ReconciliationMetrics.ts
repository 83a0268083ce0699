import { Injectable } from "@nestjs/common";
import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** Reconciliation's metrics, on the relayer's registry. */
@Injectable()
export class ReconciliationMetrics {
  /**
   * `ballast_lane_discrepancies{lane,kind}`: open discrepancies per lane (`vaultEid:ledgerEid:asset`,
   * or `vaultEid:*:asset` for a vault's invariant 2) and kind, as of the last run; series of lanes
   * without any are removed.
   */
  readonly discrepancies: Gauge<"lane" | "kind">;
  /** `ballast_lanes{status}`: lanes per status (consistent, discrepancy, pending, unknown) at the last run. */
  readonly lanes: Gauge<"status">;
  /** `ballast_reconciliation_alerts_total{kind}`: discrepancies opened (each counted once while it lasts). */
  readonly alerts: Counter<"kind">;
  /** `ballast_reconciliation_runs_total{outcome}`: runs that completed (ok), failed (error) or were skipped (overlap). */
  readonly runs: Counter<"outcome">;
  /** `ballast_reconciliation_duration_seconds`. */
  readonly duration: Histogram;
  /** `ballast_reconciliation_last_success_timestamp_seconds`. */
  readonly lastSuccess: Gauge;
  /** `ballast_alert_webhook_failures_total`. */
  readonly webhookFailures: Counter;

  constructor(registry: Registry) {
    const registers = [registry];
    this.discrepancies = new Gauge({
      name: "ballast_lane_discrepancies",
      help: "Open invariant discrepancies per lane and kind at the last reconciliation",
      labelNames: ["lane", "kind"],
      registers,
    });
    this.lanes = new Gauge({
      name: "ballast_lanes",
      help: "Lanes per reconciliation status at the last reconciliation",
      labelNames: ["status"],
      registers,
    });
    this.alerts = new Counter({
      name: "ballast_reconciliation_alerts_total",
      help: "Invariant discrepancies opened by reconciliation",
      labelNames: ["kind"],
      registers,
    });
    this.runs = new Counter({
      name: "ballast_reconciliation_runs_total",
      help: "Reconciliation runs by outcome",
      labelNames: ["outcome"],
      registers,
    });
    this.duration = new Histogram({
      name: "ballast_reconciliation_duration_seconds",
      help: "Duration of a reconciliation run",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.lastSuccess = new Gauge({
      name: "ballast_reconciliation_last_success_timestamp_seconds",
      help: "Unix time of the last reconciliation run that completed",
      registers,
    });
    this.webhookFailures = new Counter({
      name: "ballast_alert_webhook_failures_total",
      help: "Alert webhook POSTs that failed",
      registers,
    });
  }
}
