import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from "@nestjs/common";
import { SchedulerRegistry } from "@nestjs/schedule";
import { ReplicaIdInUseError } from "../store/errors.js";
import { ReplicaLocks } from "../store/ReplicaLocks.js";
import { type DeliveryPassResult, DeliveryService } from "./DeliveryService.js";
import { DELIVERY_OPTIONS, type DeliveryOptions } from "./deliveryOptions.js";
import { PathwayInspector } from "./PathwayInspector.js";

/** Name of the delivery interval in the `SchedulerRegistry`. */
export const DELIVERY_JOB = "ballast-delivery";

/**
 * Runs delivery passes on an interval of `intervals.deliver` milliseconds, registered in
 * `@nestjs/schedule`'s `SchedulerRegistry` (not `@Cron`/`@Interval`: their period is fixed when the
 * class is declared, and cron cannot express sub-second periods), with an in-flight guard: a tick
 * that finds a pass running does nothing, so passes never overlap. A pass whose batch was full is
 * followed at once by another.
 *
 * Start (`onModuleInit`, before any module starts work): a configured `replicaId` must not be held
 * by another live replica (`ReplicaLocks`; else {@link ReplicaIdInUseError}), and in production
 * mode the pathways' configuration is checked (`PathwayInspector`); either refusal stops the
 * application. Shutdown (`onModuleDestroy`, before the database closes): the interval is removed,
 * the pass in progress finishes the messages it is on (receipts included) and gives back the
 * leases it has not started, waited for at most `shutdownGraceMs`; then every lease this replica
 * still holds is released.
 */
@Injectable()
export class DeliveryScheduler implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  readonly #logger = new Logger(DeliveryScheduler.name);
  #running: Promise<void> | undefined;
  #started = false;

  constructor(
    private readonly scheduler: SchedulerRegistry,
    private readonly service: DeliveryService,
    private readonly inspector: PathwayInspector,
    private readonly locks: ReplicaLocks,
    @Inject(DELIVERY_OPTIONS) private readonly options: DeliveryOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    // A stable id takes back its previous run's leases: only safe while no other live replica uses it.
    if (this.options.reclaimOwnLeases && !(await this.locks.tryHold(`replica:${this.options.replicaId}`)))
      throw new ReplicaIdInUseError(this.options.replicaId);
    if (this.options.mode === "production") await this.inspector.check();
  }

  onApplicationBootstrap(): void {
    if (this.options.autoStart) this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** True while the interval runs. */
  get started(): boolean {
    return this.#started;
  }

  /** Registers the interval and runs a first pass at once. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.service.resume();
    this.scheduler.addInterval(
      DELIVERY_JOB,
      setInterval(() => void this.trigger(), this.options.intervalMs),
    );
    this.#logger.log(
      `delivering every ${this.options.intervalMs} ms as ${this.options.replicaId} (${this.options.mode} mode)`,
    );
    void this.trigger();
  }

  /** Starts passes until one leaves its batch unfilled, unless one is running; resolves when they end. */
  trigger(): Promise<void> {
    this.#running ??= (async () => {
      let again = true;
      while (again) {
        const result: DeliveryPassResult = await this.service.runOnce();
        again = result.full && this.#started;
      }
    })()
      .catch((error: unknown) => {
        this.#logger.error(`delivery pass failed: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        this.#running = undefined;
      });
    return this.#running;
  }

  /** Stops the interval, lets the pass in progress finish or give back its leases, then releases what is left. */
  async stop(): Promise<void> {
    const wasStarted = this.#started;
    this.#started = false;
    if (this.scheduler.doesExist("interval", DELIVERY_JOB)) this.scheduler.deleteInterval(DELIVERY_JOB);
    this.service.requestStop();
    const running = this.#running;
    if (running !== undefined) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), this.options.shutdownGraceMs);
      });
      const ended = await Promise.race([running.then(() => "done" as const), grace]);
      clearTimeout(timer);
      if (ended === "timeout") {
        this.#logger.warn(
          `the delivery pass did not finish within ${this.options.shutdownGraceMs} ms; its leases will expire`,
        );
      }
    }
    const released = await this.service.releaseAll().catch(() => 0);
    if (wasStarted || released > 0)
      this.#logger.log(`delivery stopped${released > 0 ? `, released ${released} leases` : ""}`);
  }
}
