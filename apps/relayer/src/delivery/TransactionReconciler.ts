import { Inject, Injectable, Logger, Optional } from "@nestjs/common";
import {
  type Account,
  type Address,
  type Chain,
  type Hex,
  TransactionNotFoundError,
  type TransactionReceipt,
  TransactionReceiptNotFoundError,
  type Transport,
  WaitForTransactionReceiptTimeoutError,
  type WalletClient,
} from "viem";
import { ChainRegistry, type KeyRole, type RelayerChain } from "../chains/ChainRegistry.js";
import { Clock, SystemClock } from "../clock/Clock.js";
import { type StoredTransaction, TransactionRepository } from "../store/TransactionRepository.js";
import { DeliveryMetrics } from "./DeliveryMetrics.js";
import { DELIVERY_OPTIONS, type DeliveryOptions } from "./deliveryOptions.js";
import { TransactionBroadcaster } from "./TransactionBroadcaster.js";
import { TransactionRecorder } from "./TransactionRecorder.js";

/** Where a recorded transaction stands on its chain. */
export type TransactionOutcome =
  | { kind: "mined"; receipt: TransactionReceipt }
  | { kind: "reverted"; receipt: TransactionReceipt }
  /** Known to the node (mempool) but not mined within the wait. */
  | { kind: "pending" }
  /** Unknown to the node, and its nonce was used by another transaction. */
  | { kind: "replaced" }
  /** Unknown to the node, and its nonce is still free: it never arrived (a crash between record and send). */
  | { kind: "unsent" };

/** Parameters of {@link TransactionReconciler.resolve}. */
export interface ResolveTransactionParameters {
  /**
   * Whether the transaction is still wanted when it never arrived (e.g. the packet is not executed
   * yet): then the stored signed transaction is sent again; otherwise it is dropped.
   */
  stillNeeded: () => Promise<boolean>;
}

/** The key roles that sign delivery transactions. */
const DELIVERY_ROLES: readonly KeyRole[] = ["executor", "verifier"];

/**
 * Finds out what became of recorded transactions and finishes them: `inspect` reads the chain
 * (receipt -> mined or reverted; in the mempool -> waits for it; unknown with its nonce used ->
 * replaced; unknown with its nonce free -> unsent) and writes the outcome to `transactions`;
 * `resolve` also acts on an unsent one: the stored signed transaction is broadcast again when it
 * is still needed, else dropped, and when a later transaction of the same sender waits behind its
 * nonce, the nonce is used up by a 0-value transfer to itself (recorded as `nonce-fill`), so the
 * later one is not stuck behind a gap.
 */
@Injectable()
export class TransactionReconciler {
  readonly #logger = new Logger(TransactionReconciler.name);
  readonly #clock: Clock;

  constructor(
    private readonly chains: ChainRegistry,
    private readonly transactions: TransactionRepository,
    private readonly broadcaster: TransactionBroadcaster,
    private readonly recorder: TransactionRecorder,
    private readonly metrics: DeliveryMetrics,
    @Inject(DELIVERY_OPTIONS) private readonly options: DeliveryOptions,
    @Optional() clock?: Clock,
  ) {
    this.#clock = clock ?? new SystemClock();
  }

  /** The chain a recorded transaction was sent on; throws for a chain the manifest does not have. */
  chainOf(tx: StoredTransaction): RelayerChain {
    const chain = this.chains.all().find(({ manifest }) => BigInt(manifest.chainId) === tx.chain_id);
    if (chain === undefined)
      throw new Error(`transaction ${tx.hash} is on chain ${tx.chain_id}, not in the manifest`);
    return chain;
  }

  /** The delivery key's wallet client that sent `tx`, if this relayer holds the key. */
  walletOf(tx: StoredTransaction): WalletClient<Transport, Chain, Account> | undefined {
    const chain = this.chainOf(tx);
    for (const role of DELIVERY_ROLES) {
      const wallet = this.chains.wallet(chain.manifest.eid, role);
      if (wallet?.account.address.toLowerCase() === tx.from_address) return wallet;
    }
    return undefined;
  }

