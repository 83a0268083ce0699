import { SchedulerRegistry } from "@nestjs/schedule";
import { afterEach, describe, expect, test } from "vitest";
import { relayerConfigSchema } from "../config/relayerConfigSchema.js";
import { WorkSignals } from "../schedule/WorkSignals.js";
import type { ReplicaLocks } from "../store/ReplicaLocks.js";
import { DeliveryScheduler } from "./DeliveryScheduler.js";
import type { DeliveryPassResult, DeliveryService } from "./DeliveryService.js";
import { deliveryOptionsFromConfig } from "./deliveryOptions.js";
import type { PathwayInspector } from "./PathwayInspector.js";

const EMPTY: DeliveryPassResult = {
  leased: 0,
  delivered: 0,
  failed: 0,
  waiting: 0,
  released: 0,
  full: false,
};

const schedulers: DeliveryScheduler[] = [];
afterEach(async () => {
  for (const scheduler of schedulers.splice(0)) await scheduler.stop();
});

/** A scheduler whose passes wait until `finish()`; passes started are counted. */
function scheduler(concurrency: number) {
  const waiting: (() => void)[] = [];
  const state = { passes: 0 };
  const service = {
    runOnce: () =>
      new Promise<DeliveryPassResult>((resolve) => {
        state.passes++;
        waiting.push(() => resolve(EMPTY));
      }),
    requestStop: () => {},
    resume: () => {},
    releaseAll: async () => 0,
  };
  const signals = new WorkSignals();
  const config = relayerConfigSchema.parse({ manifest: "m.json", intervals: { deliver: 3_600_000 } });
  const created = new DeliveryScheduler(
    new SchedulerRegistry(),
    service as unknown as DeliveryService, // the four methods the scheduler calls
    {} as unknown as PathwayInspector, // devnet mode: never called
    { tryHold: async () => true } as unknown as ReplicaLocks, // tryHold() only
    deliveryOptionsFromConfig(config, { concurrency, autoStart: false }),
    signals,
  );
  schedulers.push(created);
  const finish = () => {
    for (const resolve of waiting.splice(0)) resolve();
  };
  return { created, signals, state, finish };
}

describe("DeliveryScheduler", () => {
  test("the indexer's signal starts a pass at once, beside the one running, up to concurrency", async () => {
    const { created, signals, state, finish } = scheduler(2);
    created.start(); // a first pass at once; the interval is an hour
    expect(state.passes).toBe(1);
    signals.indexed$.next({ eid: 40_101, events: 3, messages: 1 });
    expect(state.passes).toBe(2); // overlapping the first
    signals.indexed$.next({ eid: 40_101, events: 3, messages: 1 });
    expect(state.passes).toBe(2); // concurrency reached: nothing more
    signals.indexed$.next({ eid: 40_101, events: 0, messages: 0 }); // nothing new: no pass anyway
    finish();
    await created.trigger(); // both runs counted when called: none started, resolves when they end
    expect(state.passes).toBe(2);
    void created.trigger(); // a slot is free again
    expect(state.passes).toBe(3);
    finish();
  });

  test("after stop, a signal starts nothing", async () => {
    const { created, signals, state, finish } = scheduler(2);
    created.start();
    finish();
    await created.stop();
    signals.indexed$.next({ eid: 40_101, events: 1, messages: 1 });
    expect(state.passes).toBe(1);
  });
});
