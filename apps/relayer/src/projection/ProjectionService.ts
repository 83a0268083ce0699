import {
  applyEvents,
  type BallastEvent,
  createProjection,
  InvalidEventError,
  type ProjectionState,
} from "@ballast/margin";
import type { Manifest } from "@ballast/sdk";
import { Inject, Injectable, Logger } from "@nestjs/common";
import { Counter, Gauge, Registry } from "prom-client";
import { Clock } from "../clock/Clock.js";
import { MANIFEST } from "../config/configTokens.js";
import { CursorRepository } from "../store/CursorRepository.js";
import { Database, type StoreExecutor } from "../store/Database.js";
import { EventRepository, type StoredEvent } from "../store/EventRepository.js";
import { StoredEventError } from "./StoredEventError.js";
import { toBallastEvent } from "./toBallastEvent.js";

/** Rows read per query while catching up. */
export const PROJECTION_PAGE_SIZE = 5_000;

/** Where the projection stands on one chain. */
export interface ProjectedChain {
  name: string;
  eid: number;
  chainId: number;
  /**
   * The last block the projection holds every event of (the indexer cursor's `next_block - 1`), read
   * in the same database snapshot as the events; undefined before the chain's first indexed range.
   */
  blockNumber: bigint | undefined;
  /** That block's hash as the indexer saw it. */
  blockHash: `0x${string}` | undefined;
  /** The highest event `id` read for the chain (0 when none). */
  lastEventId: bigint;
  /** Rows read for the chain (every kind, projected or not): what the store must still hold up to `lastEventId`. */
  rows: number;
}

/** The projection at one moment: margin's state and the blocks it is exact at. */
export interface ProjectionSnapshot {
  /** `@ballast/margin`'s state over every event read (immutable). */
  readonly state: ProjectionState;
  /** Per manifest chain, in manifest order. */
  readonly chains: readonly ProjectedChain[];
  /** Events applied to the state since the last rebuild. */
  readonly eventsApplied: number;
  /** Rows skipped because they did not convert (each logged). */
  readonly skipped: number;
  /** Rebuilds from scratch after the stored set changed under the projection (indexer rewinds). */
  readonly rebuilds: number;
  /** Milliseconds since the epoch (the injected clock) of the refresh. */
  readonly refreshedAt: number;
}

interface Tracker {
  lastEventId: bigint;
  rows: number;
}

/**
 * The unified-balance projection: stored events turned into `@ballast/margin` events
 * ({@link toBallastEvent}) and applied with `applyEvents`.
 *
 * `refresh()` reads, in one read-only REPEATABLE READ transaction (one database snapshot), every
 * chain's cursor and the events stored since the last refresh, one watermark (`id`) per chain: ids
 * follow commit order within a chain, so none is missed even when chains commit concurrently. The
 * snapshot's `chains[].blockNumber` is therefore exactly the block the state is complete through,
 * which is what reconciliation reads the contracts at.
 *
 * Rewinds: the indexer deletes a reorged range's events. Margin's state cannot forget an event
 * (it is keyed by block hash), so before reading on, each refresh checks that the store still holds
 * as many rows of each chain up to its watermark as were read; when it does not, the projection is
 * rebuilt from scratch. Applying is idempotent anyway (margin skips a key it has seen).
 *
 * Concurrent callers share one refresh in progress.
 */
@Injectable()
export class ProjectionService {
  readonly #logger = new Logger("Projection");
  #state: ProjectionState = createProjection();
  #trackers = new Map<number, Tracker>();
  #chains: ProjectedChain[];
  #eventsApplied = 0;
  #skipped = 0;
  #rebuilds = 0;
  #refreshedAt = 0;
  #pending: Promise<ProjectionSnapshot> | undefined;
  readonly #eventsGauge: Gauge;
  readonly #rebuildCounter: Counter;

