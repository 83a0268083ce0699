import {
  decodePacket,
  executePacket,
  getPacketState,
  type Packet,
  PacketAlreadyExecutedError,
  PacketNotVerifiedError,
  verifyPacket,
} from "@ballast/sdk";
import { Inject, Injectable, Logger, Optional } from "@nestjs/common";
import type { Account, Chain, Hash, Hex, TransactionReceipt, Transport, WalletClient } from "viem";
import { ChainRegistry, type RelayerChain } from "../chains/ChainRegistry.js";
import { Clock, SystemClock } from "../clock/Clock.js";
import { MessageRepository, type StoredMessage } from "../store/MessageRepository.js";
import type { MessageStatus } from "../store/StoreSchema.js";
import { TransactionRepository } from "../store/TransactionRepository.js";
import { BlockTimes } from "./BlockTimes.js";
import { DeliveryMetrics } from "./DeliveryMetrics.js";
import { DELIVERY_OPTIONS, type DeliveryOptions } from "./deliveryOptions.js";
import type { DeliveryPurpose } from "./deliveryPurposes.js";
import { isDeliveryPurpose } from "./deliveryPurposes.js";
import { describeDeliveryFailure } from "./describeDeliveryFailure.js";
import { LeaseLostError, TransactionPendingError } from "./errors.js";
import type { LeaseKeeper } from "./LeaseKeeper.js";
import { retryDelay } from "./retryDelay.js";
import { TransactionReconciler } from "./TransactionReconciler.js";
import { TransactionRecorder } from "./TransactionRecorder.js";

/** What one delivery attempt of a message ended in. */
export type DeliveryOutcome =
  /** Delivered: by this relayer's transaction `txHash`, or found executed on chain (`txHash` undefined). */
  | { kind: "delivered"; txHash: Hash | undefined }
  /** The attempt failed: `failed` (retried after the backoff) or `dead`; undefined when the lease was gone. */
  | { kind: "failed"; status: MessageStatus | undefined; reason: string }
  /** Waits for something outside the relayer (DVNs, an earlier nonce, the RPC); no attempt counted. */
  | { kind: "waiting"; reason: string }
  /** The lease was lost mid-way: nothing more was sent or written. */
  | { kind: "lost" };

/** A mined transaction: what the sdk's `verifyPacket` and `executePacket` return. */
interface SentTransaction {
  transactionHash: Hash;
  receipt: TransactionReceipt;
}

/** How often a send is tried again when another sender of the same key took its nonce. */
const NONCE_ROUNDS = 3;

/**
 * Delivers one leased message to its destination chain with the sdk's delivery primitives:
 *
 * 1. Transactions an earlier attempt recorded and did not settle (a crash, another replica) are
 *    settled first (`TransactionReconciler.resolve`): a mined execution means delivered; one that
 *    never arrived is sent again only while the packet still needs it.
 * 2. The packet's state on the destination endpoint (`getPacketState`): `executed` -> delivered
 *    without a transaction (someone else executed it).
 * 3. `sent`: in devnet mode, verified through SimpleMessageLib with the verifier key
 *    (`verifyPacket`); in production (or without a verifier key), the message waits for the DVNs.
 * 4. Executed with the executor key (`executePacket`, which simulates first: a refused call costs
 *    nothing and its revert becomes the failure's reason).
 *
 * Every transaction is recorded before it is broadcast (`TransactionRecorder`), and only while the
 * lease is held. A failure counts an attempt (`failed` with exponential backoff, `dead` after
 * `maxAttempts`); waiting on DVNs, an earlier nonce or an unreachable RPC does not.
 */
@Injectable()
export class MessageDeliverer {
  readonly #logger = new Logger(MessageDeliverer.name);
  readonly #clock: Clock;

  constructor(
    private readonly chains: ChainRegistry,
    private readonly messages: MessageRepository,
    private readonly transactions: TransactionRepository,
    private readonly recorder: TransactionRecorder,
    private readonly reconciler: TransactionReconciler,
    private readonly metrics: DeliveryMetrics,
    private readonly blockTimes: BlockTimes,
    @Inject(DELIVERY_OPTIONS) private readonly options: DeliveryOptions,
    @Optional() clock?: Clock,
  ) {
    this.#clock = clock ?? new SystemClock();
  }

  /** One attempt at `message`, whose lease `lease` holds. Settles the lease in every outcome but `lost`. */
  async deliver(message: StoredMessage, lease: LeaseKeeper): Promise<DeliveryOutcome> {
    let dst: RelayerChain;
    let packet: Packet;
    try {
      dst = this.chains.byEid(message.dst_eid);
      packet = decodePacket(message.encoded_packet as Hex); // stored from PacketSent.encodedPayload, hex
    } catch (error) {
      return this.#fail(message, error);
    }
    try {
      return await this.#attempt(message, lease, dst, packet);
    } catch (error) {
      return this.#handle(message, dst, packet, error);
    }
  }

