import type { SchedulerRegistry } from "@nestjs/schedule";

/** Parameters of {@link SerialJob}. */
export interface SerialJobParameters<T> {
  /** The interval's name in the `SchedulerRegistry`. */
  name: string;
  scheduler: SchedulerRegistry;
  /** One run of the job. */
  run: () => Promise<T>;
  /** Called for a tick that found a run in progress (it is skipped, never overlapped). */
  onOverlap: () => void;
}

/**
 * A job on a `SchedulerRegistry` interval whose runs never overlap: a tick while a run is in
 * progress is skipped; `run()` waits for the run in progress and starts a fresh one; `stop()`
 * removes the interval and waits for the run in progress.
 */
export class SerialJob<T> {
  #running: Promise<T> | undefined;
  #stopped = false;

  constructor(private readonly parameters: SerialJobParameters<T>) {}

  /** Ticks every `intervalMs`. */
  schedule(intervalMs: number): void {
    this.parameters.scheduler.addInterval(
      this.parameters.name,
      setInterval(() => void this.tick(), intervalMs),
    );
  }

  /** One scheduled tick: a run, unless one is in progress or the job stopped. Never throws. */
  async tick(): Promise<void> {
    if (this.#stopped) return;
    if (this.#running !== undefined) {
      this.parameters.onOverlap();
      return;
    }
    await this.#start().catch(() => undefined);
  }

  /** A run that starts after any run in progress ends; resolves with it (throws what it failed with). */
  async run(): Promise<T> {
    while (this.#running !== undefined) await this.#running.catch(() => undefined);
    return this.#start();
  }

  /** No more ticks; resolves when the run in progress, if any, has ended. */
  async stop(): Promise<void> {
    this.#stopped = true;
    const { scheduler, name } = this.parameters;
    if (scheduler.doesExist("interval", name)) scheduler.deleteInterval(name);
    await this.#running?.catch(() => undefined);
  }

  #start(): Promise<T> {
    const running = this.parameters.run().finally(() => {
      this.#running = undefined;
    });
    this.#running = running;
    return running;
  }
}
