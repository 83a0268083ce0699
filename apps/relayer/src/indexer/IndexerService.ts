import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  Optional,
} from "@nestjs/common";
import { ChainRegistry } from "../chains/ChainRegistry.js";
import { Clock, SystemClock } from "../clock/Clock.js";
import { WorkSignals } from "../schedule/WorkSignals.js";
import { BlockRepository } from "../store/BlockRepository.js";
import { CursorRepository } from "../store/CursorRepository.js";
import { Database } from "../store/Database.js";
import { EventRepository } from "../store/EventRepository.js";
import { MessageRepository } from "../store/MessageRepository.js";
import { ChainIndexer, type IndexStepResult } from "./ChainIndexer.js";

/** Injection token of the {@link IndexerOptions}. */
export const INDEXER_OPTIONS = Symbol("INDEXER_OPTIONS");

/** The indexer's settings. */
export interface IndexerOptions {
  /** Milliseconds between steps of a chain that is at its head (the config's `intervals.index`). */
  intervalMs: number;
  /** Start the per-chain loops when the application boots; default true. */
  autoStart?: boolean | undefined;
  /** See {@link ChainIndexer}. */
  refetchAttempts?: number | undefined;
  /** See {@link ChainIndexer}. */
  blockHistory?: number | undefined;
}

/** Where one chain's indexing stands, for health and metrics. */
export interface ChainIndexStatus {
  name: string;
  eid: number;
  chainId: number;
  /** The first block not indexed yet (undefined before the first step). */
  nextBlock: bigint | undefined;
  /** The chain head at the last step. */
  head: bigint | undefined;
  /** Confirmed blocks not indexed yet. */
  lag: bigint | undefined;
  /** True once a step found nothing confirmed left to read. */
  caughtUp: boolean;
  /** Milliseconds since the epoch of the last step that succeeded. */
  lastSuccessAt: number | undefined;
  /** The last step's error, cleared by a step that succeeds. */
  lastError: string | undefined;
  errors: number;
  rewinds: number;
  refetches: number;
  eventsIndexed: number;
}

interface Runner {
  indexer: ChainIndexer;
  status: ChainIndexStatus;
  running: Promise<void> | undefined;
}

/**
 * Runs a {@link ChainIndexer} loop per chain of the registry: it steps at once while a backfill has
 * more confirmed blocks, then every `intervalMs`; steps of a chain never overlap. Each step that
 * stored or removed events is published on `WorkSignals.indexed$` (delivery starts a pass on it). `stop()` (called at
 * shutdown) wakes sleeping loops and waits for the steps in progress, whose transactions either
 * commit whole or roll back.
 */
@Injectable()
export class IndexerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IndexerService.name);
  private readonly runners: Runner[];
  private readonly options: IndexerOptions;
  private stopping = false;
  private readonly wakers = new Set<() => void>();

  constructor(
    chains: ChainRegistry,
    db: Database,
    cursors: CursorRepository,
    blocks: BlockRepository,
    events: EventRepository,
    messages: MessageRepository,
    @Inject(INDEXER_OPTIONS) options: IndexerOptions,
    @Optional() clock?: Clock,
    @Optional() private readonly signals?: WorkSignals,
  ) {
    this.options = options;
    const store = { db, cursors, blocks, events, messages };
    this.runners = chains.all().map((chain) => ({
      indexer: new ChainIndexer({
        chain,
        store,
        clock: clock ?? new SystemClock(),
        refetchAttempts: options.refetchAttempts,
        blockHistory: options.blockHistory,
      }),
      status: {
        name: chain.manifest.name,
        eid: chain.manifest.eid,
        chainId: chain.manifest.chainId,
        nextBlock: undefined,
        head: undefined,
        lag: undefined,
        caughtUp: false,
        lastSuccessAt: undefined,
        lastError: undefined,
        errors: 0,
        rewinds: 0,
        refetches: 0,
        eventsIndexed: 0,
      },
      running: undefined,
    }));
  }

  onApplicationBootstrap(): void {
    if (this.options.autoStart !== false) this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** Starts the loops (once). */
  start(): void {
    this.stopping = false;
    for (const runner of this.runners) {
      runner.running ??= this.loop(runner).finally(() => {
        runner.running = undefined;
      });
    }
  }

  /** Stops the loops and waits for the steps in progress. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of this.wakers) wake();
    await Promise.all(this.runners.map((runner) => runner.running));
  }

  /** Each chain's indexing status. */
  status(): ChainIndexStatus[] {
    return this.runners.map((runner) => ({ ...runner.status }));
  }

  /** The chains' indexers (e.g. to step one by hand while the loops are stopped). */
  indexers(): readonly ChainIndexer[] {
    return this.runners.map((runner) => runner.indexer);
  }

  private async loop(runner: Runner): Promise<void> {
    while (!this.stopping) {
      let again = false;
      try {
        const result = await runner.indexer.step();
        this.record(runner.status, result);
        if (result.kind === "indexed" && (result.events > 0 || result.messages > 0))
          this.signals?.indexed$.next({
            eid: runner.indexer.eid,
            events: result.events,
            messages: result.messages,
          });
        if (result.kind === "rewound")
          this.signals?.indexed$.next({ eid: runner.indexer.eid, events: result.removedEvents, messages: 0 });
        again = result.kind === "rewound" || (result.kind === "indexed" && !result.caughtUp);
      } catch (error) {
        runner.status.errors++;
        runner.status.lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        this.logger.warn(`${runner.status.name}: ${runner.status.lastError}`);
      }
      if (!again) await this.sleep(this.options.intervalMs);
    }
  }

  private record(status: ChainIndexStatus, result: IndexStepResult): void {
    status.head = result.head;
    status.nextBlock = result.nextBlock;
    status.lastSuccessAt = Date.now();
    status.lastError = undefined;
    const confirmed = result.head - BigInt(this.confirmationsOf(status.eid));
    status.lag = confirmed >= result.nextBlock ? confirmed - result.nextBlock + 1n : 0n;
    if (result.kind === "idle") status.caughtUp = true;
    if (result.kind === "indexed") {
      status.caughtUp ||= result.caughtUp;
      status.refetches += result.refetches;
      status.eventsIndexed += result.events;
    }
    if (result.kind === "rewound") {
      status.rewinds++;
      status.eventsIndexed -= result.removedEvents;
    }
  }

  private confirmationsOf(eid: number): number {
    return this.runners.find((runner) => runner.indexer.eid === eid)?.indexer.chain.confirmations ?? 0;
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }
}