  async #attempt(
    message: StoredMessage,
    lease: LeaseKeeper,
    dst: RelayerChain,
    packet: Packet,
  ): Promise<DeliveryOutcome> {
    const { publicClient, manifest } = dst;
    const settled = await this.#settleRecorded(message, dst, packet);
    if (settled !== undefined) return this.#delivered(message, dst, settled);

    const state = await getPacketState({ publicClient, endpoint: manifest.endpoint, packet });
    if (state.state === "executed") return this.#delivered(message, dst, undefined);
    if (state.state === "sent") {
      const verifier = this.#verifier(dst);
      if (verifier === undefined || manifest.messageLib === null) {
        return this.#wait(
          message,
          this.options.mode === "production"
            ? "waiting for the DVNs to verify the packet"
            : "waiting for the packet to be verified (no verifier key)",
        );
      }
      const messageLib = manifest.messageLib;
      this.metrics.attempts.inc({ dst: manifest.name, action: "verify" });
      await this.#send(dst, verifier, "verify", message, lease, (walletClient) =>
        verifyPacket({ publicClient, walletClient, messageLib, packet }),
      );
    } else if (!state.executable && this.options.mode === "production") {
      return this.#wait(
        message,
        `waiting for an earlier nonce of the pathway to be verified (verified up to ${state.inboundNonce})`,
      );
    }

    const executor = this.chains.wallet(manifest.eid, "executor");
    if (executor === undefined) return this.#wait(message, "waiting for an executor (no executor key)");
    this.metrics.attempts.inc({ dst: manifest.name, action: "execute" });
    const executed = await this.#send(dst, executor, "execute", message, lease, (walletClient) =>
      executePacket({ publicClient, walletClient, endpoint: manifest.endpoint, packet }),
    );
    return this.#delivered(message, dst, {
      txHash: executed.transactionHash,
      blockNumber: executed.receipt.blockNumber,
    });
  }

  /** The verifier's wallet in devnet mode, else undefined. */
  #verifier(dst: RelayerChain): WalletClient<Transport, Chain, Account> | undefined {
    if (this.options.mode !== "devnet") return undefined;
    return this.chains.wallet(dst.manifest.eid, "verifier");
  }

  /**
   * Runs `action` with a recording wallet: the transaction is recorded, then sent, only while the
   * lease is held. When the action fails after recording, the chain says what happened: mined
   * anyway (an RPC error after the broadcast) counts as success; its nonce taken by another sender
   * of the key (replicas sharing it) signs again with a fresh nonce, up to {@link NONCE_ROUNDS}.
   */
  async #send(
    dst: RelayerChain,
    wallet: WalletClient<Transport, Chain, Account>,
    purpose: DeliveryPurpose,
    message: StoredMessage,
    lease: LeaseKeeper,
    action: (wallet: WalletClient<Transport, Chain, Account>) => Promise<SentTransaction>,
  ): Promise<SentTransaction> {
    for (let round = 1; ; round++) {
      lease.assertHeld();
      const session = this.recorder.session({
        chain: dst,
        wallet,
        purpose,
        messageGuid: message.guid,
        beforeRecord: () => lease.assertHeld(),
      });
      try {
        const sent = await action(session.wallet);
        await this.transactions.setStatus(BigInt(dst.manifest.chainId), sent.transactionHash, {
          status: "mined",
          blockNumber: sent.receipt.blockNumber,
          now: this.#now(),
        });
        this.metrics.transactions.inc({ chain: dst.manifest.name, purpose, outcome: "mined" });
        return sent;
      } catch (error) {
        const recorded = session.recorded.at(-1);
        if (recorded === undefined || error instanceof LeaseLostError) throw error;
        const outcome = await this.reconciler.inspect(recorded);
        if (outcome.kind === "mined") {
          return { transactionHash: recorded.hash as Hash, receipt: outcome.receipt }; // stored lowercase tx hash
        }
        if (outcome.kind === "pending") throw new TransactionPendingError(recorded.hash, { cause: error });
        if (outcome.kind === "unsent") {
          await this.transactions.setStatus(recorded.chain_id, recorded.hash, {
            status: "dropped",
            error: describeDeliveryFailure(error).reason,
            now: this.#now(),
          });
          this.metrics.transactions.inc({ chain: dst.manifest.name, purpose, outcome: "dropped" });
        }
        if (outcome.kind === "replaced" && round < NONCE_ROUNDS) {
          this.#logger.warn(
            `${dst.manifest.name}: nonce ${recorded.nonce} of ${purpose} was taken; signing again`,
          );
          continue;
        }
        throw error;
      }
    }
  }

  /**
   * Settles the transactions recorded for the message that are still `pending` (an attempt that
   * crashed or lost its lease): returns the execution that delivered the packet, if one did.
   * Throws {@link TransactionPendingError} while one is still in the mempool.
   */
  async #settleRecorded(
    message: StoredMessage,
    dst: RelayerChain,
    packet: Packet,
  ): Promise<{ txHash: Hash; blockNumber: bigint } | undefined> {
    const pending = (await this.transactions.forMessage(message.guid)).filter(
      (tx) => tx.status === "pending" && isDeliveryPurpose(tx.purpose),
    );
    let delivered: { txHash: Hash; blockNumber: bigint } | undefined;
    for (const tx of pending) {
      const outcome = await this.reconciler.resolve(tx, {
        stillNeeded: async () => {
          const { state, executable } = await getPacketState({
            publicClient: dst.publicClient,
            endpoint: dst.manifest.endpoint,
            packet,
          });
          return tx.purpose === "execute" ? executable : state === "sent";
        },
      });
      if (outcome.kind === "pending") throw new TransactionPendingError(tx.hash);
      if (outcome.kind === "mined" && tx.purpose === "execute") {
        delivered = { txHash: tx.hash as Hash, blockNumber: outcome.receipt.blockNumber }; // stored lowercase tx hash
      }
    }
    return delivered;
  }

  async #handle(
    message: StoredMessage,
    dst: RelayerChain,
    packet: Packet,
    error: unknown,
  ): Promise<DeliveryOutcome> {
    if (error instanceof LeaseLostError) return { kind: "lost" };
    if (error instanceof PacketAlreadyExecutedError) return this.#delivered(message, dst, undefined);
    if (error instanceof TransactionPendingError) {
      return this.#wait(message, `transaction ${error.hash} is still pending`, this.options.intervalMs);
    }
    if (error instanceof PacketNotVerifiedError) {
      if (error.missingNonce < packet.nonce) {
        // Another worker (or the DVNs) is on the earlier nonce: look again soon.
        return this.#wait(
          message,
          `waiting for nonce ${error.missingNonce} of the pathway to be verified`,
          this.options.intervalMs,
        );
      }
      if (this.options.mode === "production")
        return this.#wait(message, "waiting for the DVNs to verify the packet");
    }
    const failure = describeDeliveryFailure(error);
    if (failure.transient) {
      const delay = retryDelay({
        attempts: message.attempts,
        backoffMs: this.options.backoffMs,
        maxBackoffMs: this.options.maxBackoffMs,
      });
      return this.#wait(message, `${failure.reason} (RPC unavailable; not counted as an attempt)`, delay);
    }
    return this.#fail(message, error);
  }

  async #delivered(
    message: StoredMessage,
    dst: RelayerChain,
    execution: { txHash: Hash; blockNumber: bigint } | undefined,
  ): Promise<DeliveryOutcome> {
    const now = this.#clock.now();
    await this.messages.markDelivered({
      guid: message.guid,
      owner: this.options.replicaId,
      now: new Date(now),
      txHash: execution?.txHash,
      blockNumber: execution?.blockNumber,
    });
    const src = this.#chainName(message.src_eid);
    const what = `${message.message_type} ${src} -> ${dst.manifest.name} nonce ${message.nonce} (${message.guid})`;
    if (execution === undefined) {
      this.metrics.alreadyExecuted.inc({ dst: dst.manifest.name });
      this.#logger.log(`${what}: already executed on chain, marked delivered without a transaction`);
    } else {
      const seconds = Math.max(0, now - (await this.blockTimes.sentAt(message))) / 1_000;
      this.metrics.latency.observe({ src, dst: dst.manifest.name }, seconds);
      this.#logger.log(`${what}: delivered by ${execution.txHash} ${seconds.toFixed(3)} s after it was sent`);
    }
    return { kind: "delivered", txHash: execution?.txHash };
  }

  async #wait(
    message: StoredMessage,
    reason: string,
    delayMs = this.options.watchIntervalMs,
  ): Promise<DeliveryOutcome> {
    const now = this.#clock.now();
    await this.messages.deferLease({
      guid: message.guid,
      owner: this.options.replicaId,
      now: new Date(now),
      until: new Date(now + delayMs),
      reason,
    });
    this.#logger.debug(`${message.guid}: ${reason}`);
    return { kind: "waiting", reason };
  }

  async #fail(message: StoredMessage, error: unknown): Promise<DeliveryOutcome> {
    const failure = describeDeliveryFailure(error);
    const now = this.#clock.now();
    const delay = retryDelay({
      attempts: message.attempts,
      backoffMs: this.options.backoffMs,
      maxBackoffMs: this.options.maxBackoffMs,
    });
    const status = await this.messages.recordFailure({
      guid: message.guid,
      owner: this.options.replicaId,
      error: failure.reason,
      now: new Date(now),
      retryAt: new Date(now + delay),
      maxAttempts: this.options.maxAttempts,
    });
    const dst = this.#chainName(message.dst_eid);
    this.metrics.failures.inc({ dst, reason: failure.code });
    const attempt = message.attempts + 1;
    if (status === "dead") {
      this.metrics.dead.inc({ dst });
      this.#logger.error(
        `${message.guid}: dead after ${attempt} failed attempts (operator retry: POST /messages/${message.guid}/retry): ${failure.reason}`,
      );
    } else if (status === "failed") {
      this.#logger.warn(
        `${message.guid}: attempt ${attempt} failed, retry in ${delay} ms: ${failure.reason}`,
      );
    }
    return { kind: "failed", status, reason: failure.reason };
  }

  #chainName(eid: number): string {
    return this.chains.all().find(({ manifest }) => manifest.eid === eid)?.manifest.name ?? String(eid);
  }

  #now(): Date {
    return new Date(this.#clock.now());
  }
}
