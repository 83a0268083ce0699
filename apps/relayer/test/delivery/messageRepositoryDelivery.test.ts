import { describe, expect, test } from "vitest";
import { MessageRepository } from "../../src/store/MessageRepository.js";
import { hash32, messageRow } from "../support/storeFixtures.js";
import { BACKENDS, useTestDatabase } from "../support/testDatabase.js";

const T0 = new Date("2026-01-01T00:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const guid = (nonce: number) => hash32(`guid ${nonce}`);

/** The MessageRepository methods delivery added, on both backends. */
describe.each(BACKENDS)("MessageRepository delivery methods on %s", (backend) => {
  const db = useTestDatabase(backend);
  const messages = () => new MessageRepository(db());

  test("markDelivered: only by the lease holder; keeps what the indexer already set", async () => {
    await messages().insert(db(), [messageRow({ nonce: 1n }), messageRow({ nonce: 2n })]);
    await messages().lease({ owner: "r1", now: at(0), leaseMs: 1_000, limit: 2 });
    expect(await messages().markDelivered({ guid: guid(1), owner: "r2", now: at(5) })).toBe(false);
    expect((await messages().get(guid(1)))?.status).toBe("sent");

    const tx = hash32("execution");
    expect(
      await messages().markDelivered({
        guid: guid(1),
        owner: "r1",
        now: at(5),
        txHash: tx,
        blockNumber: 77n,
      }),
    ).toBe(true);
    expect(await messages().get(guid(1))).toMatchObject({
      status: "delivered",
      delivered_at: at(5),
      delivered_tx_hash: tx,
      delivered_block_number: 77n,
      next_attempt_at: null,
      lease_owner: null,
      lease_until: null,
    });
    // found executed on chain (no transaction): nothing to record but the status
    expect(await messages().markDelivered({ guid: guid(2), owner: "r1", now: at(6) })).toBe(true);
    expect(await messages().get(guid(2))).toMatchObject({
      status: "delivered",
      delivered_tx_hash: null,
      delivered_at: at(6),
    });
  });

  test("deferLease: back to the queue at `until` with a reason, no attempt counted", async () => {
    await messages().insert(db(), [messageRow({ nonce: 1n })]);
    await messages().lease({ owner: "r1", now: at(0), leaseMs: 1_000, limit: 1 });
    expect(await messages().deferLease({ guid: guid(1), owner: "r2", now: at(1), until: at(500) })).toBe(
      false,
    );
    expect(
      await messages().deferLease({
        guid: guid(1),
        owner: "r1",
        now: at(1),
        until: at(500),
        reason: "waiting for DVNs",
      }),
    ).toBe(true);
    expect(await messages().get(guid(1))).toMatchObject({
      status: "sent",
      attempts: 0,
      next_attempt_at: at(500),
      last_error: "waiting for DVNs",
      lease_owner: null,
    });
    expect(await messages().lease({ owner: "r2", now: at(499), leaseMs: 1_000, limit: 1 })).toEqual([]);
    expect(await messages().lease({ owner: "r2", now: at(500), leaseMs: 1_000, limit: 1 })).toHaveLength(1);
  });

  test("claimLease takes one message that is free, expired or already the caller's; releaseLeasesOf gives back all of an owner's", async () => {
    await messages().insert(db(), [messageRow({ nonce: 1n }), messageRow({ nonce: 2n })]);
    expect((await messages().claimLease(guid(1), "r1", at(0), 1_000))?.lease_until).toEqual(at(1_000));
    expect(await messages().claimLease(guid(1), "r2", at(999), 1_000)).toBeUndefined();
    expect((await messages().claimLease(guid(1), "r1", at(500), 1_000))?.lease_until).toEqual(at(1_500));
    expect((await messages().claimLease(guid(1), "r2", at(1_500), 1_000))?.lease_owner).toBe("r2");
    expect(await messages().claimLease(hash32("nope"), "r1", at(0), 1_000)).toBeUndefined();

    await messages().claimLease(guid(2), "r2", at(1_600), 1_000);
    expect(await messages().releaseLeasesOf("r2")).toBe(2);
    expect(await messages().releaseLeasesOf("r2")).toBe(0);
    expect((await messages().list()).map(({ lease_owner }) => lease_owner)).toEqual([null, null]);
    // a delivered message is never claimed
    await messages().claimLease(guid(2), "r1", at(2_000), 1_000);
    await messages().markDelivered({ guid: guid(2), owner: "r1", now: at(2_001) });
    expect(await messages().claimLease(guid(2), "r1", at(2_002), 1_000)).toBeUndefined();
  });

  test("markStuck changes sent and verified messages only, and reports each once", async () => {
    await messages().insert(db(), [
      messageRow({ nonce: 1n }),
      messageRow({ nonce: 2n, status: "verified" }),
      messageRow({ nonce: 3n, status: "failed" }),
      messageRow({ nonce: 4n, status: "delivered" }),
    ]);
    const all = [1, 2, 3, 4].map(guid);
    expect((await messages().markStuck(all, at(1))).sort()).toEqual([guid(1), guid(2)].sort());
    expect(await messages().markStuck(all, at(2))).toEqual([]);
    expect(await messages().markStuck([], at(3))).toEqual([]);
    expect((await messages().list()).map(({ status }) => status)).toEqual([
      "stuck",
      "stuck",
      "failed",
      "delivered",
    ]);
  });

  test("requeue puts a failed or dead message back (verified when its PacketVerified is known), attempts reset", async () => {
    await messages().insert(db(), [
      messageRow({ nonce: 1n, status: "dead", attempts: 8, last_error: "RateLimited" }),
      messageRow({
        nonce: 2n,
        status: "failed",
        attempts: 2,
        next_attempt_at: at(9_000),
        verified_block_number: 5n,
      }),
      messageRow({ nonce: 3n, status: "delivered" }),
      messageRow({ nonce: 4n, status: "sent" }),
    ]);
    expect(await messages().requeue(guid(1), at(10))).toMatchObject({
      status: "sent",
      attempts: 0,
      next_attempt_at: null,
      last_error: "RateLimited",
      updated_at: at(10),
    });
    expect(await messages().requeue(guid(2), at(10))).toMatchObject({
      status: "verified",
      attempts: 0,
      next_attempt_at: null,
    });
    expect(await messages().requeue(guid(3), at(10))).toBeUndefined();
    expect(await messages().requeue(guid(4), at(10))).toBeUndefined();
    expect(await messages().requeue(hash32("nope"), at(10))).toBeUndefined();
    expect(
      (await messages().lease({ owner: "r1", now: at(11), leaseMs: 10, limit: 10 })).map(
        ({ nonce }) => nonce,
      ),
    ).toEqual([1n, 2n, 4n]);
  });
});
