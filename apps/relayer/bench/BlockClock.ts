import type { Chain, PublicClient, WebSocketTransport } from "viem";

/**
 * When each block of a chain appeared, by the wall clock of this process: new heads pushed over
 * WebSocket (`eth_subscribe`), so no polling interval blurs the times. The devnet mines in this
 * process, so a head arrives within a millisecond or so of its block being mined.
 */
export class BlockClock {
  readonly #seen = new Map<bigint, number>();
  readonly #unwatch: () => void;
  #errors = 0;

  constructor(client: PublicClient<WebSocketTransport, Chain>) {
    this.#unwatch = client.watchBlockNumber({
      emitMissed: true,
      onBlockNumber: (blockNumber) => {
        if (!this.#seen.has(blockNumber)) this.#seen.set(blockNumber, performance.now());
      },
      onError: () => {
        this.#errors++;
      },
    });
  }

  /**
   * The `performance.now()` at which block `blockNumber` (or, if its head was missed, the first
   * later block seen) appeared; undefined when no such block was seen yet.
   */
  timeOf(blockNumber: bigint): number | undefined {
    const exact = this.#seen.get(blockNumber);
    if (exact !== undefined) return exact;
    let best: number | undefined;
    let bestNumber: bigint | undefined;
    for (const [number, time] of this.#seen) {
      if (number > blockNumber && (bestNumber === undefined || number < bestNumber)) {
        bestNumber = number;
        best = time;
      }
    }
    return best;
  }

  /** Block numbers seen in `[from, to)` of wall time (performance.now()), ascending. */
  blocksBetween(from: number, to: number): bigint[] {
    return [...this.#seen]
      .filter(([, time]) => time >= from && time < to)
      .map(([number]) => number)
      .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  }

  /** Subscription errors so far. */
  get errors(): number {
    return this.#errors;
  }

  stop(): void {
    this.#unwatch();
  }
}
