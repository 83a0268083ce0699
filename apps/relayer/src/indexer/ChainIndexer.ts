import { Logger } from "@nestjs/common";
import { type Address, type Hex, numberToHex, type RpcBlock, type RpcLog } from "viem";
import type { RelayerChain } from "../chains/ChainRegistry.js";
import type { Clock } from "../clock/Clock.js";
import type { BlockRepository } from "../store/BlockRepository.js";
import type { ChainCursor, CursorRepository } from "../store/CursorRepository.js";
import type { Database } from "../store/Database.js";
import type { EventRepository } from "../store/EventRepository.js";
import type { MessageRepository } from "../store/MessageRepository.js";
import { buildRangeBatch, type RangeBatch, uniqueLogs } from "./buildRangeBatch.js";
import { findNonceGaps, findUnpairedSends } from "./checkCompleteness.js";
import { EventDecoder } from "./EventDecoder.js";
import { ChainMovedError, IndexerError, type NonceGap, NonceGapError } from "./errors.js";
import { watchedContracts } from "./watchedContracts.js";

/** The store a {@link ChainIndexer} writes through. */
export interface IndexerStore {
  db: Database;
  cursors: CursorRepository;
  blocks: BlockRepository;
  events: EventRepository;
  messages: MessageRepository;
}

/** Parameters of {@link ChainIndexer}. */
export interface ChainIndexerParameters {
  chain: RelayerChain;
  store: IndexerStore;
  clock: Clock;
  /** Extra reads of a range whose logs look incomplete (a nonce gap, a lone send event); default 2. */
  refetchAttempts?: number | undefined;
  /** Block headers kept per chain for finding a fork point; default 256. */
  blockHistory?: number | undefined;
  logger?: Logger | undefined;
}

/** What one {@link ChainIndexer.step} did. */
export type IndexStepResult =
  | { kind: "idle"; head: bigint; nextBlock: bigint }
  | {
      kind: "indexed";
      head: bigint;
      fromBlock: bigint;
      toBlock: bigint;
      nextBlock: bigint;
      /** Events newly stored (a re-read range stores nothing twice). */
      events: number;
      /** Messages newly created. */
      messages: number;
      /** Logs of unwatched contracts or other OApps that were dropped. */
      ignored: number;
      /** Extra `eth_getLogs` reads made because the logs looked incomplete. */
      refetches: number;
      /** Whether the cursor reached the confirmed head. */
      caughtUp: boolean;
    }
  | {
      kind: "rewound";
      head: bigint;
      forkBlock: bigint;
      nextBlock: bigint;
      removedEvents: number;
      removedMessages: number;
    };

interface Header {
  number: bigint;
  hash: Hex;
  parentHash: Hex;
}

/** Ranges read in a row after which a reduced range doubles back toward `maxBlockRange`. */
export const RANGE_GROWTH_AFTER = 16;

/**
 * Indexes one chain: each {@link step} reads the next range of at most `maxBlockRange` blocks (half
 * as many after each failed `eth_getLogs`, as when a provider caps its answer, doubled back after
 * every {@link RANGE_GROWTH_AFTER} ranges read) up to
 * `confirmations` behind the head, keeps the logs of our contracts (filtered by address in the
 * request and again on the result), and commits events, messages, block headers and the cursor in
 * one transaction. A range whose first block does not descend from the stored cursor hash (or a
 * tip whose hash changed) is a reorg: the indexer finds the newest stored block still on the chain
 * and rewinds to it, in one transaction. Outbound nonces must be gapless per pathway and every
 * `PacketSent` must come with its Ballast event: otherwise the range is read again (and, for a
 * hole below it, the blocks since the pathway's last message) before anything is committed.
 */
export class ChainIndexer {
  readonly chain: RelayerChain;
  readonly chainId: bigint;
  readonly eid: number;
  private readonly store: IndexerStore;
  private readonly clock: Clock;
  private readonly decoder: EventDecoder;
  private readonly oapps: Address[];
  private readonly refetchAttempts: number;
  private readonly blockHistory: number;
  private readonly logger: Logger;

