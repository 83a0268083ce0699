import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
  Optional,
} from "@nestjs/common";
import { SchedulerRegistry } from "@nestjs/schedule";
import type { Subscription } from "rxjs";
import { WorkSignals } from "../schedule/WorkSignals.js";
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
 * class is declared, and cron cannot express sub-second periods), and at once when the indexer
 * stored or removed events (`WorkSignals.indexed$`). Each tick starts a run of passes
 * unless `concurrency` runs are going (a run passes again while its batch was full): passes overlap,
 * so a message that becomes due does not wait behind the receipts a running pass waits for, and
 * `DeliveryService` keeps each pathway to one pass at a time, in nonce order.
 *
 * Start (`onModuleInit`, before any module starts work): a configured `replicaId` must not be held
 * by another live replica (`ReplicaLocks`; else {@link ReplicaIdInUseError}), and in production
 * mode the pathways' configuration is checked (`PathwayInspector`); either refusal stops the
 * application. Shutdown (`onModuleDestroy`, before the database closes): the interval is removed,
 * the passes in progress finish the messages they are on (receipts included) and give back the
 * leases it has not started, waited for at most `shutdownGraceMs`; then every lease this replica
 * still holds is released.
 */
@Injectable()
export class DeliveryScheduler implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  readonly #logger = new Logger(DeliveryScheduler.name);
  readonly #running = new Set<Promise<void>>();
  #signals: Subscription | undefined;
  #started = false;

  constructor(
    private readonly scheduler: SchedulerRegistry,
    private readonly service: DeliveryService,
    private readonly inspector: PathwayInspector,
    private readonly locks: ReplicaLocks,
    @Inject(DELIVERY_OPTIONS) private readonly options: DeliveryOptions,
    @Optional() private readonly signals?: WorkSignals,
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
    // New messages or endpoint facts indexed (or removed): a pass at once rather than at the next tick.
    this.#signals = this.signals?.indexed$.subscribe((indexed) => {
      if (indexed.events > 0 || indexed.messages > 0) void this.trigger();
    });
    this.#logger.log(
      `delivering every ${this.options.intervalMs} ms as ${this.options.replicaId} (${this.options.mode} mode)`,
    );
    void this.trigger();
  }

  /**
   * Starts a run of passes (another pass while the last one left its batch full), unless `concurrency`
   * runs are already going: passes overlap, so a message that becomes due is not held up behind the
   * receipts a running pass waits for (`DeliveryService` keeps each pathway to one pass). Resolves
   * when the runs going now end.
   */
  trigger(): Promise<void> {
    if (this.#running.size < this.options.concurrency) {
      const run: Promise<void> = (async () => {
        let again = true;
        while (again) {
          const result: DeliveryPassResult = await this.service.runOnce();
          again = result.full && this.#started;
        }
      })()
        .catch((error: unknown) => {
          this.#logger.error(
            `delivery pass failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        })
        .finally(() => {
          this.#running.delete(run);
        });
      this.#running.add(run);
    }
    return Promise.all(this.#running).then(() => undefined);
  }

  /** Stops the interval, lets the pass in progress finish or give back its leases, then releases what is left. */
  async stop(): Promise<void> {
    const wasStarted = this.#started;
    this.#started = false;
    if (this.scheduler.doesExist("interval", DELIVERY_JOB)) this.scheduler.deleteInterval(DELIVERY_JOB);
    this.service.requestStop();
    this.#signals?.unsubscribe();
    this.#signals = undefined;
    if (this.#running.size > 0) {
      const running = Promise.all(this.#running);
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