  constructor(
    private readonly db: Database,
    private readonly events: EventRepository,
    private readonly cursors: CursorRepository,
    @Inject(MANIFEST) manifest: Manifest,
    private readonly clock: Clock,
    registry: Registry,
  ) {
    this.#chains = manifest.chains.map((chain) => ({
      name: chain.name,
      eid: chain.eid,
      chainId: chain.chainId,
      blockNumber: undefined,
      blockHash: undefined,
      lastEventId: 0n,
      rows: 0,
    }));
    this.#eventsGauge = new Gauge({
      name: "ballast_projection_events",
      help: "Events applied to the unified-balance projection",
      registers: [registry],
    });
    this.#rebuildCounter = new Counter({
      name: "ballast_projection_rebuilds_total",
      help: "Rebuilds of the projection from scratch after an indexer rewind",
      registers: [registry],
    });
  }

  /** The projection as of the last refresh (empty before the first). */
  current(): ProjectionSnapshot {
    return {
      state: this.#state,
      chains: this.#chains.map((chain) => ({ ...chain })),
      eventsApplied: this.#eventsApplied,
      skipped: this.#skipped,
      rebuilds: this.#rebuilds,
      refreshedAt: this.#refreshedAt,
    };
  }

  /** Reads what the indexer stored since the last refresh (rebuilding after a rewind) and returns the projection. */
  refresh(): Promise<ProjectionSnapshot> {
    this.#pending ??= this.#refresh().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #refresh(): Promise<ProjectionSnapshot> {
    await this.db
      .transaction()
      .setIsolationLevel("repeatable read")
      .setAccessMode("read only")
      .execute(async (trx) => {
        const cursors = new Map((await this.cursors.list(trx)).map((cursor) => [cursor.chain_id, cursor]));
        if (await this.#storeShrank(trx)) this.#reset();
        for (const chain of this.#chains) {
          await this.#catchUp(trx, chain);
          const cursor = cursors.get(BigInt(chain.chainId));
          const hash = cursor?.indexed_block_hash;
          const indexed = cursor !== undefined && typeof hash === "string" && hash.startsWith("0x");
          chain.blockNumber = indexed ? cursor.next_block - 1n : undefined;
          // Checked just above: the cursor's hash is 0x-hex text.
          chain.blockHash = indexed ? (hash as `0x${string}`) : undefined;
        }
      });
    this.#refreshedAt = this.clock.now();
    this.#eventsGauge.set(this.#eventsApplied);
    return this.current();
  }

  /** True when a chain's stored rows up to its watermark are not the ones read (a rewind deleted some). */
  async #storeShrank(trx: StoreExecutor): Promise<boolean> {
    for (const chain of this.#chains) {
      const tracker = this.#trackers.get(chain.chainId);
      if (tracker === undefined || tracker.rows === 0) continue;
      const stored = await this.events.count(
        { chainId: BigInt(chain.chainId), throughId: tracker.lastEventId },
        trx,
      );
      if (stored !== tracker.rows) {
        this.#logger.warn(
          `chain ${chain.name}: ${tracker.rows - stored} of the events read are gone (indexer rewind); rebuilding the projection`,
        );
        return true;
      }
    }
    return false;
  }

  #reset(): void {
    this.#state = createProjection();
    this.#trackers = new Map();
    this.#eventsApplied = 0;
    this.#skipped = 0;
    this.#rebuilds++;
    this.#rebuildCounter.inc();
    for (const chain of this.#chains) {
      chain.lastEventId = 0n;
      chain.rows = 0;
    }
  }

  async #catchUp(trx: StoreExecutor, chain: ProjectedChain): Promise<void> {
    const tracker = this.#trackers.get(chain.chainId) ?? { lastEventId: 0n, rows: 0 };
    this.#trackers.set(chain.chainId, tracker);
    for (;;) {
      const rows = await this.events.listInIdOrder(
        { chainId: BigInt(chain.chainId), afterId: tracker.lastEventId },
        PROJECTION_PAGE_SIZE,
        trx,
      );
      if (rows.length === 0) break;
      this.#apply(rows, chain.eid);
      const last = rows[rows.length - 1];
      if (last !== undefined) tracker.lastEventId = last.id;
      tracker.rows += rows.length;
      if (rows.length < PROJECTION_PAGE_SIZE) break;
    }
    chain.lastEventId = tracker.lastEventId;
    chain.rows = tracker.rows;
  }

  /** Applies a page of rows; a row that does not convert, or that margin refuses, is logged and skipped. */
  #apply(rows: readonly StoredEvent[], eid: number): void {
    const events: BallastEvent[] = [];
    for (const row of rows) {
      try {
        const event = toBallastEvent(row, eid);
        if (event !== undefined) events.push(event);
      } catch (error) {
        if (!(error instanceof StoredEventError)) throw error;
        this.#skip(error);
      }
    }
    try {
      this.#state = applyEvents(this.#state, events);
      this.#eventsApplied += events.length;
    } catch (error) {
      if (!(error instanceof InvalidEventError)) throw error;
      // applyEvents is atomic: apply one by one to keep every good event of the page.
      for (const event of events) {
        try {
          this.#state = applyEvents(this.#state, [event]);
          this.#eventsApplied++;
        } catch (single) {
          if (!(single instanceof InvalidEventError)) throw single;
          this.#skip(single);
        }
      }
    }
  }

  #skip(error: Error): void {
    this.#skipped++;
    this.#logger.error(`event skipped by the projection: ${error.message}`);
  }
}
