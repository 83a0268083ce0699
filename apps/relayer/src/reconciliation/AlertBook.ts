import { Injectable, Logger } from "@nestjs/common";
import type { Alert } from "./Alert.js";
import { AlertWebhook } from "./AlertWebhook.js";
import type { LaneStatus, VaultStatus } from "./buildReconciliation.js";
import { type Finding, findingId } from "./Finding.js";
import { ReconciliationMetrics } from "./ReconciliationMetrics.js";

/** What {@link AlertBook.update} changed. */
export interface AlertChanges {
  opened: Alert[];
  resolved: Alert[];
}

function toAlert(finding: Finding, openedAt: string): Alert {
  const { scope } = finding;
  return {
    id: findingId(finding),
    kind: finding.kind,
    invariant: finding.invariant,
    vaultEid: scope.vaultEid,
    ...(scope.ledgerEid === undefined ? {} : { ledgerEid: scope.ledgerEid }),
    asset: scope.asset,
    ...(finding.field === undefined ? {} : { field: finding.field }),
    expected: finding.expected.toString(),
    actual: finding.actual.toString(),
    guids: [...finding.guids],
    detail: finding.detail,
    openedAt,
  };
}

/**
 * The open alerts, and what each run changes: a discrepancy found for the first time is opened
 * (a structured warning in the log, `ballast_reconciliation_alerts_total{kind}` + 1, and the
 * webhook), one no longer found on a lane or vault that was read is resolved (logged, webhook); one
 * on a lane that could not be read this time stays open. `ballast_lane_discrepancies{lane,kind}`
 * always shows the open ones.
 */
@Injectable()
export class AlertBook {
  readonly #logger = new Logger("Reconciliation");
  readonly #open = new Map<string, Alert>();

  constructor(
    private readonly metrics: ReconciliationMetrics,
    private readonly webhook: AlertWebhook,
  ) {}

  /** The open alerts, oldest first. */
  open(): Alert[] {
    return [...this.#open.values()];
  }

  /** Takes a run's lanes and vaults; returns what it opened and resolved (already logged, counted and posted). */
  async update(
    lanes: readonly LaneStatus[],
    vaults: readonly VaultStatus[],
    at: Date,
  ): Promise<AlertChanges> {
    const openedAt = at.toISOString();
    const current = new Map<string, Finding>();
    const unknownScopes = new Set<string>();
    for (const lane of lanes) {
      if (lane.status === "unknown") unknownScopes.add(`${lane.vaultEid}:${lane.ledgerEid}:${lane.asset}`);
      for (const finding of lane.discrepancies) current.set(findingId(finding), finding);
    }
    for (const vault of vaults) {
      if (vault.status === "unknown") unknownScopes.add(`${vault.vaultEid}:*:${vault.asset}`);
      for (const finding of vault.discrepancies) current.set(findingId(finding), finding);
    }

    const opened: Alert[] = [];
    for (const [id, finding] of current) {
      if (this.#open.has(id)) continue;
      const alert = toAlert(finding, openedAt);
      this.#open.set(id, alert);
      opened.push(alert);
      this.metrics.alerts.inc({ kind: alert.kind });
      this.#logger.warn({ msg: `invariant discrepancy: ${alert.detail}`, alert });
    }
    const resolved: Alert[] = [];
    for (const [id, alert] of this.#open) {
      if (current.has(id)) continue;
      if (unknownScopes.has(`${alert.vaultEid}:${alert.ledgerEid ?? "*"}:${alert.asset}`)) continue;
      this.#open.delete(id);
      resolved.push(alert);
      this.#logger.log({ msg: `discrepancy resolved: ${alert.detail}`, alert });
    }

    this.metrics.discrepancies.reset();
    for (const alert of this.#open.values()) {
      this.metrics.discrepancies.inc({
        lane: `${alert.vaultEid}:${alert.ledgerEid ?? "*"}:${alert.asset}`,
        kind: alert.kind,
      });
    }
    if (opened.length > 0 || resolved.length > 0) {
      await this.webhook.post({ source: "ballast-relayer", at: openedAt, opened, resolved });
    }
    return { opened, resolved };
  }
}
