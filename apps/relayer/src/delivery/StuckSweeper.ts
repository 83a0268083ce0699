import { Inject, Injectable, Logger, Optional } from "@nestjs/common";
import { ChainRegistry } from "../chains/ChainRegistry.js";
import { Clock, SystemClock } from "../clock/Clock.js";
import { MessageRepository, type StoredMessage } from "../store/MessageRepository.js";
import { BlockTimes } from "./BlockTimes.js";
import { DeliveryMetrics } from "./DeliveryMetrics.js";
import { DELIVERY_OPTIONS, type DeliveryOptions } from "./deliveryOptions.js";

/** Messages looked at per status and sweep, oldest first. */
const SWEEP_LIMIT = 500;

/**
 * Finds stuck messages: `sent` or `verified` for longer than `stuckAfterMs` since their
 * `PacketSent` block (`BlockTimes`). Each becomes `stuck` (still watched and delivered as soon as
 * it can be), is logged as a warning with its age, and counted in `ballast_delivery_stuck_total`;
 * the status change is conditional, so with several replicas only one reports it.
 */
@Injectable()
export class StuckSweeper {
  readonly #logger = new Logger(StuckSweeper.name);
  readonly #clock: Clock;
  readonly #everyMs: number;
  #lastSweep = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly chains: ChainRegistry,
    private readonly messages: MessageRepository,
    private readonly blockTimes: BlockTimes,
    private readonly metrics: DeliveryMetrics,
    @Inject(DELIVERY_OPTIONS) private readonly options: DeliveryOptions,
    @Optional() clock?: Clock,
  ) {
    this.#clock = clock ?? new SystemClock();
    this.#everyMs = Math.max(options.intervalMs, Math.min(options.stuckAfterMs / 4, 5_000));
  }

  /** {@link sweep}, at most every few seconds (a quarter of `stuckAfterMs`, at most 5 s). */
  async sweepIfDue(): Promise<string[]> {
    if (this.#clock.now() - this.#lastSweep < this.#everyMs) return [];
    return this.sweep();
  }

  /** Marks the stuck messages; returns the guids this call marked. */
  async sweep(): Promise<string[]> {
    const now = this.#clock.now();
    this.#lastSweep = now;
    const candidates = [
      ...(await this.messages.list({ status: "sent" }, SWEEP_LIMIT)),
      ...(await this.messages.list({ status: "verified" }, SWEEP_LIMIT)),
    ];
    const ages = new Map<string, number>();
    for (const message of candidates) {
      // created_at (stored by the indexer) is never before the PacketSent block: old enough by it, old enough.
      const age = now - message.created_at.getTime();
      const sentAge = age > this.options.stuckAfterMs ? age : now - (await this.blockTimes.sentAt(message));
      if (sentAge > this.options.stuckAfterMs) ages.set(message.guid, sentAge);
    }
    const marked = await this.messages.markStuck([...ages.keys()], new Date(now));
    for (const guid of marked) {
      const message = candidates.find((candidate) => candidate.guid === guid) as StoredMessage; // marked ⊆ candidates
      const dst = this.#name(message.dst_eid);
      this.metrics.stuck.inc({ dst });
      this.#logger.warn(
        `stuck: ${message.message_type} ${this.#name(message.src_eid)} -> ${dst} nonce ${message.nonce} (${guid}) ` +
          `is still ${message.status} ${Math.round((ages.get(guid) ?? 0) / 1_000)} s after it was sent` +
          (message.last_error === null ? "" : `: ${message.last_error}`),
      );
    }
    return marked;
  }

  #name(eid: number): string {
    return this.chains.all().find(({ manifest }) => manifest.eid === eid)?.manifest.name ?? String(eid);
  }
}
