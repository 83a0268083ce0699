import { describe, expect, test } from "vitest";
import { hash32, messageRow } from "../../test/support/storeFixtures.js";
import { BACKENDS, useTestDatabase } from "../../test/support/testDatabase.js";
import { MessageRepository } from "./MessageRepository.js";
import { TransactionRepository } from "./TransactionRepository.js";

const NOW = new Date("2026-01-01T00:00:00Z");
const FROM = "0x00000000000000000000000000000000000000AA";

describe.each(BACKENDS)("TransactionRepository on %s", (backend) => {
  const db = useTestDatabase(backend);
  const transactions = () => new TransactionRepository(db());

  test("records a transaction as pending before broadcast, lowercased, linked to its message", async () => {
    const message = messageRow({ nonce: 1n });
    await new MessageRepository(db()).insert(db(), [message]);
    const recorded = await transactions().record({
      chainId: 31_402n,
      from: FROM,
      nonce: 7n,
      hash: hash32("tx a").toUpperCase().replace("0X", "0x"),
      purpose: "execute",
      messageGuid: message.guid,
      raw: "0x02f8",
      now: NOW,
    });
    expect(recorded).toMatchObject({
      chain_id: 31_402n,
      from_address: FROM.toLowerCase(),
      nonce: 7n,
      hash: hash32("tx a"),
      status: "pending",
      message_guid: message.guid,
      raw: "0x02f8",
    });
    expect(await transactions().forMessage(message.guid)).toHaveLength(1);
    expect(await transactions().pending(31_402n, FROM)).toHaveLength(1);
    expect(await transactions().highestNonce(31_402n, FROM)).toBe(7n);
    expect(
      await transactions().highestNonce(31_402n, "0x00000000000000000000000000000000000000bb"),
    ).toBeUndefined();
  });

  test("the same hash on a chain is recorded once: signed again, it is pending again", async () => {
    const record = (now: Date) =>
      transactions().record({
        chainId: 1n,
        from: FROM,
        nonce: 0n,
        hash: hash32("dup"),
        purpose: "verify",
        raw: "0x02f8",
        now,
      });
    const first = await record(NOW);
    await transactions().setStatus(1n, hash32("dup"), { status: "dropped", error: "not sent", now: NOW });
    const later = new Date(NOW.getTime() + 1_000);
    const again = await record(later);
    expect(again).toMatchObject({ id: first.id, status: "pending", error: null, updated_at: later });
    expect(await transactions().pending(1n, FROM)).toHaveLength(1);
  });

  test("setStatus records the outcome; a replaced transaction leaves the pending list", async () => {
    for (const [nonce, label] of [
      [1n, "first"],
      [1n, "bump"],
      [2n, "next"],
    ] as const) {
      await transactions().record({
        chainId: 1n,
        from: FROM,
        nonce,
        hash: hash32(label),
        purpose: "execute",
        now: NOW,
      });
    }
    expect(await transactions().setStatus(1n, hash32("first"), { status: "replaced", now: NOW })).toBe(true);
    expect(
      await transactions().setStatus(1n, hash32("bump"), { status: "mined", blockNumber: 12n, now: NOW }),
    ).toBe(true);
    expect(await transactions().setStatus(1n, hash32("missing"), { status: "mined", now: NOW })).toBe(false);
    expect((await transactions().pending(1n, FROM)).map((tx) => tx.hash)).toEqual([hash32("next")]);
  });

  test("deleting its message keeps the transaction, unlinked", async () => {
    const message = messageRow({ nonce: 1n });
    await new MessageRepository(db()).insert(db(), [message]);
    await transactions().record({
      chainId: 1n,
      from: FROM,
      nonce: 0n,
      hash: hash32("x"),
      purpose: "verify",
      messageGuid: message.guid,
      now: NOW,
    });
    await new MessageRepository(db()).detachSentAbove(db(), message.sent_chain_id, 0n, NOW);
    expect((await transactions().pending(1n, FROM))[0]?.message_guid).toBeNull();
  });
});
