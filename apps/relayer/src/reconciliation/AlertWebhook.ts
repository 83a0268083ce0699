import { Inject, Injectable, Logger } from "@nestjs/common";
import { RELAYER_CONFIG } from "../config/configTokens.js";
import type { RelayerConfig } from "../config/relayerConfigSchema.js";
import type { AlertWebhookBody } from "./Alert.js";
import { ReconciliationMetrics } from "./ReconciliationMetrics.js";

/** How long one POST may take. */
export const ALERT_WEBHOOK_TIMEOUT_MS = 5_000;

/**
 * POSTs alerts as JSON to the config's `alertWebhook`, when set. A failure (refused, timed out, a
 * non-2xx answer) is logged and counted (`ballast_alert_webhook_failures_total`), never thrown: the
 * alert is still in the log, the metrics and GET /lanes.
 */
@Injectable()
export class AlertWebhook {
  readonly #logger = new Logger("AlertWebhook");

  constructor(
    @Inject(RELAYER_CONFIG) private readonly config: RelayerConfig,
    private readonly metrics: ReconciliationMetrics,
  ) {}

  /** Posts `body`; true when the webhook answered 2xx, false when it failed or none is configured. */
  async post(body: AlertWebhookBody): Promise<boolean> {
    const url = this.config.alertWebhook;
    if (url === undefined) return false;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(ALERT_WEBHOOK_TIMEOUT_MS),
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return true;
    } catch (error) {
      this.metrics.webhookFailures.inc();
      this.#logger.warn(`alert webhook failed: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }
}
