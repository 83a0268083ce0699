import { collateralVaultAbi, marginLedgerAbi, mockERC20Abi } from "@ballast/contracts";
import { getVaultAsset, getAccount as projectedAccount } from "@ballast/margin";
import { getSentPackets, type SentPacket } from "@ballast/sdk";
import type { Address, Hash } from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DeliveryScheduler } from "../../src/delivery/DeliveryScheduler.js";
import { IndexerService } from "../../src/indexer/IndexerService.js";
import type { AccountReport } from "../../src/projection/AccountReport.js";
import { ProjectionService } from "../../src/projection/ProjectionService.js";
import { Database } from "../../src/store/Database.js";
import { MessageRepository, type StoredMessage } from "../../src/store/MessageRepository.js";
import { TransactionRepository } from "../../src/store/TransactionRepository.js";
import { devPrivateKey } from "../devKeys.js";
import {
  type DeliveryDevnet,
  fetchJson,
  packetDeliveries,
  startDeliveryDevnet,
  startRelayer,
  type TestRelayer,
  waitFor,
} from "../support/deliveryHarness.js";
import { type ChainDriver, lockUsdc, referenceEvents } from "../support/devnetChains.js";
import { type PostgresServer, startPostgresServer } from "../support/postgresServer.js";
import { seededRandom, testSeed } from "../support/seededRandom.js";
import { indexedBlock, storedEventCounts } from "../support/storedEvents.js";

const SEED = testSeed("reorg");
const EXECUTOR_KEY = devPrivateKey(10);
const VERIFIER_KEY = devPrivateKey(2); // the devnet's whitelisted SimpleMessageLib caller
const USDC = 10n ** 6n;
/** B's indexer stays this far behind its head, so a delivery can be reorged out before it is indexed. */
const B_CONFIRMATIONS = 2;

let net: DeliveryDevnet;
let server: PostgresServer;

beforeAll(async () => {
  [net, server] = await Promise.all([startDeliveryDevnet(), startPostgresServer()]);
});

afterAll(async () => {
  await Promise.all([net?.stop(), server?.stop()]);
});

const credit = (ledger: ChainDriver, vault: ChainDriver, user: Address, blockNumber?: bigint) =>
  ledger.publicClient
    .readContract({
      address: ledger.manifest.contracts.marginLedger,
      abi: marginLedgerAbi,
      functionName: "balanceOf",
      args: [user, vault.manifest.eid, vault.manifest.tokens.usdc],
      blockNumber,
    })
    .then(([valued]) => valued);

/** The one packet the transaction `hash` on `chain` sent. */
async function sentPacket(chain: ChainDriver, hash: Hash): Promise<SentPacket & { blockHash: Hash }> {
  const receipt = await chain.publicClient.getTransactionReceipt({ hash });
  const [sent] = getSentPackets({ endpoint: chain.manifest.endpoint, receipt });
  if (sent === undefined || sent.blockHash === null) throw new Error(`${hash} sent no packet`);
  return { ...sent, blockHash: sent.blockHash };
}

/** A transaction on `chain` that is not a Ballast one: `from` sends `to` 1 USDC (a different block on a new fork). */
async function transferUsdc(chain: ChainDriver, from: Address, to: Address): Promise<void> {
  const hash = await chain.wallet(from).writeContract({
    address: chain.manifest.tokens.usdc,
    abi: mockERC20Abi,
    functionName: "transfer",
    args: [to, USDC],
  });
  await chain.publicClient.waitForTransactionReceipt({ hash });
}

