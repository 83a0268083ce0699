// Test support: builds events of one chain with consecutive blocks, hashes and log indexes.
import type { Address, Hex } from "../projection/address.js";
import type { BallastEvent, BallastEventBase } from "../projection/events.js";

/** The fields of event `T` other than the base ones. */
export type EventFields<T extends BallastEvent["type"]> = Omit<
  Extract<BallastEvent, { type: T }>,
  keyof BallastEventBase | "type"
>;

/** A 20-byte address from a small number and a one-letter tag (readable in failures). */
export function address(tag: string, n: number): Address {
  return `0x${tag}${n.toString(16).padStart(39, "0")}`;
}

/** A 32-byte value from a number. */
export function bytes32(n: number | bigint, tag = "9"): Hex {
  return `0x${tag}${n.toString(16).padStart(63, "0")}`;
}

/** Events of one chain: `tx` opens a new block; events in it get consecutive log indexes. */
export class ChainLog {
  readonly eid: number;
  readonly chainId: number;
  blockNumber = 0n;
  private logIndex = 0;
  private timestamp = 0n;

  constructor(eid: number, chainId = 1000 + eid) {
    this.eid = eid;
    this.chainId = chainId;
  }

  /** Starts a new block at `timestamp`. */
  block(timestamp: bigint): this {
    this.blockNumber += 1n;
    this.logIndex = 0;
    this.timestamp = timestamp;
    return this;
  }

  get blockHash(): Hex {
    return bytes32(this.chainId * 1_000_000 + Number(this.blockNumber), "b");
  }

  emit<T extends BallastEvent["type"]>(type: T, fields: EventFields<T>): Extract<BallastEvent, { type: T }> {
    const base: BallastEventBase = {
      key: { chainId: this.chainId, blockHash: this.blockHash, logIndex: this.logIndex },
      eid: this.eid,
      blockNumber: this.blockNumber,
      blockTimestamp: this.timestamp,
    };
    this.logIndex += 2; // other contracts' logs (token transfers) sit between ours
    // The spread builds exactly the member of the union whose `type` is T.
    return { ...base, type, ...fields } as unknown as Extract<BallastEvent, { type: T }>;
  }
}
