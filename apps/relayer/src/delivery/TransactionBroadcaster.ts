import { Injectable } from "@nestjs/common";
import type { Hash, Hex } from "viem";
import type { RelayerChain } from "../chains/ChainRegistry.js";

/** Parameters of {@link TransactionBroadcaster.broadcast}. */
export interface BroadcastParameters {
  chain: RelayerChain;
  /** A signed, serialized transaction. */
  raw: Hex;
}

/**
 * Sends signed transactions (`eth_sendRawTransaction`) to a chain. The one place a delivery
 * transaction leaves the process, after it was recorded; tests replace it to simulate a crash
 * between the record and the broadcast.
 */
@Injectable()
export class TransactionBroadcaster {
  /** Sends `raw`; returns the hash the node answered. */
  async broadcast(parameters: BroadcastParameters): Promise<Hash> {
    const { chain, raw } = parameters;
    return chain.publicClient.sendRawTransaction({ serializedTransaction: raw });
  }
}
