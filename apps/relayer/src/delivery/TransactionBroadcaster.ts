import { Injectable } from "@nestjs/common";
import type { Hash, Hex } from "viem";
import type { RelayerChain } from "../chains/ChainRegistry.js";
import { isNonceGap } from "./isNonceGap.js";

/** Parameters of {@link TransactionBroadcaster.broadcast}. */
export interface BroadcastParameters {
  chain: RelayerChain;
  /** A signed, serialized transaction. */
  raw: Hex;
}

/** Pauses before each new try of a broadcast refused for a nonce gap (about 1.6 s in all). */
export const NONCE_GAP_RETRY_DELAYS_MS: readonly number[] = [25, 50, 100, 200, 400, 800];

/**
 * Sends signed transactions (`eth_sendRawTransaction`) to a chain. The one place a delivery
 * transaction leaves the process, after it was recorded; tests replace it to simulate a crash
 * between the record and the broadcast.
 *
 * Concurrent sends of one key (pathways delivered in parallel) get consecutive nonces, but each is
 * recorded before it is broadcast, so nonce n + 1 can reach the node before nonce n. A node that
 * queues it is fine; one that refuses a gap (Hardhat automining, some sequencers: "nonce too
 * high") would fail a delivery attempt for nothing. Such a refusal is tried again, with the same
 * signed bytes, after each of {@link NONCE_GAP_RETRY_DELAYS_MS}; if the gap never closes (the
 * earlier send died before its broadcast) the refusal is thrown as before.
 */
@Injectable()
export class TransactionBroadcaster {
  /** The pauses between tries after a nonce-gap refusal (tests shorten them). */
  protected readonly nonceGapRetryDelaysMs: readonly number[] = NONCE_GAP_RETRY_DELAYS_MS;

  /** Sends `raw`; returns the hash the node answered. */
  async broadcast(parameters: BroadcastParameters): Promise<Hash> {
    const { chain, raw } = parameters;
    for (let retry = 0; ; retry++) {
      try {
        return await chain.publicClient.sendRawTransaction({ serializedTransaction: raw });
      } catch (error) {
        const delay = this.nonceGapRetryDelaysMs[retry];
        if (delay === undefined || !isNonceGap(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
