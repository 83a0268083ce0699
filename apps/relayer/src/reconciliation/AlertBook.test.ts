import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startWebhookServer, type WebhookServer } from "../../test/support/webhookServer.js";
import { unusedPort } from "../../test/unusedPort.js";
import type { RelayerConfig } from "../config/relayerConfigSchema.js";
import type { AlertWebhookBody } from "./Alert.js";
import { AlertBook } from "./AlertBook.js";
import { AlertWebhook } from "./AlertWebhook.js";
import type { LaneStatus, VaultStatus } from "./buildReconciliation.js";
import type { Finding } from "./Finding.js";
import { ReconciliationMetrics } from "./ReconciliationMetrics.js";

const asset = "0x00000000000000000000000000000000000000aa";
const AT = new Date("2026-01-01T00:00:00Z");

const conservation: Finding = {
  kind: "laneConservation",
  invariant: 1,
  scope: { vaultEid: 1, ledgerEid: 2, asset },
  expected: 150n,
  actual: 175n,
  guids: ["0x01", "0x02"],
  detail: "lane 1->2: vault.locked 150 != 175",
};

function lane(status: LaneStatus["status"], discrepancies: Finding[] = []): LaneStatus {
  return {
    vaultEid: 1,
    ledgerEid: 2,
    asset,
    status,
    vaultLocked: 150n,
    ledgerCredited: 75n,
    vaultBlock: 10n,
    ledgerBlock: 10n,
    inFlightLock: 0n,
    inFlightRelease: 0n,
    inFlight: [],
    discrepancies,
    pending: [],
    note: undefined,
  };
}

const noVaults: VaultStatus[] = [];

/** An AlertBook over a fresh registry, posting to `alertWebhook`. */
function book(alertWebhook: string | undefined): { alerts: AlertBook; registry: Registry } {
  const registry = new Registry();
  const metrics = new ReconciliationMetrics(registry);
  // AlertWebhook reads alertWebhook only.
  const config = { alertWebhook } as RelayerConfig;
  return { alerts: new AlertBook(metrics, new AlertWebhook(config, metrics)), registry };
}

async function value(
  registry: Registry,
  name: string,
  labels: Record<string, string> = {},
): Promise<number | undefined> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  const found = metric?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return found?.value;
}

describe("AlertBook", () => {
  let webhook: WebhookServer;
  beforeAll(async () => {
    webhook = await startWebhookServer();
  });
  afterAll(async () => {
    await webhook.close();
  });

  test("opens a discrepancy once, keeps it while its lane is unreadable, resolves it when the lane is consistent again", async () => {
    const { alerts, registry } = book(webhook.url);
    const label = { lane: `1:2:${asset}`, kind: "laneConservation" };

    const opened = await alerts.update([lane("discrepancy", [conservation])], noVaults, AT);
    expect(opened.opened).toMatchObject([
      {
        kind: "laneConservation",
        vaultEid: 1,
        ledgerEid: 2,
        asset,
        expected: "150",
        actual: "175",
        guids: ["0x01", "0x02"],
      },
    ]);
    expect(await value(registry, "ballast_lane_discrepancies", label)).toBe(1);
    expect(await value(registry, "ballast_reconciliation_alerts_total", { kind: "laneConservation" })).toBe(
      1,
    );
    expect(webhook.bodies).toHaveLength(1);
    expect(webhook.bodies[0]).toEqual({
      source: "ballast-relayer",
      at: AT.toISOString(),
      opened: opened.opened,
      resolved: [],
    } satisfies AlertWebhookBody);

    // The same discrepancy, with other messages in flight: the same alert, not a new one.
    const again = await alerts.update(
      [lane("discrepancy", [{ ...conservation, guids: ["0x03"] }])],
      noVaults,
      AT,
    );
    expect(again).toEqual({ opened: [], resolved: [] });
    expect(webhook.bodies).toHaveLength(1);

    // The lane could not be read: nothing is resolved on a guess.
    expect(await alerts.update([lane("unknown")], noVaults, AT)).toEqual({ opened: [], resolved: [] });
    expect(alerts.open()).toHaveLength(1);

    const resolved = await alerts.update([lane("consistent")], noVaults, AT);
    expect(resolved.resolved.map(({ kind }) => kind)).toEqual(["laneConservation"]);
    expect(alerts.open()).toEqual([]);
    expect(await value(registry, "ballast_lane_discrepancies", label)).toBeUndefined();
    expect(webhook.bodies).toHaveLength(2);
    expect(webhook.bodies[1]).toMatchObject({ opened: [], resolved: [{ kind: "laneConservation" }] });
    expect(await value(registry, "ballast_reconciliation_alerts_total", { kind: "laneConservation" })).toBe(
      1,
    );
  });

  test("a webhook that fails is counted, never thrown; the alert stays open", async () => {
    const { alerts, registry } = book(`http://127.0.0.1:${await unusedPort()}/alerts`);
    const { opened } = await alerts.update([lane("discrepancy", [conservation])], noVaults, AT);
    expect(opened).toHaveLength(1);
    expect(await value(registry, "ballast_alert_webhook_failures_total")).toBe(1);
    expect(alerts.open()).toHaveLength(1);
  });
});
