import { collateralVaultAbi, marginLedgerAbi } from "@ballast/contracts";
import { getAccount, getLane } from "@ballast/margin";
import { type ManifestChain, parseManifest } from "@ballast/sdk";
import { Registry } from "prom-client";
import { type Hex, numberToHex, pad } from "viem";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { SystemClock } from "../../src/clock/Clock.js";
import { ProjectionService } from "../../src/projection/ProjectionService.js";
import { CursorRepository } from "../../src/store/CursorRepository.js";
import { EventRepository, type NewEvent } from "../../src/store/EventRepository.js";
import { manifestFixture } from "../manifestFixture.js";
import { eventRowOf } from "../support/eventRows.js";
import { BACKENDS, useTestDatabase } from "../support/testDatabase.js";

const manifest = parseManifest(manifestFixture());
function chainAt(index: number): ManifestChain {
  const chain = manifest.chains[index];
  if (chain === undefined) throw new Error(`the fixture has no chain ${index}`);
  return chain;
}
const a = chainAt(0);
const b = chainAt(1);
const alice = "0x00000000000000000000000000000000000A11cE";
const usdc = a.tokens.usdc;
const guidOf = (n: number) => pad(numberToHex(n), { size: 32 });
/** A block hash whose first byte names the fork and the rest the block number. */
const hashOf = (fork: string, n: bigint): Hex => `0x${fork}${n.toString(16).padStart(62, "0")}`;

function lockRow(
  blockNumber: bigint,
  logIndex: number,
  amount: bigint,
  guid: Hex,
  blockHash?: Hex,
): NewEvent {
  return eventRowOf({
    chain: a,
    address: a.contracts.collateralVault,
    abi: collateralVaultAbi,
    eventName: "Locked",
    args: { guid, dstEid: b.eid, asset: usdc, sender: alice, beneficiary: alice, amount, rate: 0n },
    blockNumber,
    logIndex,
    blockHash,
  });
}

function creditRow(blockNumber: bigint, logIndex: number, amount: bigint, guid: Hex): NewEvent {
  return eventRowOf({
    chain: b,
    address: b.contracts.marginLedger,
    abi: marginLedgerAbi,
    eventName: "Credited",
    args: { guid, srcEid: a.eid, asset: usdc, account: alice, amount, valued: amount, parked: 0n },
    blockNumber,
    logIndex,
  });
}

