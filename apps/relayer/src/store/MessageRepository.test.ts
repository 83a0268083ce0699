import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { eventRow, hash32, messageRow } from "../../test/support/storeFixtures.js";
import {
  BACKENDS,
  createTestPostgresDatabase,
  stopTestPostgres,
  useTestDatabase,
} from "../../test/support/testDatabase.js";
import { CursorRepository } from "./CursorRepository.js";
import { createDatabase } from "./createDatabase.js";
import type { Database } from "./Database.js";
import { EventRepository } from "./EventRepository.js";
import { MessageRepository } from "./MessageRepository.js";
import { migrateToLatest } from "./migrateToLatest.js";

const T0 = new Date("2026-01-01T00:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describe.each(BACKENDS)("MessageRepository on %s", (backend) => {
  const db = useTestDatabase(backend);
  const messages = () => new MessageRepository(db());

  test("insert keeps one row per guid and per pathway nonce; amounts stay exact", async () => {
    const rows = [messageRow({ nonce: 1n, amount: 2n ** 128n - 1n }), messageRow({ nonce: 2n })];
    expect(await messages().insert(db(), rows)).toEqual(rows.map((row) => row.guid));
    expect(await messages().insert(db(), rows)).toEqual([]);
    expect((await messages().get(hash32("guid 1")))?.amount).toBe(2n ** 128n - 1n);
    // another guid on a taken (pathway, nonce) is a corruption the schema refuses
    await expect(
      messages().insert(db(), [messageRow({ nonce: 1n, guid: hash32("other") })]),
    ).rejects.toThrow();
    // the same nonce on another pathway (same src and dst eids, other sender) is fine
    await messages().insert(db(), [
      messageRow({ nonce: 1n, guid: hash32("ledger 1"), sender: hash32("ledger") }),
    ]);
    expect(await messages().countByStatus()).toMatchObject({ sent: 3, delivered: 0 });
  });

  test("a packet re-included in another block after a reorg takes its new position", async () => {
    await messages().insert(db(), [messageRow({ nonce: 1n })]);
    const moved = messageRow({ nonce: 1n, sent_block_number: 99n, sent_block_hash: hash32("new fork") });
    expect(await messages().insert(db(), [moved])).toEqual([moved.guid]);
    expect(await messages().get(moved.guid)).toMatchObject({
      sent_block_number: 99n,
      sent_block_hash: hash32("new fork"),
    });
  });

  test("pathwayHeads gives the highest nonce of each pathway and its block", async () => {
    await messages().insert(db(), [
      messageRow({ nonce: 1n }),
      messageRow({ nonce: 2n }),
      messageRow({ nonce: 1n, guid: hash32("ledger 1"), sender: hash32("ledger") }),
      messageRow({ nonce: 5n, guid: hash32("other src"), src_eid: 40_103 }),
    ]);
    const heads = await messages().pathwayHeads(db(), 40_101);
    expect(
      heads.map(({ sender, nonce, sent_block_number }) => ({ sender, nonce, sent_block_number })),
    ).toEqual(
      expect.arrayContaining([
        { sender: messageRow({ nonce: 1n }).sender, nonce: 2n, sent_block_number: 12n },
        { sender: hash32("ledger"), nonce: 1n, sent_block_number: 11n },
      ]),
    );
    expect(heads).toHaveLength(2);
  });

  test("syncEndpointFacts follows the destination's verified and delivered events, both ways", async () => {
    const guid = hash32("guid 1");
    await messages().insert(db(), [messageRow({ nonce: 1n })]);
    await new CursorRepository(db()).ensure({ chainId: 31_402n, eid: 40_102, startBlock: 0n });
    const events = new EventRepository(db());
    const endpointEvent = (eventName: string, blockNumber: bigint) =>
      eventRow({
        blockNumber,
        logIndex: 0,
        chain_id: 31_402n,
        contract: "endpoint",
        event_name: eventName,
        guid,
      });
    await events.insert(db(), [endpointEvent("PacketVerified", 5n)]);
    const all = { eid: 40_102, fromBlock: 0n };
    expect(await messages().syncEndpointFacts(db(), [guid], at(1), all)).toBe(1);
    expect(await messages().get(guid)).toMatchObject({
      status: "verified",
      verified_block_number: 5n,
      verified_at: at(1),
    });
    expect(await messages().syncEndpointFacts(db(), [guid], at(2), all)).toBe(0);

    await events.insert(db(), [endpointEvent("PacketDelivered", 6n)]);
    await messages().syncEndpointFacts(db(), [guid], at(3), all);
    expect(await messages().get(guid)).toMatchObject({
      status: "delivered",
      delivered_block_number: 6n,
      delivered_at: at(3),
      verified_at: at(1),
    });

    // a reorg of the destination removes the delivery
    await events.deleteAbove(db(), 31_402n, 5n);
    await messages().syncEndpointFacts(db(), [guid], at(4), { eid: 40_102, fromBlock: 6n });
    expect(await messages().get(guid)).toMatchObject({
      status: "verified",
      delivered_block_number: null,
      delivered_at: null,
    });
    await events.deleteAbove(db(), 31_402n, 0n);
    await messages().syncEndpointFacts(db(), [guid], at(5), { eid: 40_102, fromBlock: 1n });
    expect(await messages().get(guid)).toMatchObject({ status: "sent", verified_block_number: null });
  });

  test("syncEndpointFacts keeps a delivery known from the relayer's receipt until the destination's indexer examines its block", async () => {
    const guid = hash32("guid 1");
    await messages().insert(db(), [
      messageRow({
        nonce: 1n,
        status: "delivered",
        verified_block_number: 30n,
        verified_tx_hash: hash32("verify"),
        delivered_block_number: 31n,
        delivered_tx_hash: hash32("execute"),
      }),
    ]);
    // The source chain's indexer (another eid), or the destination's below the receipt's block: kept.
    expect(await messages().syncEndpointFacts(db(), [guid], at(1), { eid: 40_101, fromBlock: 0n })).toBe(0);
    expect(
      await messages().syncEndpointFacts(db(), [guid], at(2), { eid: 40_102, fromBlock: 0n, toBlock: 29n }),
    ).toBe(0);
    expect(await messages().get(guid)).toMatchObject({
      status: "delivered",
      delivered_tx_hash: hash32("execute"),
    });
    // The destination's indexer committed block 31 without the delivery (reorged out): undone, the
    // verification in block 30 too.
    expect(
      await messages().syncEndpointFacts(db(), [guid], at(3), { eid: 40_102, fromBlock: 30n, toBlock: 31n }),
    ).toBe(1);
    expect(await messages().get(guid)).toMatchObject({
      status: "sent",
      verified_block_number: null,
      delivered_block_number: null,
      delivered_tx_hash: null,
    });
  });

  test("deliveredBetween finds the messages to a chain delivered in a block range, however recorded", async () => {
    await messages().insert(db(), [
      messageRow({ nonce: 1n, status: "delivered", delivered_block_number: 20n }),
      messageRow({ nonce: 2n, status: "delivered", delivered_block_number: 25n }),
      messageRow({ nonce: 3n, status: "delivered", delivered_block_number: null }),
      messageRow({ nonce: 4n }),
    ]);
    const dstEid = messageRow({ nonce: 1n }).dst_eid;
    expect(await messages().deliveredBetween(db(), dstEid, 20n, 24n)).toEqual([hash32("guid 1")]);
    expect((await messages().deliveredBetween(db(), dstEid, 21n)).sort()).toEqual([hash32("guid 2")]);
    expect((await messages().deliveredBetween(db(), dstEid, 0n)).sort()).toEqual(
      [hash32("guid 1"), hash32("guid 2")].sort(),
    );
    expect(await messages().deliveredBetween(db(), dstEid + 1, 0n)).toEqual([]);
  });

  test("detachSentAbove deletes reorged-out packets but keeps and flags those the destination acted on", async () => {
    await messages().insert(db(), [
      messageRow({ nonce: 1n }), // block 11
      messageRow({ nonce: 2n }), // block 12
      messageRow({ nonce: 3n, verified_block_number: 40n, status: "verified" }), // block 13
    ]);
    const result = await messages().detachSentAbove(db(), 31_401n, 11n, at(0));
    expect(result).toEqual({ deleted: [hash32("guid 2")], flagged: [hash32("guid 3")] });
    expect(await messages().get(hash32("guid 2"))).toBeUndefined();
    expect((await messages().get(hash32("guid 3")))?.last_error).toMatch(/reorged out/);
    expect(await messages().get(hash32("guid 1"))).toBeDefined();
    // Verified, but its send is gone: never leased; indexed again in another block, it is due again.
    expect((await messages().get(hash32("guid 3")))?.source_reorged_at).toEqual(at(0));
    const lease = () => messages().lease({ owner: "r1", now: at(10), leaseMs: 1, limit: 10 });
    expect((await lease()).map(({ nonce }) => nonce)).toEqual([1n]);
    await messages().insert(db(), [
      messageRow({ nonce: 3n, sent_block_number: 14n, sent_block_hash: hash32("block 14"), amount: 9n }),
    ]);
    const back = await messages().get(hash32("guid 3"));
    expect(back).toMatchObject({
      source_reorged_at: null,
      last_error: null,
      sent_block_number: 14n,
      amount: 9n,
    });
    expect(
      (await messages().lease({ owner: "r2", now: at(20), leaseMs: 1, limit: 10 })).map(({ nonce }) => nonce),
    ).toEqual([1n, 3n]);
  });

  test("lease hands each due message to one owner until the lease expires", async () => {
    await messages().insert(db(), [
      messageRow({ nonce: 1n, created_at: at(1) }),
      messageRow({ nonce: 2n, created_at: at(2) }),
      messageRow({ nonce: 3n, created_at: at(3), status: "failed", next_attempt_at: at(60_000) }),
      messageRow({ nonce: 4n, created_at: at(4), status: "delivered" }),
    ]);
    const first = await messages().lease({ owner: "r1", now: at(10), leaseMs: 1_000, limit: 10 });
    expect(first.map((m) => m.nonce)).toEqual([1n, 2n]);
    expect(
      first.every((m) => m.lease_owner === "r1" && m.lease_until?.getTime() === at(1_010).getTime()),
    ).toBe(true);
    expect(await messages().lease({ owner: "r2", now: at(20), leaseMs: 1_000, limit: 10 })).toEqual([]);
    // r1's leases expire; the failed one becomes due
    const second = await messages().lease({ owner: "r2", now: at(60_000), leaseMs: 1_000, limit: 10 });
    expect(second.map((m) => [m.nonce, m.lease_owner])).toEqual([
      [1n, "r2"],
      [2n, "r2"],
      [3n, "r2"],
    ]);
    expect(await messages().renewLease(hash32("guid 1"), "r1", at(60_001), 1_000)).toBe(false);
    expect(await messages().renewLease(hash32("guid 1"), "r2", at(60_001), 5_000)).toBe(true);
    expect(await messages().releaseLease(hash32("guid 2"), "r1")).toBe(false);
    expect(await messages().releaseLease(hash32("guid 2"), "r2")).toBe(true);
    expect(
      (await messages().lease({ owner: "r3", now: at(60_002), leaseMs: 1, limit: 10 })).map((m) => m.nonce),
    ).toEqual([2n]);
  });

  test("lease leaves out the pathways it is told to (another pass is on them)", async () => {
    const other = hash32("other receiver");
    await messages().insert(db(), [
      messageRow({ nonce: 1n, created_at: at(1) }),
      messageRow({ nonce: 2n, created_at: at(2), receiver: other }),
    ]);
    const busy = messageRow({ nonce: 1n });
    const leased = await messages().lease({
      owner: "r1",
      now: at(10),
      leaseMs: 1_000,
      limit: 10,
      excludePathways: [
        { src_eid: busy.src_eid, sender: busy.sender, dst_eid: busy.dst_eid, receiver: busy.receiver },
      ],
    });
    expect(leased.map(({ nonce, receiver }) => [nonce, receiver])).toEqual([[2n, other]]);
  });

  test("recordFailure counts attempts, schedules the retry and ends dead after maxAttempts", async () => {
    const guid = hash32("guid 1");
    await messages().insert(db(), [messageRow({ nonce: 1n })]);
    const fail = async (owner: string, n: number) => {
      await messages().lease({ owner, now: at(n * 1_000), leaseMs: 100, limit: 1 });
      return messages().recordFailure({
        guid,
        owner,
        error: `boom ${n}`,
        now: at(n * 1_000),
        retryAt: at(n * 1_000 + 500),
        maxAttempts: 2,
      });
    };
    expect(
      await messages().recordFailure({
        guid,
        owner: "nobody",
        error: "x",
        now: at(0),
        retryAt: at(0),
        maxAttempts: 2,
      }),
    ).toBeUndefined();
    expect(await fail("r1", 1)).toBe("failed");
    expect(await messages().get(guid)).toMatchObject({
      attempts: 1,
      next_attempt_at: at(1_500),
      last_error: "boom 1",
      lease_owner: null,
    });
    expect(await fail("r1", 2)).toBe("dead");
    expect(await messages().get(guid)).toMatchObject({ attempts: 2, status: "dead", next_attempt_at: null });
    // dead is not leased again
    expect(await messages().lease({ owner: "r1", now: at(9_999), leaseMs: 100, limit: 10 })).toEqual([]);
  });
});

