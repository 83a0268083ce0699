import { createProjection } from "@ballast/margin";
import { parseManifest } from "@ballast/sdk";
import { SchedulerRegistry } from "@nestjs/schedule";
import { Registry } from "prom-client";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { manifestFixture } from "../../test/manifestFixture.js";
import { SystemClock } from "../clock/Clock.js";
import type { RelayerConfig } from "../config/relayerConfigSchema.js";
import type { ProjectionService, ProjectionSnapshot } from "../projection/ProjectionService.js";
import type { MessageRepository } from "../store/MessageRepository.js";
import type { AccountBalanceChecker } from "./AccountBalanceChecker.js";
import { AlertBook } from "./AlertBook.js";
import { AlertWebhook } from "./AlertWebhook.js";
import type { ChainStateReader } from "./ChainStateReader.js";
import type { DeliveryOriginChecker } from "./DeliveryOriginChecker.js";
import type { LocksPauser } from "./LocksPauser.js";
import { ReconciliationMetrics } from "./ReconciliationMetrics.js";
import { RECONCILIATION_INTERVAL, ReconciliationService } from "./ReconciliationService.js";

const manifest = parseManifest(manifestFixture());
const PERIOD = 1_000;

/** A projection whose refreshes wait until the test releases them. */
class GatedProjection {
  refreshes = 0;
  failNext = false;
  #release: (() => void)[] = [];

  refresh(): Promise<ProjectionSnapshot> {
    this.refreshes++;
    const fail = this.failNext;
    this.failNext = false;
    return new Promise((resolve, reject) => {
      this.#release.push(() =>
        fail
          ? reject(new Error("database gone"))
          : resolve({
              state: createProjection(),
              chains: manifest.chains.map((chain) => ({
                name: chain.name,
                eid: chain.eid,
                chainId: chain.chainId,
                blockNumber: undefined,
                blockHash: undefined,
                lastEventId: 0n,
                rows: 0,
              })),
              eventsApplied: 0,
              skipped: 0,
              rebuilds: 0,
              refreshedAt: 0,
            }),
      );
    });
  }

  /** Lets the oldest waiting refresh finish. */
  release(): void {
    this.#release.shift()?.();
  }
}

describe("ReconciliationService scheduling", () => {
  let projection: GatedProjection;
  let scheduler: SchedulerRegistry;
  let registry: Registry;
  let service: ReconciliationService;

  beforeEach(() => {
    vi.useFakeTimers();
    projection = new GatedProjection();
    scheduler = new SchedulerRegistry();
    registry = new Registry();
    const metrics = new ReconciliationMetrics(registry);
    // The service reads these three sections only.
    const config = {
      intervals: { reconcile: PERIOD },
      delivery: { stuckAfterMs: 300_000 },
      reconciliation: { pauseOnDiscrepancy: false },
    } as RelayerConfig;
    service = new ReconciliationService(
      config,
      manifest,
      projection as unknown as ProjectionService, // the service calls refresh() only
      { read: async () => ({ read: new Map(), unread: [] }) } as unknown as ChainStateReader, // read() only
      {
        check: async () => ({ accounts: 0, balances: 0, mismatches: [], unread: [] }),
      } as unknown as AccountBalanceChecker, // check() only
      { skewed: async () => new Set<string>() } as unknown as DeliveryOriginChecker, // skewed() only
      { getMany: async () => [] } as unknown as MessageRepository, // getMany() only
      new AlertBook(metrics, new AlertWebhook(config, metrics)),
      { canPause: () => false } as unknown as LocksPauser, // never reached without pauseOnDiscrepancy
      metrics,
      scheduler,
      new SystemClock(),
    );
  });

  afterEach(async () => {
    vi.useRealTimers();
    await service.onModuleDestroy();
  });

  const runs = async (outcome: string) =>
    (await registry.getMetricsAsJSON())
      .find((m) => m.name === "ballast_reconciliation_runs_total")
      ?.values.find((v) => v.labels.outcome === outcome)?.value ?? 0;

  test("runs every intervals.reconcile ms; a tick while a run is in progress is skipped, never overlapped", async () => {
    service.onApplicationBootstrap();
    expect(scheduler.getIntervals()).toEqual([RECONCILIATION_INTERVAL]);
    await vi.advanceTimersByTimeAsync(PERIOD);
    expect(projection.refreshes).toBe(1);
    await vi.advanceTimersByTimeAsync(2 * PERIOD);
    expect(projection.refreshes).toBe(1);
    expect(await runs("skipped")).toBe(2);

    projection.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(await runs("ok")).toBe(1);
    expect(service.report().runs).toBe(1);
    expect(service.report().lanes.every(({ status }) => status === "unknown")).toBe(true);

    await vi.advanceTimersByTimeAsync(PERIOD);
    expect(projection.refreshes).toBe(2);
    projection.release(); // shutdown waits for the run in progress
    await service.onModuleDestroy();
    expect(await runs("ok")).toBe(2);
  });

  test("run() waits for the run in progress, then runs; a failed run is reported and counted, the tick never throws", async () => {
    const first = service.run();
    const second = service.run();
    expect(projection.refreshes).toBe(1);
    projection.release();
    await first;
    await vi.advanceTimersByTimeAsync(0);
    expect(projection.refreshes).toBe(2);
    projection.release();
    await second;
    expect(service.report().runs).toBe(2);

    projection.failNext = true;
    const failing = service.tick();
    projection.release();
    await failing;
    expect(await runs("error")).toBe(1);
    expect(service.report()).toMatchObject({ runs: 2, lastError: "Error: database gone" });
    await expect(
      (async () => {
        projection.failNext = true;
        const run = service.run();
        projection.release();
        await run;
      })(),
    ).rejects.toThrow("database gone");
  });

  test("after shutdown the interval is gone and ticks do nothing", async () => {
    service.onApplicationBootstrap();
    await service.onModuleDestroy();
    expect(scheduler.getIntervals()).toEqual([]);
    await service.tick();
    expect(projection.refreshes).toBe(0);
  });
});
