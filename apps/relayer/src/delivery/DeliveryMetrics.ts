import { Injectable, Logger } from "@nestjs/common";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { MessageRepository } from "../store/MessageRepository.js";
import { MESSAGE_STATUSES } from "../store/StoreSchema.js";

/** Seconds from a packet's `PacketSent` block to its delivery: sub-second on a devnet, minutes when DVNs wait for confirmations. */
const LATENCY_BUCKETS = [0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60, 120, 300, 600, 1_800];

/**
 * The delivery's metrics on the relayer's registry:
 *
 * - `ballast_messages{status}` (gauge): messages in each status, counted in the database when
 *   scraped (every replica reports the shared count);
 * - `ballast_delivery_latency_seconds{src,dst}` (histogram): `PacketSent` block time to delivered,
 *   for packets this replica executed;
 * - `ballast_delivery_attempts_total{dst,action}` (counter): verify and execute attempts;
 * - `ballast_delivery_failures_total{dst,reason}` (counter): failed attempts, by revert or error name;
 * - `ballast_delivery_dead_total{dst}`, `ballast_delivery_stuck_total{dst}` (counters): messages this
 *   replica moved to dead or stuck (each also logged);
 * - `ballast_delivery_already_executed_total{dst}` (counter): packets found executed on chain, marked
 *   delivered without a transaction;
 * - `ballast_delivery_transactions_total{chain,purpose,outcome}` (counter): transactions by outcome
 *   (mined, reverted, replaced, dropped, rebroadcast).
 */
@Injectable()
export class DeliveryMetrics {
  readonly messages: Gauge<"status">;
  readonly latency: Histogram<"src" | "dst">;
  readonly attempts: Counter<"dst" | "action">;
  readonly failures: Counter<"dst" | "reason">;
  readonly dead: Counter<"dst">;
  readonly stuck: Counter<"dst">;
  readonly alreadyExecuted: Counter<"dst">;
  readonly transactions: Counter<"chain" | "purpose" | "outcome">;
  readonly #logger = new Logger(DeliveryMetrics.name);

  constructor(registry: Registry, messages: MessageRepository) {
    const logger = this.#logger;
    this.messages = new Gauge({
      name: "ballast_messages",
      help: "LayerZero messages in each status (sent, verified, delivered, failed, stuck, dead)",
      labelNames: ["status"],
      registers: [registry],
      async collect() {
        try {
          const counts = await messages.countByStatus();
          for (const status of MESSAGE_STATUSES) this.set({ status }, counts[status]);
        } catch (error) {
          // The last counts stay; a scrape must not fail because the database is busy or closing.
          logger.warn(`messages gauge: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
    });
    this.latency = new Histogram({
      name: "ballast_delivery_latency_seconds",
      help: "Seconds from a packet's PacketSent block to its delivery by this relayer",
      labelNames: ["src", "dst"],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
    this.attempts = new Counter({
      name: "ballast_delivery_attempts_total",
      help: "Delivery attempts (verify or execute)",
      labelNames: ["dst", "action"],
      registers: [registry],
    });
    this.failures = new Counter({
      name: "ballast_delivery_failures_total",
      help: "Failed delivery attempts, by revert or error name",
      labelNames: ["dst", "reason"],
      registers: [registry],
    });
    this.dead = new Counter({
      name: "ballast_delivery_dead_total",
      help: "Messages moved to the dead-letter state after the last allowed attempt",
      labelNames: ["dst"],
      registers: [registry],
    });
    this.stuck = new Counter({
      name: "ballast_delivery_stuck_total",
      help: "Messages found stuck: not delivered within delivery.stuckAfterMs of their PacketSent block",
      labelNames: ["dst"],
      registers: [registry],
    });
    this.alreadyExecuted = new Counter({
      name: "ballast_delivery_already_executed_total",
      help: "Packets found already executed on chain and marked delivered without a transaction",
      labelNames: ["dst"],
      registers: [registry],
    });
    this.transactions = new Counter({
      name: "ballast_delivery_transactions_total",
      help: "Delivery transactions by outcome",
      labelNames: ["chain", "purpose", "outcome"],
      registers: [registry],
    });
  }
}
