import { Injectable } from "@nestjs/common";
import type { Hex } from "viem";
import { ChainRegistry } from "../chains/ChainRegistry.js";
import type { StoredMessage } from "../store/MessageRepository.js";

/** Most block timestamps kept. */
const CACHE_SIZE = 4_096;

/**
 * When messages were sent: the timestamp of their `PacketSent` block (read once per block and
 * cached), for the delivery latency and the stuck age. Never later than the message's
 * `created_at` (when the indexer stored it), so a chain whose clock runs ahead (a devnet that
 * warped time) does not yield negative ages; `created_at` alone when the block cannot be read.
 */
@Injectable()
export class BlockTimes {
  readonly #cache = new Map<string, number>();

  constructor(private readonly chains: ChainRegistry) {}

  /** Milliseconds since the epoch at which `message` was sent. */
  async sentAt(message: StoredMessage): Promise<number> {
    const created = message.created_at.getTime();
    const key = `${message.src_eid}:${message.sent_block_hash}`;
    let timestamp = this.#cache.get(key);
    if (timestamp === undefined) {
      try {
        const block = await this.chains
          .byEid(message.src_eid)
          .publicClient.getBlock({ blockHash: message.sent_block_hash as Hex }); // stored lowercase block hash
        timestamp = Number(block.timestamp) * 1_000;
      } catch {
        return created;
      }
      if (this.#cache.size >= CACHE_SIZE) {
        const oldest = this.#cache.keys().next().value;
        if (oldest !== undefined) this.#cache.delete(oldest);
      }
      this.#cache.set(key, timestamp);
    }
    return Math.min(timestamp, created);
  }
}
