import { collateralVaultAbi, collateralVaultBytecode, endpointV2Abi } from "@ballast/contracts";
import { type Hash, type Hex, toEventSelector } from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  type ChainDriver,
  deliver,
  lockUsdc,
  type RelayerChainParameters,
  referenceEvents,
  relayerChain,
  releaseUsdc,
  startTestChains,
  type TestChains,
} from "../../test/support/devnetChains.js";
import { useTestDatabase } from "../../test/support/testDatabase.js";
import { SystemClock } from "../clock/Clock.js";
import { BlockRepository } from "../store/BlockRepository.js";
import { CursorRepository, type MoveCursorParameters } from "../store/CursorRepository.js";
import type { StoreExecutor } from "../store/Database.js";
import { EventRepository } from "../store/EventRepository.js";
import { MessageRepository } from "../store/MessageRepository.js";
import { ChainIndexer, type IndexerStore, type IndexStepResult } from "./ChainIndexer.js";
import { NonceGapError } from "./errors.js";

const USDC = 10n ** 6n;
const PACKET_SENT = toEventSelector(
  endpointV2Abi.find((item) => item.type === "event" && item.name === "PacketSent") ??
    "PacketSent(bytes,bytes,address)",
);

interface RawLog {
  transactionHash: Hex;
  topics: Hex[];
}
const isLogList = (value: unknown): value is RawLog[] => Array.isArray(value);

