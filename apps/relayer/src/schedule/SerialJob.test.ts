import { SchedulerRegistry } from "@nestjs/schedule";
import { describe, expect, test } from "vitest";
import { SerialJob } from "./SerialJob.js";

/** A job whose runs end when the test says so. */
function gatedJob() {
  const gates: (() => void)[] = [];
  let runs = 0;
  let overlaps = 0;
  const scheduler = new SchedulerRegistry();
  const job = new SerialJob({
    name: "test",
    scheduler,
    run: () =>
      new Promise<number>((resolve) => {
        runs += 1;
        const n = runs;
        gates.push(() => resolve(n));
      }),
    onOverlap: () => {
      overlaps += 1;
    },
  });
  return { job, scheduler, gates, counts: () => ({ runs, overlaps }) };
}

describe("SerialJob", () => {
  test("a tick during a run is skipped and counted, never overlapped", async () => {
    const { job, gates, counts } = gatedJob();
    const first = job.tick();
    await job.tick();
    expect(counts()).toEqual({ runs: 1, overlaps: 1 });
    gates[0]?.();
    await first;
    await Promise.resolve();
    const second = job.tick();
    expect(counts()).toEqual({ runs: 2, overlaps: 1 });
    gates[1]?.();
    await second;
  });

  test("run() waits for the run in progress, then starts its own", async () => {
    const { job, gates, counts } = gatedJob();
    void job.tick();
    const mine = job.run();
    expect(counts().runs).toBe(1);
    gates[0]?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(counts().runs).toBe(2);
    gates[1]?.();
    expect(await mine).toBe(2);
  });

  test("stop() removes the interval, waits for the run, and later ticks do nothing", async () => {
    const { job, scheduler, gates, counts } = gatedJob();
    job.schedule(60_000);
    expect(scheduler.doesExist("interval", "test")).toBe(true);
    void job.tick();
    let stopped = false;
    const stopping = job.stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false);
    gates[0]?.();
    await stopping;
    expect(scheduler.doesExist("interval", "test")).toBe(false);
    await job.tick();
    expect(counts()).toEqual({ runs: 1, overlaps: 0 });
  });
});
