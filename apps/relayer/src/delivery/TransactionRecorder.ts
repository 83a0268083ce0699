import { Injectable, Optional } from "@nestjs/common";
import {
  type Account,
  type Chain,
  createWalletClient,
  custom,
  type EIP1193RequestFn,
  type Hex,
  keccak256,
  parseTransaction,
  type Transport,
  type WalletClient,
} from "viem";
import type { RelayerChain } from "../chains/ChainRegistry.js";
import { Clock, SystemClock } from "../clock/Clock.js";
import { type StoredTransaction, TransactionRepository } from "../store/TransactionRepository.js";
import type { DeliveryPurpose } from "./deliveryPurposes.js";
import { TransactionBroadcaster } from "./TransactionBroadcaster.js";

/** Parameters of {@link TransactionRecorder.session}. */
export interface RecordingSessionParameters {
  chain: RelayerChain;
  /** The key's wallet client (from the chain registry: local account, nonce manager). */
  wallet: WalletClient<Transport, Chain, Account>;
  purpose: DeliveryPurpose;
  messageGuid?: string | undefined;
  /** Runs before each record; throwing stops the transaction before it is recorded or sent (a lost lease). */
  beforeRecord?: (() => void) | undefined;
}

/** A wallet client whose transactions are recorded before they are sent, and what it recorded. */
export interface RecordingSession {
  /** Use it like any wallet client: `writeContract`, `sendTransaction`, or the sdk's `verifyPacket`/`executePacket`. */
  wallet: WalletClient<Transport, Chain, Account>;
  /** The rows recorded through it, in order (a recorded row may not have reached the chain). */
  recorded: StoredTransaction[];
}

/**
 * Records every delivery transaction before it is broadcast. A session's wallet client signs
 * locally (the key's account, with the registry's nonce manager) exactly like the key's own; its
 * transport intercepts `eth_sendRawTransaction` and, in order: runs `beforeRecord`, stores the
 * signed transaction with its hash and nonce in `transactions` (`pending`), then hands it to the
 * {@link TransactionBroadcaster}. Every other request goes to the key's wallet client. A crash after
 * the record leaves a row a restart reconciles (see `TransactionReconciler`); a crash before it
 * sent nothing.
 */
@Injectable()
export class TransactionRecorder {
  readonly #clock: Clock;

  constructor(
    private readonly transactions: TransactionRepository,
    private readonly broadcaster: TransactionBroadcaster,
    @Optional() clock?: Clock,
  ) {
    this.#clock = clock ?? new SystemClock();
  }

  /** A recording wallet client for one action (one message, one purpose). */
  session(parameters: RecordingSessionParameters): RecordingSession {
    const { chain, wallet, purpose, messageGuid, beforeRecord } = parameters;
    const recorded: StoredTransaction[] = [];
    const forward = wallet.request as EIP1193RequestFn; // generic over its RPC schema; requests pass through unchanged
    const request = async ({ method, params }: { method: string; params?: unknown }): Promise<unknown> => {
      if (method !== "eth_sendRawTransaction") return forward({ method, params } as never); // same request, untyped
      const [raw] = params as [Hex]; // eth_sendRawTransaction's one parameter: the signed transaction
      beforeRecord?.();
      const row = await this.transactions.record({
        chainId: BigInt(chain.manifest.chainId),
        from: wallet.account.address,
        nonce: BigInt(parseTransaction(raw).nonce ?? 0),
        hash: keccak256(raw),
        purpose,
        messageGuid,
        raw,
        now: new Date(this.#clock.now()),
      });
      recorded.push(row);
      return this.broadcaster.broadcast({ chain, raw });
    };
    const recording = createWalletClient({
      account: wallet.account,
      chain: wallet.chain,
      pollingInterval: wallet.pollingInterval,
      transport: custom({ request }, { retryCount: 0 }),
    });
    return { wallet: recording, recorded };
  }
}
