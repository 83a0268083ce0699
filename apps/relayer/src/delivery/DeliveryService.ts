import { Inject, Injectable, Logger, Optional } from "@nestjs/common";
import { ChainRegistry } from "../chains/ChainRegistry.js";
import { Clock, SystemClock } from "../clock/Clock.js";
import { MessageRepository, type Pathway, type StoredMessage } from "../store/MessageRepository.js";
import type { MessageStatus } from "../store/StoreSchema.js";
import { type StoredTransaction, TransactionRepository } from "../store/TransactionRepository.js";
import { DELIVERY_OPTIONS, type DeliveryOptions } from "./deliveryOptions.js";
import { isDeliveryPurpose } from "./deliveryPurposes.js";
import { LeaseKeeper } from "./LeaseKeeper.js";
import { type DeliveryOutcome, MessageDeliverer } from "./MessageDeliverer.js";
import { StuckSweeper } from "./StuckSweeper.js";
import { TransactionReconciler } from "./TransactionReconciler.js";

/** What one delivery pass did. */
export interface DeliveryPassResult {
  /** Messages leased. */
  leased: number;
  /** Outcomes by kind. */
  delivered: number;
  failed: number;
  waiting: number;
  /** Leases lost mid-way, or given back because the service is stopping. */
  released: number;
  /** The batch was full: more messages may be due now. */
  full: boolean;
}

/** Statuses a pass leases: devnet verifies `sent` packets itself; production leaves them to the DVNs. */
const LEASED: Record<DeliveryOptions["mode"], readonly MessageStatus[]> = {
  devnet: ["sent", "verified", "failed", "stuck"],
  production: ["verified", "failed", "stuck"],
};

/**
 * One delivery pass (`runOnce`), as the scheduler runs it: the first pass of a process settles the
 * delivery transactions recorded and still `pending` (a previous run's crash), then every pass
 * sweeps for stuck messages, leases up to `batchSize` due messages nobody holds
 * (`FOR UPDATE SKIP LOCKED`: replicas get disjoint sets; pathways another pass of this process is
 * on are left out, so overlapping passes take other pathways) and delivers them, pathways in parallel
 * (`concurrency`) and each pathway in nonce order, renewing each lease while its message is worked
 * on. `requestStop()` makes the pass in progress give back the leases it has not started on.
 */
@Injectable()
export class DeliveryService {
  readonly #logger = new Logger(DeliveryService.name);
  readonly #clock: Clock;
  #stopping = false;
  #startup: Promise<void> | undefined;
  /** Pathways a pass of this process is working on: another pass leaves their messages alone. */
  readonly #activePathways = new Map<string, Pathway>();

  constructor(
    private readonly chains: ChainRegistry,
    private readonly messages: MessageRepository,
    private readonly transactions: TransactionRepository,
    private readonly deliverer: MessageDeliverer,
    private readonly reconciler: TransactionReconciler,
    private readonly sweeper: StuckSweeper,
    @Inject(DELIVERY_OPTIONS) private readonly options: DeliveryOptions,
    @Optional() clock?: Clock,
  ) {
    this.#clock = clock ?? new SystemClock();
  }

  /** This replica's lease owner id. */
  get replicaId(): string {
    return this.options.replicaId;
  }