describe.each(BACKENDS)("ProjectionService on %s", (backend) => {
  const db = useTestDatabase(backend);
  let events: EventRepository;
  let cursors: CursorRepository;
  let service: ProjectionService;

  beforeEach(() => {
    events = new EventRepository(db());
    cursors = new CursorRepository(db());
    service = new ProjectionService(db(), events, cursors, manifest, new SystemClock(), new Registry());
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Stores a range as the indexer commits it: the rows and the cursor moved to `nextBlock`. */
  async function commit(chain: typeof a, rows: NewEvent[], nextBlock: bigint, hash: Hex): Promise<void> {
    await db()
      .transaction()
      .execute(async (trx) => {
        const cursor = await cursors.ensure(
          { chainId: BigInt(chain.chainId), eid: chain.eid, startBlock: 0n },
          trx,
        );
        await events.insert(trx, rows);
        await cursors.move(trx, {
          chainId: BigInt(chain.chainId),
          expectedNextBlock: cursor.next_block,
          nextBlock,
          indexedBlockHash: hash,
        });
      });
  }

  test("reads what was stored since the last refresh, per chain, and gives the blocks it is exact at", async () => {
    const empty = await service.refresh();
    expect(empty.eventsApplied).toBe(0);
    expect(empty.chains.map(({ blockNumber }) => blockNumber)).toEqual([undefined, undefined, undefined]);

    await commit(a, [lockRow(5n, 0, 700n, guidOf(1))], 6n, hashOf("aa", 5n));
    const locked = await service.refresh();
    expect(getLane(locked.state, a.eid, b.eid, usdc).inFlightLock).toBe(700n);
    expect(getAccount(locked.state, alice).inFlightLocks.map(({ guid }) => guid)).toEqual([guidOf(1)]);
    expect(locked.chains[0]).toMatchObject({
      eid: a.eid,
      blockNumber: 5n,
      blockHash: hashOf("aa", 5n),
      rows: 1,
    });
    expect(locked.chains[1]?.blockNumber).toBeUndefined();

    await commit(b, [creditRow(9n, 3, 700n, guidOf(1))], 10n, hashOf("bb", 9n));
    const read = vi.spyOn(events, "listInIdOrder");
    const credited = await service.refresh();
    const lane = getLane(credited.state, a.eid, b.eid, usdc);
    expect([lane.inFlightLock, lane.ledgerCredited, lane.vaultLocked]).toEqual([0n, 700n, 700n]);
    expect(credited.chains[1]).toMatchObject({ blockNumber: 9n, rows: 1 });
    expect(credited.eventsApplied).toBe(2);
    // Each chain is read after its own watermark: chain a's lock is not read again.
    expect(read.mock.calls.map(([filter]) => [filter?.chainId, filter?.afterId])).toEqual([
      [BigInt(a.chainId), locked.chains[0]?.lastEventId],
      [BigInt(b.chainId), 0n],
      [BigInt(manifest.chains[2]?.chainId ?? 0), 0n],
    ]);

    const again = await service.refresh();
    expect(again.eventsApplied).toBe(2);
    expect(again.rebuilds).toBe(0);
    expect(again.state).toBe(credited.state);
  });

  test("an indexer rewind (events deleted, others stored in their place) rebuilds the projection from scratch", async () => {
    await commit(
      a,
      [lockRow(5n, 0, 100n, guidOf(1), hashOf("aa", 5n)), lockRow(6n, 0, 20n, guidOf(2), hashOf("aa", 6n))],
      7n,
      hashOf("aa", 6n),
    );
    const before = await service.refresh();
    expect(getLane(before.state, a.eid, b.eid, usdc).lockedSent).toBe(120n);

    // A reorg at block 6: the indexer deletes above 5, then indexes the new block 6 (another lock).
    await db()
      .transaction()
      .execute(async (trx) => {
        await events.deleteAbove(trx, BigInt(a.chainId), 5n);
        await cursors.move(trx, {
          chainId: BigInt(a.chainId),
          expectedNextBlock: 7n,
          nextBlock: 6n,
          indexedBlockHash: hashOf("aa", 5n),
        });
      });
    await commit(a, [lockRow(6n, 0, 3n, guidOf(3), hashOf("cc", 6n))], 7n, hashOf("cc", 6n));
    // Same number of rows on the chain as before: only the check of what was read tells.
    expect(await events.count({ chainId: BigInt(a.chainId) })).toBe(2);

    const after = await service.refresh();
    expect(after.rebuilds).toBe(1);
    const lane = getLane(after.state, a.eid, b.eid, usdc);
    expect(lane.lockedSent).toBe(103n);
    expect(lane.inFlight.map(({ guid }) => guid).sort()).toEqual([guidOf(1), guidOf(3)].sort());
    expect(after.chains[0]).toMatchObject({ blockNumber: 6n, blockHash: hashOf("cc", 6n), rows: 2 });
    expect(after.eventsApplied).toBe(2);
  });

  test("a row that does not convert is skipped and counted; the rest of its page applies", async () => {
    const broken = {
      ...lockRow(5n, 1, 1n, guidOf(9)),
      args: JSON.stringify({ guid: guidOf(9), amount: "many" }),
    };
    await commit(
      a,
      [lockRow(5n, 0, 40n, guidOf(1)), broken, lockRow(5n, 2, 2n, guidOf(2))],
      6n,
      hashOf("aa", 5n),
    );
    const snapshot = await service.refresh();
    expect(snapshot.skipped).toBe(1);
    expect(snapshot.eventsApplied).toBe(2);
    expect(getLane(snapshot.state, a.eid, b.eid, usdc).lockedSent).toBe(42n);
  });

  test("concurrent callers share the refresh in progress", async () => {
    await commit(a, [lockRow(5n, 0, 40n, guidOf(1))], 6n, hashOf("aa", 5n));
    const first = service.refresh();
    const second = service.refresh();
    expect(second).toBe(first);
    expect((await first).eventsApplied).toBe(1);
    expect(service.current().eventsApplied).toBe(1);
  });
});