describe("ChainIndexer on a 2-chain devnet, PGlite", () => {
  let chains: TestChains;
  let a: ChainDriver;
  let b: ChainDriver;
  beforeAll(async () => {
    chains = await startTestChains();
    ({ a, b } = chains);
  });
  afterAll(async () => {
    await chains?.stop();
  });
  const db = useTestDatabase("pglite");
  const store = (): IndexerStore => ({
    db: db(),
    cursors: new CursorRepository(db()),
    blocks: new BlockRepository(db()),
    events: new EventRepository(db()),
    messages: new MessageRepository(db()),
  });
  const indexer = (
    driver: ChainDriver,
    settings: Omit<RelayerChainParameters, "manifest"> = {},
    custom = store(),
  ) =>
    new ChainIndexer({
      chain: relayerChain({ manifest: driver.manifest, ...settings }),
      store: custom,
      clock: new SystemClock(),
    });
  const chainIdOf = (driver: ChainDriver) => BigInt(driver.manifest.chainId);
  const stored = async (driver: ChainDriver) =>
    (await new EventRepository(db()).list({ chainId: chainIdOf(driver) }, 1_000_000))
      .map((event) => ({
        key: `${event.block_hash}:${event.log_index}`,
        blockNumber: event.block_number,
        address: event.address,
        eventName: event.event_name,
      }))
      .sort((x, y) => x.key.localeCompare(y.key));
  const expectIndexedAsChain = async (driver: ChainDriver) => {
    const cursor = await new CursorRepository(db()).get(chainIdOf(driver));
    if (cursor === undefined) throw new Error("no cursor");
    const reference = await referenceEvents(driver, cursor.next_block - 1n);
    expect(reference.length).toBeGreaterThan(0);
    expect(await stored(driver)).toEqual(reference);
    return reference;
  };
  const indexedEvents = (results: IndexStepResult[]) =>
    results.reduce((sum, result) => sum + (result.kind === "indexed" ? result.events : 0), 0);
  const txEvents = (hash: Hash) =>
    db().selectFrom("events").selectAll().where("tx_hash", "=", hash.toLowerCase()).execute();

  test("backfill stores every event of our contracts exactly once; running again stores nothing new", async () => {
    const { devnet, user } = chains;
    const lock1 = await lockUsdc(a, b, user, 100n * USDC);
    await deliver(devnet, a, b, lock1);
    const lock2 = await lockUsdc(a, b, user, 50n * USDC);
    await deliver(devnet, a, b, lock2);
    const release = await releaseUsdc(b, a, user, 30n * USDC);
    await deliver(devnet, b, a, release);

    for (const driver of [a, b]) {
      const results = await indexer(driver, { maxBlockRange: 7 }).syncToHead();
      expect(results.filter((result) => result.kind === "indexed").length).toBeGreaterThan(1);
      const reference = await expectIndexedAsChain(driver);
      expect(indexedEvents(results)).toBe(reference.length);
    }
    const messages = await new MessageRepository(db()).list();
    const locks = messages.filter(
      (message) => message.src_eid === a.manifest.eid && message.message_type === "LOCK",
    );
    expect(locks.slice(-2).map(({ amount, status, account }) => ({ amount, status, account }))).toEqual([
      { amount: 100n * USDC, status: "delivered", account: user.toLowerCase() },
      { amount: 50n * USDC, status: "delivered", account: user.toLowerCase() },
    ]);
    const [last, previous] = [locks.at(-1), locks.at(-2)];
    expect(last?.nonce).toBe((previous?.nonce ?? 0n) + 1n);
    // B's PacketSent was indexed after A's PacketDelivered: the message starts delivered
    const releases = messages.filter((message) => message.message_type === "RELEASE");
    expect(releases.at(-1)).toMatchObject({
      src_eid: b.manifest.eid,
      amount: 30n * USDC,
      status: "delivered",
    });

    const before = await new EventRepository(db()).count();
    const again = await indexer(a).syncToHead();
    expect(again.map((result) => result.kind)).toEqual(["idle"]);
    // Read the whole chain again from the start: nothing is stored twice.
    await db()
      .updateTable("chain_cursors")
      .set({ next_block: a.manifest.startBlock, indexed_block_hash: null })
      .execute();
    const reread = await indexer(a).syncToHead();
    expect(indexedEvents(reread)).toBe(0);
    expect(await new EventRepository(db()).count()).toBe(before);
    await expectIndexedAsChain(a);
  });

  test("tailing picks up new events and follows the message to delivered", async () => {
    const { devnet, user } = chains;
    const [onA, onB] = [indexer(a), indexer(b)];
    await onA.syncToHead();
    await onB.syncToHead();
    const hash = await lockUsdc(a, b, user, 7n * USDC);
    const step = await onA.step();
    expect(step).toMatchObject({ kind: "indexed", caughtUp: true });
    expect((await txEvents(hash)).map((event) => event.event_name)).toEqual(
      expect.arrayContaining(["Locked", "PacketSent"]),
    );
    const [packet] = (await txEvents(hash)).filter((event) => event.event_name === "PacketSent");
    const guid = packet?.guid ?? "";
    expect(await new MessageRepository(db()).get(guid)).toMatchObject({ status: "sent", amount: 7n * USDC });

    await deliver(devnet, a, b, hash);
    await onB.syncToHead();
    expect(await new MessageRepository(db()).get(guid)).toMatchObject({ status: "delivered" });
    await expectIndexedAsChain(a);
    await expectIndexedAsChain(b);
  });

  test("confirmations hold back the newest blocks", async () => {
    const onA = indexer(a, { confirmations: 3 });
    await onA.syncToHead();
    const hash = await lockUsdc(a, b, chains.user, 3n * USDC);
    const { blockNumber } = await a.publicClient.getTransactionReceipt({ hash });
    await onA.syncToHead();
    expect(await txEvents(hash)).toEqual([]);
    expect((await new CursorRepository(db()).get(chainIdOf(a)))?.next_block).toBe(blockNumber - 2n);
    await a.test.mine({ blocks: 2 });
    await onA.syncToHead();
    expect(await txEvents(hash)).toEqual([]);
    await a.test.mine({ blocks: 1 });
    await onA.syncToHead();
    expect((await txEvents(hash)).length).toBeGreaterThan(0);
  });

  test("logs of a foreign contract with our event signatures are ignored, even when the RPC ignores the address filter", async () => {
    const deployer = a.manifest.deployer;
    const wallet = a.wallet(deployer);
    const deployHash = await wallet.deployContract({
      abi: collateralVaultAbi,
      bytecode: collateralVaultBytecode,
      args: [a.manifest.endpoint, deployer],
    });
    const { contractAddress: foreign, blockNumber: deployedAt } =
      await a.publicClient.waitForTransactionReceipt({
        hash: deployHash,
      });
    if (foreign === null || foreign === undefined) throw new Error("no contract deployed");
    const configure = await wallet.writeContract({
      address: foreign,
      abi: collateralVaultAbi,
      functionName: "configureAsset",
      args: [a.manifest.tokens.usdc, true, false, 1_000n],
    });
    await a.publicClient.waitForTransactionReceipt({ hash: configure });
    const foreignEvents = await a.publicClient.getContractEvents({
      address: foreign,
      abi: collateralVaultAbi,
      fromBlock: deployedAt,
    });
    expect(foreignEvents.map((event) => event.eventName)).toEqual(
      expect.arrayContaining(["OwnershipTransferred", "AssetConfigured"]),
    );

    let stripped = 0;
    const results = await indexer(a, {
      // an RPC that drops the address filter returns every contract's logs with our topics
      intercept: async (request, next) => {
        if (request.method !== "eth_getLogs" || !Array.isArray(request.params)) return next(request);
        stripped++;
        const [{ address: _address, ...filter }] = request.params as [{ address: unknown }];
        return next({ method: request.method, params: [filter] });
      },
    }).syncToHead();
    expect(stripped).toBeGreaterThan(0);
    expect(
      results.reduce((sum, result) => sum + (result.kind === "indexed" ? result.ignored : 0), 0),
    ).toBeGreaterThanOrEqual(foreignEvents.length);
    expect(
      await db().selectFrom("events").selectAll().where("address", "=", foreign.toLowerCase()).execute(),
    ).toEqual([]);
    await expectIndexedAsChain(a);
  });

  test("a reorg to another fork is rewound: the removed events are gone, the new ones stored, the cursor on the new head", async () => {
    const { user } = chains;
    const onA = indexer(a);
    await onA.syncToHead();

    // A fork of the same height: found by the tip check.
    const snapshot = await a.test.snapshot();
    const oldLock = await lockUsdc(a, b, user, 11n * USDC);
    await onA.syncToHead();
    const [oldPacket] = (await txEvents(oldLock)).filter((event) => event.event_name === "PacketSent");
    expect(oldPacket).toBeDefined();
    const guid = oldPacket?.guid ?? "";
    expect((await new MessageRepository(db()).get(guid))?.amount).toBe(11n * USDC);
    await a.test.revert({ id: snapshot });
    const newLock = await lockUsdc(a, b, user, 22n * USDC);
    const results = await onA.syncToHead();
    expect(results[0]?.kind).toBe("rewound");
    expect(await txEvents(oldLock)).toEqual([]);
    expect((await txEvents(newLock)).length).toBeGreaterThan(0);
    // the same pathway nonce, so the same guid, now with the new fork's payload
    expect(await new MessageRepository(db()).get(guid)).toMatchObject({
      amount: 22n * USDC,
      sent_tx_hash: newLock.toLowerCase(),
      status: "sent",
    });
    await expectCursorOnChain();

    // A longer fork: found by the parent hash of the next range.
    const second = await a.test.snapshot();
    const orphan = await lockUsdc(a, b, user, 33n * USDC);
    await onA.syncToHead();
    await a.test.revert({ id: second });
    await a.test.mine({ blocks: 4 });
    const replacement = await lockUsdc(a, b, user, 44n * USDC);
    const after = await onA.syncToHead();
    expect(after.map((result) => result.kind)).toContain("rewound");
    expect(await txEvents(orphan)).toEqual([]);
    expect((await txEvents(replacement)).length).toBeGreaterThan(0);
    await expectIndexedAsChain(a);
    await expectCursorOnChain();

    async function expectCursorOnChain() {
      const cursor = await new CursorRepository(db()).get(chainIdOf(a));
      const head = await a.publicClient.getBlock();
      expect(cursor).toMatchObject({
        next_block: head.number + 1n,
        indexed_block_hash: head.hash.toLowerCase(),
      });
      for (const block of await new BlockRepository(db()).recent(chainIdOf(a))) {
        expect((await a.publicClient.getBlock({ blockNumber: block.number })).hash.toLowerCase()).toBe(
          block.hash,
        );
      }
    }
  });

  test("a reorg of the destination that removes a delivery moves the message back to sent", async () => {
    const { devnet, user } = chains;
    const [onA, onB] = [indexer(a), indexer(b)];
    // B's vault -> A's ledger: a pathway no other test leaves undelivered nonces on
    const hash = await lockUsdc(b, a, user, 13n * USDC);
    await onB.syncToHead();
    await onA.syncToHead();
    const [packet] = (await txEvents(hash)).filter((event) => event.event_name === "PacketSent");
    const guid = packet?.guid ?? "";
    expect(await new MessageRepository(db()).get(guid)).toMatchObject({ status: "sent" });
    const snapshot = await a.test.snapshot();
    await deliver(devnet, b, a, hash);
    await onA.syncToHead();
    expect(await new MessageRepository(db()).get(guid)).toMatchObject({ status: "delivered" });
    await a.test.revert({ id: snapshot });
    await a.test.mine({ blocks: 3 });
    const results = await onA.syncToHead();
    expect(results.map((result) => result.kind)).toContain("rewound");
    expect(await new MessageRepository(db()).get(guid)).toMatchObject({
      status: "sent",
      verified_block_number: null,
      delivered_block_number: null,
      delivered_at: null,
    });
    await expectIndexedAsChain(a);
    // delivered again on the new fork
    await deliver(devnet, b, a, hash);
    await onA.syncToHead();
    expect(await new MessageRepository(db()).get(guid)).toMatchObject({ status: "delivered" });
  });

  test("a failure between two ranges leaves nothing half-written, and resuming completes the index", async () => {
    class CrashingCursors extends CursorRepository {
      moves = 0;
      crashAt = 3;
      override async move(executor: StoreExecutor, parameters: MoveCursorParameters): Promise<void> {
        this.moves++;
        // the range's events, messages and headers are written in this transaction already
        if (this.moves === this.crashAt) throw new Error("crash before the cursor moved");
        return super.move(executor, parameters);
      }
    }
    const cursors = new CrashingCursors(db());
    const onA = indexer(a, { maxBlockRange: 25 }, { ...store(), cursors });
    await onA.step();
    await onA.step();
    await expect(onA.step()).rejects.toThrow(/crash/);
    const cursor = await cursors.get(chainIdOf(a));
    expect(cursor?.next_block).toBe(a.manifest.startBlock + 50n);
    const committed = (await referenceEvents(a, (cursor?.next_block ?? 0n) - 1n)).length;
    expect(committed).toBeGreaterThan(0);
    // the range that crashed had events of its own, and none of them is stored
    const crashedRange = (await referenceEvents(a, (cursor?.next_block ?? 0n) + 24n)).length - committed;
    expect(crashedRange).toBeGreaterThan(0);
    expect(await new EventRepository(db()).count()).toBe(committed);
    expect(await new EventRepository(db()).count({ fromBlock: cursor?.next_block })).toBe(0);
    const messages = await new MessageRepository(db()).list();
    expect(messages.every((message) => message.sent_block_number < (cursor?.next_block ?? 0n))).toBe(true);
    const [newestBlock] = await new BlockRepository(db()).recent(chainIdOf(a));
    expect(newestBlock?.number).toBe((cursor?.next_block ?? 0n) - 1n);

    cursors.crashAt = Number.POSITIVE_INFINITY;
    await onA.syncToHead();
    await expectIndexedAsChain(a);
  });

  test("an RPC that refuses eth_getLogs over more than 3 blocks (a provider's cap): the range halves until it answers", async () => {
    const { user } = chains;
    for (let i = 0; i < 3; i++) await lockUsdc(a, b, user, BigInt(i + 1) * USDC);
    let refused = 0;
    const capped = indexer(a, {
      maxBlockRange: 64,
      intercept: async (request, next) => {
        const [filter] = Array.isArray(request.params) ? request.params : [];
        if (request.method === "eth_getLogs" && typeof filter === "object" && filter !== null) {
          const { fromBlock, toBlock } = filter as { fromBlock: Hex; toBlock: Hex }; // the indexer's own request shape
          if (BigInt(toBlock) - BigInt(fromBlock) + 1n > 3n) {
            refused++;
            throw new Error("query returned more than 10000 results");
          }
        }
        return next(request);
      },
    });
    // Steps as the indexer's loop takes them: an error, then the next step.
    for (let steps = 0; steps < 1_000; steps++) {
      const result = await capped.step().catch(() => undefined);
      if (result?.kind === "idle") break;
    }
    expect(refused).toBeGreaterThanOrEqual(4); // 64 -> 32 -> 16 -> 8 -> 4, then 2
    await expectIndexedAsChain(a);
  });

  test("a PacketSent the RPC dropped inside a range is found by re-reading it", async () => {
    const { user } = chains;
    const locks = [
      await lockUsdc(a, b, user, 1n * USDC),
      await lockUsdc(a, b, user, 2n * USDC),
      await lockUsdc(a, b, user, 3n * USDC),
    ];
    const dropFrom = locks[1] ?? "0x";
    let dropped = 0;
    const results = await indexer(a, {
      intercept: async (request, next) => {
        const result = await next(request);
        if (request.method !== "eth_getLogs" || dropped > 0 || !isLogList(result)) return result;
        const kept = result.filter(
          (log) => !(log.transactionHash === dropFrom && log.topics[0] === PACKET_SENT),
        );
        dropped += result.length - kept.length;
        return kept;
      },
    }).syncToHead();
    expect(dropped).toBe(1);
    expect(
      results.reduce((sum, result) => sum + (result.kind === "indexed" ? result.refetches : 0), 0),
    ).toBeGreaterThan(0);
    await expectIndexedAsChain(a);
    expect((await txEvents(dropFrom)).map((event) => event.event_name)).toContain("PacketSent");
    const nonces = (await new MessageRepository(db()).list({ srcEid: a.manifest.eid }))
      .filter((message) => message.message_type === "LOCK")
      .map((message) => message.nonce)
      .sort((x, y) => (x < y ? -1 : 1));
    expect(nonces).toEqual(nonces.map((_, i) => BigInt(i + 1)));
  });

  test("a transaction's logs dropped at the end of a range are re-read when the next nonce shows the hole", async () => {
    const { user } = chains;
    let armed: Hash | undefined;
    let persistent = false;
    let dropped = 0;
    const intercept: RelayerChainParameters["intercept"] = async (request, next) => {
      const result = await next(request);
      if (request.method !== "eth_getLogs" || armed === undefined || !isLogList(result)) return result;
      const kept = result.filter((log) => log.transactionHash !== armed);
      if (kept.length < result.length) {
        dropped++;
        if (!persistent) armed = undefined;
      }
      return kept;
    };
    const onA = indexer(a, { intercept });
    await onA.syncToHead();
    const hidden = await lockUsdc(a, b, user, 5n * USDC);
    armed = hidden;
    await onA.syncToHead();
    expect(dropped).toBe(1);
    expect(await txEvents(hidden)).toEqual([]); // nothing showed it was missing yet
    await lockUsdc(a, b, user, 6n * USDC);
    const results = await onA.syncToHead();
    expect(
      results.reduce((sum, result) => sum + (result.kind === "indexed" ? result.refetches : 0), 0),
    ).toBeGreaterThan(0);
    expect((await txEvents(hidden)).map((event) => event.event_name)).toEqual(
      expect.arrayContaining(["Locked", "PacketSent"]),
    );
    await expectIndexedAsChain(a);

    // An RPC that never returns the log: the cursor does not pass the hole.
    const lost = await lockUsdc(a, b, user, 8n * USDC);
    armed = lost;
    persistent = true;
    await onA.syncToHead();
    await lockUsdc(a, b, user, 9n * USDC);
    const before = await new CursorRepository(db()).get(chainIdOf(a));
    await expect(onA.step()).rejects.toBeInstanceOf(NonceGapError);
    expect(await new CursorRepository(db()).get(chainIdOf(a))).toEqual(before);
  });
});