describe("MessageRepository leases on a PostgreSQL server, two replicas", () => {
  let replicaA: Database;
  let replicaB: Database;
  beforeAll(async () => {
    const url = await createTestPostgresDatabase();
    replicaA = await createDatabase({ url });
    replicaB = await createDatabase({ url });
    await migrateToLatest(replicaA);
    await migrateToLatest(replicaB); // the second replica finds nothing to do
  });
  beforeEach(async () => {
    await sql`truncate messages cascade`.execute(replicaA);
  });
  afterAll(async () => {
    await replicaA?.destroy();
    await replicaB?.destroy();
    await stopTestPostgres();
  });

  test("a lease skips, without waiting, the rows another replica's open transaction is leasing", async () => {
    await new MessageRepository(replicaA).insert(
      replicaA,
      [1n, 2n, 3n, 4n].map((nonce) => messageRow({ nonce, created_at: at(Number(nonce)) })),
    );
    const taken = await replicaA.transaction().execute(async (trx) => {
      const mine = await new MessageRepository(replicaA).lease(
        { owner: "A", now: at(10), leaseMs: 1_000, limit: 2 },
        trx,
      );
      // A's transaction still holds its rows locked: B must get the others at once
      const theirs = await new MessageRepository(replicaB).lease({
        owner: "B",
        now: at(10),
        leaseMs: 1_000,
        limit: 4,
      });
      return { mine, theirs };
    });
    expect(taken.mine.map((m) => m.nonce)).toEqual([1n, 2n]);
    expect(taken.theirs.map((m) => m.nonce)).toEqual([3n, 4n]);
    const owners = await replicaB
      .selectFrom("messages")
      .select(["nonce", "lease_owner"])
      .orderBy("nonce")
      .execute();
    expect(owners).toEqual([
      { nonce: 1n, lease_owner: "A" },
      { nonce: 2n, lease_owner: "A" },
      { nonce: 3n, lease_owner: "B" },
      { nonce: 4n, lease_owner: "B" },
    ]);
  });

  test("replicas leasing at the same moment never share a message", async () => {
    await new MessageRepository(replicaA).insert(
      replicaA,
      Array.from({ length: 60 }, (_, i) =>
        messageRow({ nonce: BigInt(i + 1), guid: hash32(`race ${i}`), created_at: at(i) }),
      ),
    );
    const rounds = await Promise.all(
      [replicaA, replicaB, replicaA, replicaB].map((db, i) =>
        new MessageRepository(db).lease({ owner: `r${i}`, now: at(100), leaseMs: 60_000, limit: 20 }),
      ),
    );
    const guids = rounds.flat().map((m) => m.guid);
    expect(new Set(guids).size).toBe(guids.length);
    expect(guids.length).toBeLessThanOrEqual(60);
    const leased = await replicaA
      .selectFrom("messages")
      .select("guid")
      .where("lease_owner", "is not", null)
      .execute();
    expect(leased).toHaveLength(guids.length);
  });
});