describe.each(["pglite", "postgres"] as const)("reorgs under the running relayer (%s)", (backend) => {
  let relayer: TestRelayer;
  let messages: MessageRepository;
  let db: Database;
  let alice: Address;
  let bob: Address;
  const random = seededRandom(SEED + (backend === "pglite" ? 0 : 1));
  /** An amount of 1 to 20 USDC with random decimals, so each test's figures are its own. */
  const amount = () => BigInt(random.between(1, 20)) * USDC + BigInt(random.int(1_000_000));

  beforeAll(async () => {
    const [first, second] = net.devnet.users;
    if (first === undefined || second === undefined) throw new Error("two funded users");
    [alice, bob] = [first, second];
    relayer = await startRelayer({
      net,
      config: {
        chains: {
          a: { pollingIntervalMs: 50 },
          b: { pollingIntervalMs: 50, confirmations: B_CONFIRMATIONS },
        },
        delivery: { backoffMs: 200 },
      },
      env: {
        BALLAST_EXECUTOR_KEY: EXECUTOR_KEY,
        BALLAST_VERIFIER_KEY: VERIFIER_KEY,
        ...(backend === "postgres" ? { DATABASE_URL: await server.createDatabase("reorgs") } : {}),
      },
    });
    messages = relayer.app.get(MessageRepository);
    db = relayer.app.get(Database);
  });

  afterAll(async () => {
    await relayer?.close();
  });

  const rewinds = (chain: ChainDriver) =>
    relayer.app
      .get(IndexerService)
      .status()
      .find((status) => status.eid === chain.manifest.eid)?.rewinds ?? 0;

  const message = (guid: string, what: string, accept: (row: StoredMessage) => boolean, timeoutMs = 20_000) =>
    waitFor(
      `${guid}: ${what}`,
      async () => {
        const row = await messages.get(guid);
        return row !== undefined && accept(row) ? row : undefined;
      },
      { timeoutMs, intervalMs: 50 },
    );

  const storedEndpointEvents = (guid: string, eventName: string) =>
    db
      .selectFrom("events")
      .select("block_hash")
      .where("guid", "=", guid)
      .where("event_name", "=", eventName)
      .execute();

  /** Events stored in a block (by hash): none once a reorg removed it. */
  const storedInBlock = async (blockHash: string) =>
    (await db.selectFrom("events").select("id").where("block_hash", "=", blockHash.toLowerCase()).execute())
      .length;

  /** Waits until each chain is indexed up to its confirmed head. */
  async function indexedToHeads(): Promise<void> {
    const heads = await Promise.all([net.a, net.b].map((chain) => chain.publicClient.getBlockNumber()));
    const confirmed = [heads[0] ?? 0n, (heads[1] ?? 0n) - BigInt(B_CONFIRMATIONS)];
    await waitFor("both chains indexed to their confirmed heads", async () => {
      const at = await Promise.all(
        [net.a, net.b].map((chain) => indexedBlock(db, BigInt(chain.manifest.chainId))),
      );
      return at.every((block, i) => block !== undefined && block >= (confirmed[i] ?? 0n));
    });
  }

  /**
   * The store and the projection equal the chains at the indexed blocks: the events table holds
   * exactly the watched contracts' logs (each once), the projection's credits and vault totals are
   * the contracts', and GET /accounts shows exactly `inFlight` (guids) in flight for `user`.
   */
  async function expectStoreMatchesChains(user: Address, inFlight: readonly string[]): Promise<void> {
    await indexedToHeads();
    const snapshot = await relayer.app.get(ProjectionService).refresh();
    for (const chain of [net.a, net.b]) {
      const chainId = BigInt(chain.manifest.chainId);
      const toBlock = snapshot.chains.find((projected) => projected.eid === chain.manifest.eid)?.blockNumber;
      if (toBlock === undefined) throw new Error(`${chain.manifest.name} not indexed`);
      const stored = await storedEventCounts(db, chainId, toBlock);
      expect([...stored.values()].every((count) => count === 1)).toBe(true);
      expect([...stored.keys()].sort()).toEqual((await referenceEvents(chain, toBlock)).map((e) => e.key));
    }
    const blockOf = (chain: ChainDriver) =>
      snapshot.chains.find((projected) => projected.eid === chain.manifest.eid)?.blockNumber;
    for (const [ledger, vault] of [
      [net.b, net.a],
      [net.a, net.b],
    ] as const) {
      for (const account of [alice, bob]) {
        const projected =
          projectedAccount(snapshot.state, account)
            .ledgers.find((view) => view.ledgerEid === ledger.manifest.eid)
            ?.collateral.find(
              (balance) =>
                balance.srcEid === vault.manifest.eid &&
                balance.asset.toLowerCase() === vault.manifest.tokens.usdc.toLowerCase(),
            )?.valued ?? 0n;
        expect(projected, `${account} on ${ledger.manifest.name}`).toBe(
          await credit(ledger, vault, account, blockOf(ledger)),
        );
      }
      const totalLocked = await vault.publicClient.readContract({
        address: vault.manifest.contracts.collateralVault,
        abi: collateralVaultAbi,
        functionName: "totalLocked",
        args: [vault.manifest.tokens.usdc],
        blockNumber: blockOf(vault),
      });
      expect(getVaultAsset(snapshot.state, vault.manifest.eid, vault.manifest.tokens.usdc).totalLocked).toBe(
        totalLocked,
      );
    }
    const { status, body } = await fetchJson<AccountReport>(`${relayer.url}/accounts/${user}`);
    expect(status).toBe(200);
    expect(body.inFlight.map((entry) => entry.guid.toLowerCase()).sort()).toEqual([...inFlight].sort());
  }

  test("source reorg of a LOCK not delivered yet: the message is replaced by the new fork's packet, never delivered from the old block", async () => {
    const scheduler = relayer.app.get(DeliveryScheduler);
    await scheduler.stop(); // the LOCK must still be in flight when its block leaves the chain
    const creditBefore = [await credit(net.b, net.a, alice), await credit(net.b, net.a, bob)];
    const snapshot = await net.a.test.snapshot();
    const stale = await sentPacket(net.a, await lockUsdc(net.a, net.b, alice, amount()));
    const guid = stale.packet.guid.toLowerCase();
    await message(guid, "indexed", (row) => row.status === "sent");
    await expectStoreMatchesChains(alice, [guid]);
    const rewound = rewinds(net.a);

    // The new fork: bob locks another amount; the pathway's nonce is reused, so is the guid.
    await net.a.test.revert({ id: snapshot });
    const replacementAmount = amount();
    const replacement = await sentPacket(net.a, await lockUsdc(net.a, net.b, bob, replacementAmount));
    await net.a.test.mine({ blocks: 2 });
    expect(replacement.packet.guid.toLowerCase()).toBe(guid);
    expect(replacement.blockHash).not.toBe(stale.blockHash);
    const replaced = await message(
      guid,
      "the new fork's packet",
      (row) => row.sent_block_hash === replacement.blockHash.toLowerCase(),
    );
    expect(rewinds(net.a)).toBeGreaterThan(rewound);
    expect(replaced).toMatchObject({
      status: "sent",
      account: bob.toLowerCase(),
      amount: replacementAmount,
      encoded_packet: replacement.encodedPacket.toLowerCase(),
    });
    expect(await storedInBlock(stale.blockHash)).toBe(0);
    await expectStoreMatchesChains(alice, []);
    await expectStoreMatchesChains(bob, [guid]);

    // Delivered from the new fork only: bob credited, alice's vanished LOCK never.
    scheduler.start();
    await message(guid, "delivered", (row) => row.status === "delivered");
    expect((await packetDeliveries(net.b)).get(guid)).toBe(1);
    expect(await credit(net.b, net.a, alice)).toBe(creditBefore[0]);
    expect(await credit(net.b, net.a, bob)).toBe((creditBefore[1] ?? 0n) + replacementAmount);
    await net.b.test.mine({ blocks: B_CONFIRMATIONS });
    await expectStoreMatchesChains(bob, []);
  });

  test("source reorg of a LOCK already delivered: kept delivered and flagged, then re-included once without a second credit", async () => {
    const creditBefore = await credit(net.b, net.a, alice);
    const snapshot = await net.a.test.snapshot();
    const lockAmount = amount();
    const first = await sentPacket(net.a, await lockUsdc(net.a, net.b, alice, lockAmount));
    const guid = first.packet.guid.toLowerCase();
    await message(guid, "delivered", (row) => row.status === "delivered");
    expect(await credit(net.b, net.a, alice)).toBe(creditBefore + lockAmount);
    const rewound = rewinds(net.a);

    // The LOCK's block leaves A (B already credited it: what confirmations are for).
    await net.a.test.revert({ id: snapshot });
    // Kept and flagged, not deleted: B executed it. Its delivery, known from the relayer's receipt in
    // a block B's indexer (2 confirmations) has not examined yet, stands; and while its send is off
    // the canonical chain (source_reorged_at) the relayer does not touch it.
    await message(guid, "flagged", (row) => row.last_error?.includes("reorged out") === true);
    expect(rewinds(net.a)).toBeGreaterThan(rewound);
    expect(await storedInBlock(first.blockHash)).toBe(0);
    await message(guid, "still delivered", (row) => row.status === "delivered");

    // The same transaction is sent again and lands in another block: the same packet, re-included.
    await net.a.test.mine({ blocks: 1 });
    const again = await sentPacket(net.a, await lockUsdc(net.a, net.b, alice, lockAmount));
    expect(again.packet.guid.toLowerCase()).toBe(guid);
    expect(again.encodedPacket).toBe(first.encodedPacket);
    expect(again.blockHash).not.toBe(first.blockHash);
    await message(
      guid,
      "re-included",
      (row) => row.sent_block_hash === again.blockHash.toLowerCase() && row.last_error === null,
    );
    await message(guid, "delivered", (row) => row.status === "delivered");
    // Executed once, credited once, one execution recorded.
    expect((await packetDeliveries(net.b)).get(guid)).toBe(1);
    expect(await credit(net.b, net.a, alice)).toBe(creditBefore + lockAmount);
    const executions = (await relayer.app.get(TransactionRepository).forMessage(guid)).filter(
      (tx) => tx.purpose === "execute",
    );
    expect(executions).toHaveLength(1);
    await net.b.test.mine({ blocks: B_CONFIRMATIONS });
    await expectStoreMatchesChains(alice, []);
  });

  test("destination reorg of an indexed delivery: the message goes back to not delivered and is delivered again", async () => {
    const creditBefore = await credit(net.b, net.a, bob);
    const snapshot = await net.b.test.snapshot();
    const lockAmount = amount();
    const sent = await sentPacket(net.a, await lockUsdc(net.a, net.b, bob, lockAmount));
    const guid = sent.packet.guid.toLowerCase();
    await message(guid, "delivered", (row) => row.status === "delivered");
    await net.b.test.mine({ blocks: B_CONFIRMATIONS });
    await waitFor(
      "its PacketDelivered indexed",
      async () => (await storedEndpointEvents(guid, "PacketDelivered")).length === 1,
    );
    const [delivery] = await storedEndpointEvents(guid, "PacketDelivered");
    const rewound = rewinds(net.b);

    // B forks from before the delivery: other transactions, a longer chain.
    await net.b.test.revert({ id: snapshot });
    expect((await packetDeliveries(net.b)).get(guid)).toBeUndefined();
    await transferUsdc(net.b, alice, bob);
    await net.b.test.mine({ blocks: 6 });
    await waitFor("B's indexer rewound", async () => rewinds(net.b) > rewound);
    await waitFor(
      "delivered again on the new fork",
      async () => (await packetDeliveries(net.b)).get(guid) === 1,
      {
        timeoutMs: 20_000,
      },
    );
    await net.b.test.mine({ blocks: B_CONFIRMATIONS });
    await message(
      guid,
      "delivered, indexed on the new fork",
      (m) => m.status === "delivered" && m.delivered_block_number !== null,
    );
    const [redelivery] = await storedEndpointEvents(guid, "PacketDelivered");
    expect(redelivery?.block_hash).not.toBe(delivery?.block_hash);
    expect(await storedInBlock(delivery?.block_hash ?? "0x")).toBe(0);
    expect(await credit(net.b, net.a, bob)).toBe(creditBefore + lockAmount);
    await expectStoreMatchesChains(bob, []);
  });

  test("destination reorg of a delivery the indexer had not reached: the receipt's block is re-checked and the packet delivered again", async () => {
    const creditBefore = await credit(net.b, net.a, alice);
    const snapshot = await net.b.test.snapshot();
    const lockAmount = amount();
    const sent = await sentPacket(net.a, await lockUsdc(net.a, net.b, alice, lockAmount));
    const guid = sent.packet.guid.toLowerCase();
    // Delivered from the relayer's own receipt; B's indexer (2 confirmations) has not read that block.
    const delivered = await message(guid, "delivered", (row) => row.status === "delivered");
    expect(delivered.delivered_block_number).not.toBeNull();
    expect(await storedEndpointEvents(guid, "PacketDelivered")).toHaveLength(0);

    await net.b.test.revert({ id: snapshot });
    await transferUsdc(net.b, bob, alice);
    await net.b.test.mine({ blocks: 6 });
    await waitFor(
      "delivered again on the new fork",
      async () => (await packetDeliveries(net.b)).get(guid) === 1,
      {
        timeoutMs: 20_000,
      },
    );
    await net.b.test.mine({ blocks: B_CONFIRMATIONS });
    await waitFor(
      "its PacketDelivered indexed",
      async () => (await storedEndpointEvents(guid, "PacketDelivered")).length === 1,
    );
    expect((await messages.get(guid))?.status).toBe("delivered");
    expect(await credit(net.b, net.a, alice)).toBe(creditBefore + lockAmount);
    await expectStoreMatchesChains(alice, []);

    // The rewinds show in the projection's metrics (it rebuilt after the indexer deleted rows).
    const metrics = await (await fetch(`${relayer.url}/metrics`)).text();
    const rebuilds = /^ballast_projection_rebuilds_total (\d+)/m.exec(metrics)?.[1];
    expect(Number(rebuilds)).toBeGreaterThan(0);
  });
});