  /** One pass (see the class). */
  async runOnce(): Promise<DeliveryPassResult> {
    const result: DeliveryPassResult = {
      leased: 0,
      delivered: 0,
      failed: 0,
      waiting: 0,
      released: 0,
      full: false,
    };
    // Once per process, shared by passes that start together; a failure is tried again next pass.
    this.#startup ??= this.settleRecordedTransactions().catch((error: unknown) => {
      this.#startup = undefined;
      throw error;
    });
    await this.#startup;
    await this.sweeper.sweepIfDue();
    if (this.#stopping) return result;
    const leased = await this.messages.lease({
      owner: this.options.replicaId,
      now: this.#now(),
      leaseMs: this.options.leaseMs,
      limit: this.options.batchSize,
      statuses: LEASED[this.options.mode],
      excludePathways: [...this.#activePathways.values()],
    });
    result.leased = leased.length;
    // A pathway another pass took meanwhile stays with it (each pathway in nonce order): given back.
    const groups: [key: string, messages: StoredMessage[]][] = [];
    for (const [key, group] of groupByPathway(leased)) {
      const [first] = group;
      if (first === undefined) continue;
      if (this.#activePathways.has(key)) {
        for (const message of group) await this.messages.releaseLease(message.guid, this.options.replicaId);
        result.released += group.length;
      } else {
        this.#activePathways.set(key, first);
        groups.push([key, group]);
      }
    }
    // Full only when every message leased was taken: given-back ones would be leased again at once.
    result.full = leased.length === this.options.batchSize && result.released === 0;
    let next = 0;
    const worker = async () => {
      for (let entry = groups[next++]; entry !== undefined; entry = groups[next++]) {
        const [key, group] = entry;
        try {
          await this.#deliverGroup(group, result);
        } finally {
          this.#activePathways.delete(key);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, groups.length) }, worker));
    return result;
  }

  /** One pathway's leased messages, in nonce order. */
  async #deliverGroup(group: readonly StoredMessage[], result: DeliveryPassResult): Promise<void> {
    for (const message of group) {
      const outcome = this.#stopping ? undefined : await this.#deliver(message);
      if (outcome === undefined) {
        await this.messages.releaseLease(message.guid, this.options.replicaId);
        result.released++;
      } else if (outcome.kind === "lost") result.released++;
      else result[outcome.kind]++;
    }
  }

  /**
   * Settles the delivery transactions this relayer's keys recorded that are still `pending` (a run
   * that crashed between record and receipt), per chain and sender in nonce order: the message of
   * each, unless another live replica holds it, is leased and delivered, which first settles its
   * recorded transactions (receipt found -> done; unknown with the nonce used -> the packet's state
   * decides; unknown with the nonce free -> the stored signed transaction is sent again if still
   * needed). A stable `replicaId` first takes back the leases its previous run held.
   */
  async settleRecordedTransactions(): Promise<void> {
    const owner = this.options.replicaId;
    if (this.options.reclaimOwnLeases) {
      const released = await this.messages.releaseLeasesOf(owner);
      if (released > 0) this.#logger.log(`released ${released} leases ${owner} held before it restarted`);
    }
    for (const chain of this.chains.all()) {
      const senders = new Set<string>();
      for (const role of ["executor", "verifier"] as const) {
        const address = this.chains.wallet(chain.manifest.eid, role)?.account.address.toLowerCase();
        if (address !== undefined) senders.add(address);
      }
      for (const sender of senders) {
        const pending = (await this.transactions.pending(BigInt(chain.manifest.chainId), sender)).filter(
          (tx) => isDeliveryPurpose(tx.purpose),
        );
        if (pending.length > 0) {
          this.#logger.log(
            `${chain.manifest.name}: settling ${pending.length} recorded transactions of ${sender}`,
          );
        }
        for (const tx of pending) {
          try {
            await this.#settle(tx);
          } catch (error) {
            // Its message's next attempt settles it (MessageDeliverer); the others go on.
            this.#logger.warn(
              `settling ${tx.hash}: ${error instanceof Error ? error.message : String(error)}`,
            );
          }
        }
      }
    }
  }

  /** Makes passes stop taking new messages (and the pass in progress give back what it has not started). */
  requestStop(): void {
    this.#stopping = true;
  }

  /** Undoes {@link requestStop}. */
  resume(): void {
    this.#stopping = false;
  }

  /** Releases every lease this replica still holds; returns how many. */
  releaseAll(): Promise<number> {
    return this.messages.releaseLeasesOf(this.options.replicaId);
  }

  async #settle(tx: StoredTransaction): Promise<void> {
    if (tx.message_guid === null) {
      await this.reconciler.resolve(tx, { stillNeeded: async () => true });
      return;
    }
    const message = await this.messages.get(tx.message_guid);
    if (message === undefined || message.status === "delivered") {
      // Nothing left to deliver: only record what became of the transaction.
      await this.reconciler.resolve(tx, { stillNeeded: async () => false });
      return;
    }
    const claimed = await this.messages.claimLease(
      message.guid,
      this.options.replicaId,
      this.#now(),
      this.options.leaseMs,
    );
    if (claimed === undefined) {
      this.#logger.log(
        `${message.guid}: leased by ${message.lease_owner}, which settles its transaction ${tx.hash}`,
      );
      return;
    }
    await this.#deliver(claimed);
  }

  /** Delivers one leased message, keeping the lease while it does; undefined when it threw (lease released). */
  async #deliver(message: StoredMessage): Promise<DeliveryOutcome | undefined> {
    const lease = new LeaseKeeper({
      guid: message.guid,
      owner: this.options.replicaId,
      leaseUntil: message.lease_until ?? new Date(this.#clock.now() + this.options.leaseMs),
      leaseMs: this.options.leaseMs,
      messages: this.messages,
      clock: this.#clock,
    });
    lease.start();
    try {
      return await this.deliverer.deliver(message, lease);
    } catch (error) {
      this.#logger.error(
        `${message.guid}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      await this.messages.releaseLease(message.guid, this.options.replicaId).catch(() => false);
      return { kind: "lost" };
    } finally {
      await lease.stop();
    }
  }

  #now(): Date {
    return new Date(this.#clock.now());
  }
}

/** Messages grouped by pathway (src eid, sender, dst eid, receiver), each group in nonce order. */
/** A message's pathway: source eid, sender, destination eid, receiver. */
function pathwayKey(message: StoredMessage): string {
  return `${message.src_eid}:${message.sender}:${message.dst_eid}:${message.receiver}`;
}

/** The messages by pathway (keyed by {@link pathwayKey}), each in nonce order. */
function groupByPathway(messages: readonly StoredMessage[]): [string, StoredMessage[]][] {
  const groups = new Map<string, StoredMessage[]>();
  for (const message of messages) {
    const key = pathwayKey(message);
    const group = groups.get(key) ?? [];
    group.push(message);
    groups.set(key, group);
  }
  for (const group of groups.values())
    group.sort((x, y) => (x.nonce < y.nonce ? -1 : x.nonce > y.nonce ? 1 : 0));
  return [...groups.entries()];
}
