import { Logger } from "@nestjs/common";
import type { Clock } from "../clock/Clock.js";
import type { MessageRepository } from "../store/MessageRepository.js";
import { LeaseLostError } from "./errors.js";

/** Parameters of {@link LeaseKeeper}. */
export interface LeaseKeeperParameters {
  guid: string;
  owner: string;
  /** When the lease taken by `MessageRepository.lease` ends. */
  leaseUntil: Date;
  leaseMs: number;
  messages: MessageRepository;
  clock: Clock;
}

/**
 * Keeps a message's lease while a worker delivers it: renews it every third of `leaseMs`, and says
 * whether it is still held. `assertHeld()` runs before each transaction is recorded, so a worker
 * that lost its lease (a stalled process whose lease expired and another replica took) sends
 * nothing more. A lease counts as lost a safety margin before it expires locally, in case a
 * renewal is late.
 */
export class LeaseKeeper {
  readonly guid: string;
  readonly #parameters: LeaseKeeperParameters;
  readonly #margin: number;
  readonly #logger = new Logger(LeaseKeeper.name);
  #until: number;
  #lost = false;
  #timer: NodeJS.Timeout | undefined;
  #renewing: Promise<unknown> | undefined;

  constructor(parameters: LeaseKeeperParameters) {
    this.#parameters = parameters;
    this.guid = parameters.guid;
    this.#until = parameters.leaseUntil.getTime();
    this.#margin = Math.min(2_000, Math.floor(parameters.leaseMs / 10));
  }

  /** Starts renewing. */
  start(): void {
    if (this.#timer !== undefined) return;
    const every = Math.max(50, Math.floor(this.#parameters.leaseMs / 3));
    this.#timer = setInterval(() => {
      this.#renewing ??= this.renew().finally(() => {
        this.#renewing = undefined;
      });
    }, every);
    this.#timer.unref();
  }

  /** Stops renewing (the lease itself is released or settled by the caller) and waits for a renewal in flight. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#renewing;
  }

  /** Renews once; false when the lease is lost. A failed database call keeps the lease until it runs out. */
  async renew(): Promise<boolean> {
    if (this.#lost) return false;
    const { guid, owner, leaseMs, messages, clock } = this.#parameters;
    const now = clock.now();
    try {
      if (await messages.renewLease(guid, owner, new Date(now), leaseMs)) {
        this.#until = now + leaseMs;
        return true;
      }
      this.#lost = true;
      this.#logger.warn(`lost the lease on message ${guid}`);
      return false;
    } catch (error) {
      this.#logger.warn(
        `renewing the lease on ${guid}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return this.held;
    }
  }

  /** True while the lease is held, with the safety margin. */
  get held(): boolean {
    return !this.#lost && this.#parameters.clock.now() < this.#until - this.#margin;
  }

  /** Throws {@link LeaseLostError} unless the lease is held. */
  assertHeld(): void {
    if (!this.held) throw new LeaseLostError(this.guid);
  }
}