  /**
   * What became of `tx` (see {@link TransactionOutcome}); waits up to `waitMs` (default
   * `receiptTimeoutMs`) for one that is in the mempool. Records mined, reverted and replaced.
   */
  async inspect(tx: StoredTransaction, waitMs = this.options.receiptTimeoutMs): Promise<TransactionOutcome> {
    const chain = this.chainOf(tx);
    const { publicClient } = chain;
    const hash = tx.hash as Hex; // stored lowercase hex from the signed transaction's keccak256
    let receipt = await publicClient
      .getTransactionReceipt({ hash })
      .catch((error: unknown) => notFound(error, TransactionReceiptNotFoundError));
    if (receipt === undefined) {
      const known = await publicClient
        .getTransaction({ hash })
        .catch((error: unknown) => notFound(error, TransactionNotFoundError));
      if (known !== undefined) {
        try {
          receipt = await publicClient.waitForTransactionReceipt({ hash, timeout: waitMs });
        } catch (error) {
          if (error instanceof WaitForTransactionReceiptTimeoutError) return { kind: "pending" };
          throw error;
        }
      }
    }
    if (receipt !== undefined) return this.#finish(tx, chain, receipt);

    const used = await publicClient.getTransactionCount({
      address: tx.from_address as Address, // stored lowercase from the signing account
      blockTag: "latest",
    });
    if (BigInt(used) > tx.nonce) {
      await this.transactions.setStatus(tx.chain_id, tx.hash, {
        status: "replaced",
        error: `nonce ${tx.nonce} was used by another transaction`,
        now: this.#now(),
      });
      this.metrics.transactions.inc({ chain: chain.manifest.name, purpose: tx.purpose, outcome: "replaced" });
      return { kind: "replaced" };
    }
    return { kind: "unsent" };
  }

  /**
   * {@link inspect}, then for an unsent transaction: broadcast the stored signed transaction
   * again when `stillNeeded()` says so, else drop it (using up its nonce first when a later
   * pending transaction of the sender waits behind it). Returns the final outcome (`unsent` for
   * one dropped).
   */
  async resolve(
    tx: StoredTransaction,
    parameters: ResolveTransactionParameters,
  ): Promise<TransactionOutcome> {
    const outcome = await this.inspect(tx);
    if (outcome.kind !== "unsent") return outcome;
    const chain = this.chainOf(tx);
    if (tx.raw !== null && (await parameters.stillNeeded())) {
      this.#logger.log(
        `${chain.manifest.name}: sending recorded ${tx.purpose} transaction ${tx.hash} (nonce ${tx.nonce}) again`,
      );
      this.metrics.transactions.inc({
        chain: chain.manifest.name,
        purpose: tx.purpose,
        outcome: "rebroadcast",
      });
      const raw = tx.raw as Hex; // checked non-null above; stored as the signed transaction's hex
      await this.broadcaster.broadcast({ chain, raw }).catch((error: unknown) => {
        // "already known", "nonce too low": what the chain holds now says what happened
        this.#logger.warn(`${chain.manifest.name}: rebroadcast of ${tx.hash}: ${shortMessage(error)}`);
      });
      return this.inspect(tx);
    }
    const later = (await this.transactions.pending(tx.chain_id, tx.from_address)).some(
      (other) => other.nonce > tx.nonce && other.id !== tx.id,
    );
    const wallet = this.walletOf(tx);
    if (later && wallet !== undefined) {
      const session = this.recorder.session({ chain, wallet, purpose: "nonce-fill" });
      const hash = await session.wallet.sendTransaction({
        to: wallet.account.address,
        value: 0n,
        nonce: Number(tx.nonce),
        gas: 21_000n,
      });
      await chain.publicClient.waitForTransactionReceipt({ hash, timeout: this.options.receiptTimeoutMs });
      const [filler] = session.recorded;
      if (filler !== undefined) await this.inspect(filler, 0);
    }
    await this.transactions.setStatus(tx.chain_id, tx.hash, {
      status: "dropped",
      error: later
        ? "not needed any more; its nonce was used up by a 0-value transfer"
        : "not needed any more",
      now: this.#now(),
    });
    this.metrics.transactions.inc({ chain: chain.manifest.name, purpose: tx.purpose, outcome: "dropped" });
    return outcome;
  }

  /** Records a mined transaction's outcome. */
  async #finish(
    tx: StoredTransaction,
    chain: RelayerChain,
    receipt: TransactionReceipt,
  ): Promise<TransactionOutcome> {
    const kind = receipt.status === "success" ? "mined" : "reverted";
    await this.transactions.setStatus(tx.chain_id, tx.hash, {
      status: kind,
      blockNumber: receipt.blockNumber,
      error: kind === "reverted" ? "reverted on chain" : undefined,
      now: this.#now(),
    });
    this.metrics.transactions.inc({ chain: chain.manifest.name, purpose: tx.purpose, outcome: kind });
    return { kind, receipt };
  }

  #now(): Date {
    return new Date(this.#clock.now());
  }
}

/** `undefined` for viem's not-found error of the given class; anything else is thrown again. */
function notFound(error: unknown, type: abstract new (...args: never[]) => Error): undefined {
  if (error instanceof type) return undefined;
  throw error;
}

function shortMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // viem's BaseError adds a one-line `shortMessage`
  const short = (error as Error & { shortMessage?: unknown }).shortMessage; // viem's BaseError, when it is one
  return (typeof short === "string" ? short : error.message).split("\n")[0] ?? error.name;
}
