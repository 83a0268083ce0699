import { marginLedgerAbi, mockERC20Abi } from "@ballast/contracts";
import { getSentPackets } from "@ballast/sdk";
import type { Address, Hash } from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { IndexerService } from "../../src/indexer/IndexerService.js";
import { Database } from "../../src/store/Database.js";
import { MessageRepository } from "../../src/store/MessageRepository.js";
import { TransactionRepository } from "../../src/store/TransactionRepository.js";
import { devPrivateKey } from "../devKeys.js";
import {
  type DeliveryDevnet,
  packetDeliveries,
  startDeliveryDevnet,
  startRelayer,
  waitFor,
} from "../support/deliveryHarness.js";
import { type ChainDriver, lockUsdc, referenceEvents, releaseUsdc } from "../support/devnetChains.js";
import { type FlakyRpcProxy, startFlakyRpcProxy } from "../support/flakyRpcProxy.js";
import { type PostgresServer, startPostgresServer } from "../support/postgresServer.js";
import { seededRandom, testSeed } from "../support/seededRandom.js";
import { indexedBlock, storedEventCounts } from "../support/storedEvents.js";

const SEED = testSeed("flakyRpc");
const EXECUTOR_KEY = devPrivateKey(10);
const VERIFIER_KEY = devPrivateKey(2); // the devnet's whitelisted SimpleMessageLib caller
const USDC = 10n ** 6n;
const RPC_TIMEOUT_MS = 500;
const LOCKS_PER_USER = 2;
const RELEASES_PER_USER = 1;

let net: DeliveryDevnet;
let server: PostgresServer;

beforeAll(async () => {
  [net, server] = await Promise.all([startDeliveryDevnet(), startPostgresServer()]);
});

afterAll(async () => {
  await Promise.all([net?.stop(), server?.stop()]);
});

/** A user's route: locks from `vault` to the ledger on `ledger`, releases back. */
interface Route {
  user: Address;
  vault: ChainDriver;
  ledger: ChainDriver;
}

const tokenBalance = (chain: ChainDriver, user: Address) =>
  chain.publicClient.readContract({
    address: chain.manifest.tokens.usdc,
    abi: mockERC20Abi,
    functionName: "balanceOf",
    args: [user],
  });

const credit = async ({ user, vault, ledger }: Route) =>
  (
    await ledger.publicClient.readContract({
      address: ledger.manifest.contracts.marginLedger,
      abi: marginLedgerAbi,
      functionName: "balanceOf",
      args: [user, vault.manifest.eid, vault.manifest.tokens.usdc],
    })
  )[0];

/** The guid of the one packet the transaction `hash` on `chain` sent. */
async function guidOf(chain: ChainDriver, hash: Hash): Promise<string> {
  const receipt = await chain.publicClient.getTransactionReceipt({ hash });
  const [sent] = getSentPackets({ endpoint: chain.manifest.endpoint, receipt });
  if (sent === undefined) throw new Error(`${hash} sent no packet`);
  return sent.packet.guid.toLowerCase();
}