  constructor(parameters: ChainIndexerParameters) {
    const { chain, store, clock, refetchAttempts = 2, blockHistory = 256 } = parameters;
    this.chain = chain;
    this.chainId = BigInt(chain.manifest.chainId);
    this.eid = chain.manifest.eid;
    this.store = store;
    this.clock = clock;
    this.decoder = new EventDecoder(watchedContracts(chain.manifest));
    this.oapps = [chain.manifest.contracts.collateralVault, chain.manifest.contracts.marginLedger];
    this.refetchAttempts = refetchAttempts;
    this.blockHistory = Math.max(2, blockHistory);
    this.logger = parameters.logger ?? new Logger(`Indexer ${chain.manifest.name}`);
    this.#range = chain.maxBlockRange;
  }

  /** Blocks the next range may span: `maxBlockRange`, halved after each failed read. */
  #range: number;
  /** Ranges read in a row since the last failure or growth. */
  #answered = 0;

  /** Reads, checks and commits the next range, rewinds after a reorg, or finds nothing new. */
  async step(): Promise<IndexStepResult> {
    const { cursors } = this.store;
    const cursor = await cursors.ensure({
      chainId: this.chainId,
      eid: this.eid,
      startBlock: this.chain.manifest.startBlock,
    });
    const head = await this.head();
    const next = cursor.next_block;
    const safe = head - BigInt(this.chain.confirmations);
    if (safe < next) {
      // Nothing confirmed to read: make sure the tip we stand on is still the chain's.
      if (cursor.indexed_block_hash !== null) {
        const tip = await this.header(next - 1n);
        if (tip === undefined || tip.hash !== cursor.indexed_block_hash) return this.rewind(cursor, head);
      }
      return { kind: "idle", head, nextBlock: next };
    }
    const to = min(next + BigInt(this.#range) - 1n, safe);
    const [fromHeader, toHeader] = await Promise.all([
      this.header(next),
      to === next ? undefined : this.header(to),
    ]);
    const last = toHeader ?? fromHeader;
    if (fromHeader === undefined || last === undefined) {
      throw new ChainMovedError(`blocks ${next}..${to} are not on the chain any more`);
    }
    if (cursor.indexed_block_hash !== null && fromHeader.parentHash !== cursor.indexed_block_hash) {
      return this.rewind(cursor, head);
    }

    let logs: RpcLog[];
    try {
      logs = await this.logs(next, to);
    } catch (error) {
      // Too many logs for one answer (a provider's cap, a timeout): the next try asks for half.
      this.#answered = 0;
      if (this.#range > 1) {
        this.#range = Math.max(1, Math.floor(this.#range / 2));
        this.logger.warn(
          `eth_getLogs of blocks ${next}..${to} failed; reading ${this.#range} blocks at a time`,
        );
      }
      throw error;
    }
    this.checkHashes(logs, [fromHeader, last]);
    let batch = this.batch(logs);
    let refetches = 0;
    let problems = await this.completeness(batch);
    while (problems.incomplete && refetches < this.refetchAttempts) {
      refetches++;
      this.logger.warn(`blocks ${next}..${to}: ${problems.reason}; reading them again`);
      const again = await this.logs(next, to);
      this.checkHashes(again, [fromHeader, last]);
      logs = uniqueLogs([...logs, ...again]);
      batch = this.batch(logs);
      problems = await this.completeness(batch);
    }
    if (problems.gaps.length > 0) {
      // The hole is below this range: a trailing log of an earlier range was dropped.
      const older = await this.refetchBelow(problems.gaps, next);
      refetches += older.reads;
      logs = uniqueLogs([...older.logs, ...logs]);
      batch = this.batch(logs);
      problems = await this.completeness(batch);
      if (problems.gaps.length > 0) {
        const unfillable = problems.gaps.filter((gap) => gap.lastKnownBlock !== undefined);
        if (unfillable.length > 0) throw new NonceGapError(unfillable);
        // A pathway with nothing stored whose first nonce is not 1: it was used before startBlock.
        for (const gap of problems.gaps) {
          this.logger.warn(
            `${gap.pathway} starts at nonce ${gap.found}: earlier nonces are before startBlock`,
          );
        }
      }
    }
    if (problems.unpaired.length > 0) {
      throw new IndexerError(
        `blocks ${next}..${to}: send events without their PacketSent (or the reverse) after ${refetches} re-reads: ${problems.unpaired.join(", ")}`,
      );
    }

    const written = await this.commit(cursor, batch, [fromHeader, last]);
    // Ranges that keep answering: grow back toward maxBlockRange, slowly (a cap keeps biting).
    if (++this.#answered >= RANGE_GROWTH_AFTER && this.#range < this.chain.maxBlockRange) {
      this.#range = Math.min(this.chain.maxBlockRange, this.#range * 2);
      this.#answered = 0;
    }
    return {
      kind: "indexed",
      head,
      fromBlock: next,
      toBlock: to,
      nextBlock: to + 1n,
      events: written.events,
      messages: written.messages,
      ignored: batch.ignored,
      refetches,
      caughtUp: to >= safe,
    };
  }

  /** Steps until the confirmed head is reached (or `maxSteps`); returns every step's result. */
  async syncToHead(maxSteps = 10_000): Promise<IndexStepResult[]> {
    const results: IndexStepResult[] = [];
    for (let i = 0; i < maxSteps; i++) {
      const result = await this.step();
      results.push(result);
      if (result.kind === "idle" || (result.kind === "indexed" && result.caughtUp)) return results;
    }
    throw new IndexerError(`not at the head after ${maxSteps} steps`);
  }

  private batch(logs: readonly RpcLog[]): RangeBatch {
    return buildRangeBatch({
      chainId: this.chainId,
      eid: this.eid,
      decoder: this.decoder,
      oapps: this.oapps,
      logs,
      now: new Date(this.clock.now()),
    });
  }

  private async completeness(batch: RangeBatch) {
    const heads = await this.store.messages.pathwayHeads(this.store.db, this.eid);
    const gaps = findNonceGaps(this.eid, batch.messages, heads);
    const unpaired = findUnpairedSends(batch.packetGuids, batch.sendEventGuids);
    const first = gaps[0];
    return {
      gaps,
      unpaired,
      incomplete: gaps.length > 0 || unpaired.length > 0,
      reason:
        first !== undefined
          ? `nonce ${first.expected} of ${first.pathway} is missing (found ${first.found})`
          : `${unpaired.length} send(s) without their pair`,
    };
  }

  /** Reads our logs from the oldest gap's last known block up to `below - 1`, in ranges. */
  private async refetchBelow(
    gaps: readonly NonceGap[],
    below: bigint,
  ): Promise<{ logs: RpcLog[]; reads: number }> {
    const start = gaps.reduce(
      (lowest, gap) => min(lowest, gap.lastKnownBlock ?? this.chain.manifest.startBlock),
      below,
    );
    const logs: RpcLog[] = [];
    let reads = 0;
    for (let from = start; from < below; from += BigInt(this.chain.maxBlockRange)) {
      const to = min(from + BigInt(this.chain.maxBlockRange) - 1n, below - 1n);
      this.logger.warn(`reading blocks ${from}..${to} again for a missing nonce`);
      logs.push(...(await this.logs(from, to)));
      reads++;
    }
    return { logs, reads };
  }

  private async commit(
    cursor: ChainCursor,
    batch: RangeBatch,
    headers: readonly Header[],
  ): Promise<{ events: number; messages: number }> {
    const { db, cursors, blocks, events, messages } = this.store;
    const now = new Date(this.clock.now());
    const first = headers[0];
    const last = headers[headers.length - 1];
    if (first === undefined || last === undefined) throw new IndexerError("a range without headers");
    return db.transaction().execute(async (trx) => {
      await cursors.lock(trx, this.chainId); // one writer per chain across replicas
      const inserted = await events.insert(trx, batch.events);
      const written = await messages.insert(trx, batch.messages);
      // Deliveries the relayer recorded from its own receipts in these blocks are checked against
      // the blocks' events too: a receipt of a block since reorged out delivered nothing.
      const receipted = await messages.deliveredBetween(trx, this.eid, first.number, last.number);
      await messages.syncEndpointFacts(
        trx,
        [...new Set([...written, ...batch.factGuids, ...receipted])],
        now,
        { eid: this.eid, fromBlock: first.number, toBlock: last.number },
      );
      const distinct = [...new Map(headers.map((header) => [header.number, header])).values()];
      await blocks.insert(
        trx,
        distinct.map((header) => ({
          chain_id: this.chainId,
          number: header.number,
          hash: header.hash,
          parent_hash: header.parentHash,
        })),
      );
      await blocks.prune(trx, this.chainId, this.blockHistory);
      await cursors.move(trx, {
        chainId: this.chainId,
        expectedNextBlock: cursor.next_block,
        nextBlock: last.number + 1n,
        indexedBlockHash: last.hash,
      });
      return { events: inserted, messages: written.length };
    });
  }

  /** Finds the newest stored block still on the chain and removes everything above it. */
  private async rewind(cursor: ChainCursor, head: bigint): Promise<IndexStepResult> {
    const { db, cursors, blocks, events, messages } = this.store;
    const stored = await blocks.recent(this.chainId, {
      atOrBelow: cursor.next_block - 1n,
      limit: this.blockHistory,
    });
    let fork: { number: bigint; hash: string } | undefined;
    for (const block of stored) {
      const onChain = await this.header(block.number);
      if (onChain?.hash === block.hash) {
        fork = block;
        break;
      }
    }
    // No stored block is on the chain any more: index again from the start.
    const forkBlock = fork?.number ?? cursor.start_block - 1n;
    const now = new Date(this.clock.now());
    const removed = await db.transaction().execute(async (trx) => {
      await cursors.lock(trx, this.chainId);
      const deleted = await events.deleteAbove(trx, this.chainId, forkBlock);
      await blocks.deleteAbove(trx, this.chainId, forkBlock);
      const detached = await messages.detachSentAbove(trx, this.chainId, forkBlock, now);
      // Deliveries above the fork, indexed or only known from the relayer's receipt, are undone.
      const receipted = await messages.deliveredBetween(trx, this.eid, forkBlock + 1n);
      await messages.syncEndpointFacts(trx, [...new Set([...deleted.guids, ...receipted])], now, {
        eid: this.eid,
        fromBlock: forkBlock + 1n,
      });
      await cursors.move(trx, {
        chainId: this.chainId,
        expectedNextBlock: cursor.next_block,
        nextBlock: forkBlock + 1n,
        indexedBlockHash: fork?.hash ?? null,
      });
      return { events: deleted.deleted, messages: detached.deleted.length };
    });
    this.logger.warn(
      `reorg: rewound from block ${cursor.next_block - 1n} to ${forkBlock}, removed ${removed.events} events and ${removed.messages} messages`,
    );
    return {
      kind: "rewound",
      head,
      forkBlock,
      nextBlock: forkBlock + 1n,
      removedEvents: removed.events,
      removedMessages: removed.messages,
    };
  }

  /** Logs at the first and last block must carry the headers' hashes, and each block one hash. */
  private checkHashes(logs: readonly RpcLog[], headers: readonly Header[]): void {
    const hashAt = new Map<bigint, string>(headers.map((header) => [header.number, header.hash]));
    for (const log of logs) {
      if (log.blockNumber === null || log.blockHash === null)
        throw new ChainMovedError("a pending log in a range");
      const number = BigInt(log.blockNumber);
      const hash = log.blockHash.toLowerCase();
      const known = hashAt.get(number);
      if (known === undefined) hashAt.set(number, hash);
      else if (known !== hash) throw new ChainMovedError(`block ${number} changed while its range was read`);
    }
  }

  private async head(): Promise<bigint> {
    return BigInt(await this.chain.publicClient.request({ method: "eth_blockNumber" }));
  }

  private async header(number: bigint): Promise<Header | undefined> {
    if (number < 0n) return undefined;
    const block: RpcBlock | null = await this.chain.publicClient.request({
      method: "eth_getBlockByNumber",
      params: [numberToHex(number), false],
    });
    if (block === null || block.hash === null) return undefined;
    return {
      number,
      hash: block.hash.toLowerCase() as Hex, // lowercase hex stays hex
      parentHash: block.parentHash.toLowerCase() as Hex, // lowercase hex stays hex
    };
  }

  private async logs(fromBlock: bigint, toBlock: bigint): Promise<RpcLog[]> {
    const logs = await this.chain.publicClient.request({
      method: "eth_getLogs",
      params: [
        {
          address: this.decoder.addresses(),
          topics: [this.decoder.topics()],
          fromBlock: numberToHex(fromBlock),
          toBlock: numberToHex(toBlock),
        },
      ],
    });
    // The request filtered by address; the decoder checks every address again.
    for (const log of logs) {
      if (
        log.blockNumber !== null &&
        (BigInt(log.blockNumber) < fromBlock || BigInt(log.blockNumber) > toBlock)
      ) {
        throw new ChainMovedError(
          `a log of block ${BigInt(log.blockNumber)} outside ${fromBlock}..${toBlock}`,
        );
      }
    }
    return logs;
  }
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