describe.each(["pglite", "postgres"] as const)("a flaky RPC in front of every chain (%s)", (backend) => {
  let proxies: FlakyRpcProxy[] = [];

  afterAll(async () => {
    await Promise.all(proxies.map((proxy) => proxy.close()));
  });

  test("indexing and delivery complete, nothing is stored twice, balances are exact", async () => {
    const random = seededRandom(SEED + (backend === "pglite" ? 0 : 1));
    const proxyOf = (chain: ChainDriver) =>
      startFlakyRpcProxy({
        target: chain.manifest.rpcUrls[0] ?? "",
        random: seededRandom(random.int(2 ** 32)),
        failureRate: 0.2,
        maxDelayMs: 60,
        hangMs: RPC_TIMEOUT_MS + 300,
      });
    const [proxyA, proxyB] = await Promise.all([proxyOf(net.a), proxyOf(net.b)]);
    if (proxyA === undefined || proxyB === undefined) throw new Error("two proxies");
    proxies = [proxyA, proxyB];
    // The proxies only: no direct URL as a fallback, so every failure is the relayer's to survive.
    const chainSettings = (url: string) => ({
      rpcUrls: [url],
      rpcTimeoutMs: RPC_TIMEOUT_MS,
      rpcRetryCount: 4,
      pollingIntervalMs: 50,
    });
    const relayer = await startRelayer({
      net,
      config: {
        chains: { a: chainSettings(proxyA.url), b: chainSettings(proxyB.url) },
        delivery: { backoffMs: 100, maxAttempts: 50 },
      },
      env: {
        BALLAST_EXECUTOR_KEY: EXECUTOR_KEY,
        BALLAST_VERIFIER_KEY: VERIFIER_KEY,
        ...(backend === "postgres" ? { DATABASE_URL: await server.createDatabase("flaky_rpc") } : {}),
      },
    });
    try {
      const messages = relayer.app.get(MessageRepository);
      const transactions = relayer.app.get(TransactionRepository);
      const db = relayer.app.get(Database);
      const users = net.devnet.users.slice(0, 4);
      const routes: Route[] = users.map((user, i) => ({
        user,
        vault: i < 2 ? net.a : net.b,
        ledger: i < 2 ? net.b : net.a,
      }));
      const tokensBefore = await Promise.all(routes.map(({ user, vault }) => tokenBalance(vault, user)));
      const creditBefore = await Promise.all(routes.map(credit));

      // Phase 1: every user streams locks (the test's clients talk to the chains directly).
      const lockAmounts = routes.map(() =>
        Array.from(
          { length: LOCKS_PER_USER },
          () => BigInt(random.between(1, 40)) * USDC + BigInt(random.int(1e6)),
        ),
      );
      const lockGuids = (
        await Promise.all(
          routes.map(async (route, i) => {
            const guids: string[] = [];
            for (const amount of lockAmounts[i] ?? []) {
              const hash = await lockUsdc(route.vault, route.ledger, route.user, amount);
              guids.push(await guidOf(route.vault, hash));
            }
            return guids;
          }),
        )
      ).flat();
      const started = Date.now();
      const allDelivered = async (guids: readonly string[], what: string) => {
        try {
          await waitFor(
            what,
            async () => {
              const rows = await messages.getMany(guids);
              return rows.length === guids.length && rows.every((row) => row.status === "delivered");
            },
            { timeoutMs: 40_000, intervalMs: 200 },
          );
          console.log(`${what} after ${Date.now() - started} ms`);
        } catch (error) {
          // What was left, to tell a slow run from a stuck one.
          const rows = await messages.getMany(guids);
          const left = rows.filter((row) => row.status !== "delivered");
          console.log(
            `${what}: ${rows.length} stored, not delivered: ${left.map((row) => `${row.status}/${row.attempts}/${row.last_error}`).join("; ")}`,
          );
          throw error;
        }
      };
      await allDelivered(lockGuids, `${lockGuids.length} locks delivered`);

      // Phase 2: each user releases part of what was credited.
      const releaseAmounts = lockAmounts.map((amounts) =>
        amounts.slice(0, RELEASES_PER_USER).map((a) => a / 2n),
      );
      const releaseGuids = (
        await Promise.all(
          routes.map(async (route, i) => {
            const guids: string[] = [];
            for (const amount of releaseAmounts[i] ?? []) {
              const hash = await releaseUsdc(route.ledger, route.vault, route.user, amount);
              guids.push(await guidOf(route.ledger, hash));
            }
            return guids;
          }),
        )
      ).flat();
      await allDelivered(releaseGuids, `${releaseGuids.length} releases delivered`);
      const guids = [...lockGuids, ...releaseGuids];
      expect(new Set(guids).size).toBe(routes.length * (LOCKS_PER_USER + RELEASES_PER_USER));

      // The indexer reaches each chain's head, with every PacketDelivered indexed.
      const heads = await Promise.all([net.a, net.b].map((chain) => chain.publicClient.getBlockNumber()));
      await waitFor(
        "the indexer at both heads with every delivery indexed",
        async () => {
          const at = await Promise.all(
            [net.a, net.b].map((chain) => indexedBlock(db, BigInt(chain.manifest.chainId))),
          );
          if (at.some((block, i) => block === undefined || block < (heads[i] ?? 0n))) return false;
          const rows = await messages.getMany(guids);
          return rows.every((row) => row.delivered_block_number !== null && row.delivered_tx_hash !== null);
        },
        { timeoutMs: 30_000, intervalMs: 200 },
      );

      // The chains' own record: one PacketDelivered per guid.
      const deliveries = new Map([...(await packetDeliveries(net.a)), ...(await packetDeliveries(net.b))]);
      for (const guid of guids) expect(deliveries.get(guid), guid).toBe(1);

      // The events table holds exactly the chain's logs of the watched contracts, each once.
      let packetsSent = 0;
      for (const chain of [net.a, net.b]) {
        const chainId = BigInt(chain.manifest.chainId);
        const toBlock = await indexedBlock(db, chainId);
        if (toBlock === undefined) throw new Error(`${chain.manifest.name} not indexed`);
        const reference = await referenceEvents(chain, toBlock);
        const stored = await storedEventCounts(db, chainId, toBlock);
        expect([...stored.values()].every((count) => count === 1)).toBe(true);
        expect([...stored.keys()].sort()).toEqual(reference.map((event) => event.key));
        packetsSent += reference.filter((event) => event.eventName === "PacketSent").length;
      }
      // One message per PacketSent the chains hold (this run's and any earlier run's), none twice.
      const counts = await messages.countByStatus();
      expect(Object.values(counts).reduce((sum, n) => sum + n, 0)).toBe(packetsSent);
      expect(counts.delivered).toBe(packetsSent);

      // Transactions: exactly one mined execution per message, and no (sender, nonce) mined twice.
      const mined = new Set<string>();
      for (const guid of guids) {
        const recorded = await transactions.forMessage(guid);
        const executions = recorded.filter((tx) => tx.purpose === "execute" && tx.status === "mined");
        expect(executions, guid).toHaveLength(1);
        for (const tx of recorded.filter((row) => row.status === "mined")) {
          const key = `${tx.chain_id}:${tx.from_address}:${tx.nonce}`;
          expect(mined.has(key), key).toBe(false);
          mined.add(key);
        }
      }

      // Balances: every lock credited once, every release paid once.
      for (const [i, route] of routes.entries()) {
        const locked = (lockAmounts[i] ?? []).reduce((sum, amount) => sum + amount, 0n);
        const released = (releaseAmounts[i] ?? []).reduce((sum, amount) => sum + amount, 0n);
        expect(await credit(route)).toBe((creditBefore[i] ?? 0n) + locked - released);
        expect(await tokenBalance(route.vault, route.user)).toBe((tokensBefore[i] ?? 0n) - locked + released);
      }

      // The proxies really failed a meaningful share of the relayer's requests, every way.
      const status = relayer.app.get(IndexerService).status();
      const summary = proxies.map((proxy) => ({
        requests: proxy.stats.requests,
        failed: proxy.stats.failed,
        faults: proxy.stats.faults,
      }));
      console.log(
        `flakyRpc ${backend}: seed ${SEED}, ${guids.length} messages, proxies ${JSON.stringify(summary)}, indexer errors ${status.map((chain) => `${chain.name}=${chain.errors}`).join(" ")}`,
      );
      for (const proxy of proxies) {
        expect(proxy.stats.requests).toBeGreaterThan(200);
        expect(proxy.stats.failed).toBeGreaterThan(proxy.stats.requests * 0.1);
      }
      for (const fault of ["http503", "destroy", "rpcError", "hang", "lostResponse"] as const) {
        expect(proxyA.stats.faults[fault] + proxyB.stats.faults[fault], fault).toBeGreaterThan(0);
      }
      // Broadcasts failed too (some after the chain took them: the answer lost).
      const failedSends = proxies.reduce(
        (sum, proxy) => sum + (proxy.stats.failedMethods.get("eth_sendRawTransaction") ?? 0),
        0,
      );
      expect(failedSends).toBeGreaterThan(0);
    } finally {
      await relayer.close();
    }
  }, 90_000);
});
