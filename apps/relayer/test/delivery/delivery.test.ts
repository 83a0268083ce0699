import { collateralVaultAbi, marginLedgerAbi, mockERC20Abi } from "@ballast/contracts";
import { deployLayerZeroEndpoint } from "@ballast/devnet";
import { deliverPacket, getSentPackets, lock, requestRelease } from "@ballast/sdk";
import type { Address, Hash } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HttpErrorBody } from "../../src/api/HttpErrorFilter.js";
import { ChainRegistry } from "../../src/chains/ChainRegistry.js";
import { DeliveryScheduler } from "../../src/delivery/DeliveryScheduler.js";
import { deliveryOptionsFromConfig } from "../../src/delivery/deliveryOptions.js";
import { PathwayConfigError } from "../../src/delivery/errors.js";
import type { MessageDetail, MessageList, MessageView } from "../../src/delivery/MessageView.js";
import { PathwayInspector } from "../../src/delivery/PathwayInspector.js";
import { StuckSweeper } from "../../src/delivery/StuckSweeper.js";
import { IndexerService } from "../../src/indexer/IndexerService.js";
import { MessageRepository } from "../../src/store/MessageRepository.js";
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
import { relayerChain, StaticChainRegistry } from "../support/devnetChains.js";

const EXECUTOR_KEY = devPrivateKey(10);
const EXECUTOR = privateKeyToAddress(EXECUTOR_KEY);
const VERIFIER_KEY = devPrivateKey(2); // the devnet's whitelisted SimpleMessageLib caller
const VERIFIER = privateKeyToAddress(VERIFIER_KEY);
const OPERATOR_TOKEN = "delivery-test-operator-token";
const USDC = 10n ** 6n;
const MAX_ATTEMPTS = 3;
const BACKOFF_MS = 1_500;
const STUCK_AFTER_MS = 2_000;

let net: DeliveryDevnet;
let relayer: TestRelayer;
let messages: MessageRepository;
let transactions: TransactionRepository;
let alice: Address;

beforeAll(async () => {
  net = await startDeliveryDevnet();
  const user = net.devnet.users[0];
  if (user === undefined) throw new Error("a funded user");
  alice = user;
  relayer = await startRelayer({
    net,
    config: { delivery: { maxAttempts: MAX_ATTEMPTS, backoffMs: BACKOFF_MS, stuckAfterMs: STUCK_AFTER_MS } },
    env: {
      BALLAST_EXECUTOR_KEY: EXECUTOR_KEY,
      BALLAST_VERIFIER_KEY: VERIFIER_KEY,
      BALLAST_OPERATOR_TOKEN: OPERATOR_TOKEN,
    },
  });
  messages = relayer.app.get(MessageRepository);
  transactions = relayer.app.get(TransactionRepository);
});

afterAll(async () => {
  await relayer?.close();
  await net?.stop();
});

/** Waits until the relayer's store has `guid` in `status`; returns the row. */
function messageIn(guid: Hash, status: string, timeoutMs = 30_000) {
  return waitFor(
    `message ${guid} ${status}`,
    async () => {
      const message = await messages.get(guid);
      return message?.status === status ? message : undefined;
    },
    { timeoutMs },
  );
}

async function lockUsdc(amount: bigint): Promise<{ guid: Hash; sentAt: number }> {
  const { guid } = await lock(net.a.wallet(alice), {
    chain: net.a.manifest,
    asset: net.a.manifest.tokens.usdc,
    amount,
    dstEid: net.b.manifest.eid,
  });
  return { guid, sentAt: performance.now() };
}

async function releaseUsdc(amount: bigint): Promise<Hash> {
  const { guid } = await requestRelease(net.b.wallet(alice), {
    chain: net.b.manifest,
    srcEid: net.a.manifest.eid,
    asset: net.a.manifest.tokens.usdc,
    amount,
  });
  return guid;
}

const ledgerBalance = async () =>
  (
    await net.b.publicClient.readContract({
      address: net.b.manifest.contracts.marginLedger,
      abi: marginLedgerAbi,
      functionName: "balanceOf",
      args: [alice, net.a.manifest.eid, net.a.manifest.tokens.usdc],
    })
  )[0];

const usdcOnA = () =>
  net.a.publicClient.readContract({
    address: net.a.manifest.tokens.usdc,
    abi: mockERC20Abi,
    functionName: "balanceOf",
    args: [alice],
  });

/** The vault owner (development account #0) sets A's USDC release bucket. */
async function setReleaseLimit(capacity: bigint, refillPerSecond: bigint): Promise<void> {
  const hash = await net.a.wallet(net.devnet.roles.owner).writeContract({
    address: net.a.manifest.contracts.collateralVault,
    abi: collateralVaultAbi,
    functionName: "configureRateLimit",
    args: [net.a.manifest.tokens.usdc, capacity, refillPerSecond],
  });
  expect((await net.a.publicClient.waitForTransactionReceipt({ hash })).status).toBe("success");
}

/** Moves chain A's clock forward and mines a block. */
async function warpA(seconds: number): Promise<void> {
  await net.a.test.increaseTime({ seconds });
  await net.a.test.mine({ blocks: 1 });
}

const retry = (guid: string, authorization?: string) =>
  fetchJson<MessageView | HttpErrorBody>(`${relayer.url}/messages/${guid}/retry`, {
    method: "POST",
    headers: authorization === undefined ? {} : { authorization },
  });

describe("delivery on a devnet (verifier and executor keys)", () => {
  test("a LOCK sent on A is verified, executed and credited on B exactly; a RELEASE back pays on A", async () => {
    const before = await ledgerBalance();
    const amount = 1_234_567_891n;
    const { guid, sentAt } = await lockUsdc(amount);
    const delivered = await messageIn(guid, "delivered");
    const lockToCredited = performance.now() - sentAt;
    expect(await ledgerBalance()).toBe(before + amount);

    // Recorded before broadcast, then mined: the devnet verification by the verifier, the execution by the executor.
    const txs = await transactions.forMessage(guid);
    expect(txs.map(({ purpose, status, from_address }) => [purpose, status, from_address])).toEqual([
      ["verify", "mined", VERIFIER.toLowerCase()],
      ["execute", "mined", EXECUTOR.toLowerCase()],
    ]);
    expect(txs.every((tx) => tx.raw !== null && tx.chain_id === BigInt(net.b.manifest.chainId))).toBe(true);
    expect(delivered.delivered_tx_hash).toBe(txs[1]?.hash);
    expect(delivered.attempts).toBe(0);
    expect((await packetDeliveries(net.b)).get(guid)).toBe(1);
    console.info(`lock-to-credited with the relayer delivering (automine): ${lockToCredited.toFixed(0)} ms`);

    const paidBefore = await usdcOnA();
    const part = 234_567_891n;
    const releaseGuid = await releaseUsdc(part);
    await messageIn(releaseGuid, "delivered");
    expect(await usdcOnA()).toBe(paidBefore + part);
    expect(await ledgerBalance()).toBe(before + amount - part);
    expect((await packetDeliveries(net.a)).get(releaseGuid)).toBe(1);

    const { status, body } = await fetchJson<MessageList>(`${relayer.url}/messages?status=delivered`);
    expect(status).toBe(200);
    const listed = body.messages.find((message) => message.guid === guid);
    expect(listed).toMatchObject({
      type: "LOCK",
      status: "delivered",
      amount: amount.toString(),
      account: alice.toLowerCase(),
    });
    expect(body.messages.map((message) => message.guid)).toContain(releaseGuid);
    const detail = await fetchJson<MessageDetail>(`${relayer.url}/messages/${releaseGuid}`);
    expect(detail.status).toBe(200);
    expect(detail.body.transactions.map(({ purpose, status }) => [purpose, status])).toEqual([
      ["verify", "mined"],
      ["execute", "mined"],
    ]);
  });

  test("the message endpoints refuse bad input with 400 and name it; an unknown guid is 404", async () => {
    const bad = await fetchJson<HttpErrorBody>(`${relayer.url}/messages?status=lost`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(
      /^status: Invalid option: expected one of "sent"\|"verified"\|"delivered"\|"failed"\|"stuck"\|"dead"$/,
    );
    const limit = await fetchJson<HttpErrorBody>(`${relayer.url}/messages?limit=0`);
    expect([limit.status, limit.body.message]).toEqual([400, expect.stringMatching(/^limit: /)]);
    const unknown = await fetchJson<HttpErrorBody>(`${relayer.url}/messages?state=sent`);
    expect(unknown.status).toBe(400);
    const guid = `0x${"12".repeat(32)}`;
    expect(await fetchJson(`${relayer.url}/messages/${guid}`)).toEqual({
      status: 404,
      body: { statusCode: 404, message: `no message ${guid}` },
    });
    const openapi = await fetchJson<{ paths: Record<string, Record<string, { security?: unknown[] }>> }>(
      `${relayer.url}/openapi.json`,
    );
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining(["/messages", "/messages/{guid}", "/messages/{guid}/retry"]),
    );
    expect(openapi.body.paths["/messages/{guid}/retry"]?.post?.security).toEqual([{ bearer: [] }]);
    const malformed = await fetchJson<HttpErrorBody>(`${relayer.url}/messages/0x1234`);
    expect([malformed.status, malformed.body.message]).toEqual([
      400,
      "guid: not a guid (0x and 64 hex digits)",
    ]);
  });

  test("a RELEASE over the vault's rate limit fails with the decoded reason and backs off, then is delivered once the bucket refills", async () => {
    await setReleaseLimit(500n * USDC, 1n * USDC); // 500 USDC, refilled at 1 USDC per second
    const { guid: lockGuid } = await lockUsdc(2_000n * USDC);
    await messageIn(lockGuid, "delivered");
    const firstRelease = await releaseUsdc(400n * USDC);
    await messageIn(firstRelease, "delivered");

    const paidBefore = await usdcOnA();
    const requested = Date.now();
    const guid = await releaseUsdc(300n * USDC); // about 100 USDC left in the bucket
    const failed = await messageIn(guid, "failed");
    const seen = Date.now();
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toMatch(
      new RegExp(
        `^lzReceive failed: RateLimited\\(asset=${net.a.manifest.tokens.usdc}, amount=300000000, available=\\d+\\)$`,
      ),
    );
    // The first retry waits backoffMs after the failure, which happened between the request and now.
    const retryAt = failed.next_attempt_at?.getTime() ?? 0;
    expect(retryAt).toBeGreaterThanOrEqual(requested + BACKOFF_MS);
    expect(retryAt).toBeLessThanOrEqual(seen + BACKOFF_MS);
    // Refused in simulation: nothing was sent for the execution.
    expect((await transactions.forMessage(guid)).map(({ purpose }) => purpose)).toEqual(["verify"]);
    expect(await usdcOnA()).toBe(paidBefore);

    await warpA(1_000); // the bucket refills (to its 500 USDC capacity)
    const delivered = await messageIn(guid, "delivered", 10_000);
    expect(delivered.attempts).toBeGreaterThanOrEqual(1);
    expect(delivered.attempts).toBeLessThan(MAX_ATTEMPTS);
    expect(await usdcOnA()).toBe(paidBefore + 300n * USDC);
    expect((await packetDeliveries(net.a)).get(guid)).toBe(1);
  });

  test("after maxAttempts a message is dead; POST /messages/:guid/retry needs the operator token and brings it back", async () => {
    const paidBefore = await usdcOnA();
    const requested = Date.now();
    const guid = await releaseUsdc(600n * USDC); // more than the bucket holds: every attempt fails
    const dead = await messageIn(guid, "dead", 20_000);
    // Three attempts, the retries backoffMs then 2 * backoffMs after a failure.
    expect(Date.now() - requested).toBeGreaterThanOrEqual(3 * BACKOFF_MS);
    expect(dead.attempts).toBe(MAX_ATTEMPTS);
    expect(dead.next_attempt_at).toBeNull();
    expect(dead.last_error).toMatch(/RateLimited\(.*amount=600000000/);
    const list = await fetchJson<MessageList>(`${relayer.url}/messages?status=dead`);
    expect(list.body.messages.map((message) => message.guid)).toEqual([guid]);

    expect(await retry(guid)).toEqual({
      status: 401,
      body: { statusCode: 401, message: "missing bearer token (Authorization: Bearer <token>)" },
    });
    expect(await retry(guid, `Bearer ${OPERATOR_TOKEN}-wrong`)).toEqual({
      status: 401,
      body: { statusCode: 401, message: "invalid operator token" },
    });
    expect((await messages.get(guid))?.status).toBe("dead");

    await setReleaseLimit(10_000n * USDC, 1n * USDC);
    await warpA(2_000);
    const retried = await retry(guid, `Bearer ${OPERATOR_TOKEN}`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ guid, status: "verified", attempts: 0, nextAttemptAt: null });
    await messageIn(guid, "delivered", 10_000);
    expect(await usdcOnA()).toBe(paidBefore + 600n * USDC);
    expect((await packetDeliveries(net.a)).get(guid)).toBe(1);

    // Only failed or dead messages can be retried.
    expect(await retry(guid, `Bearer ${OPERATOR_TOKEN}`)).toEqual({
      status: 409,
      body: {
        statusCode: 409,
        message: `message ${guid} is delivered: only failed or dead messages can be retried`,
      },
    });
    expect((await retry(`0x${"34".repeat(32)}`, `Bearer ${OPERATOR_TOKEN}`)).status).toBe(404);
  });

  test("a packet someone else already executed is marked delivered without a transaction", async () => {
    const scheduler = relayer.app.get(DeliveryScheduler);
    const indexer = relayer.app.get(IndexerService);
    await scheduler.stop();
    const before = await ledgerBalance();
    const { guid } = await lockUsdc(77n * USDC);
    const stored = await waitFor("the LOCK indexed", async () => messages.get(guid));
    await indexer.stop(); // the relayer learns nothing more from events: only the delivery can find it executed

    // Another executor (the devnet verifier account) delivers it first.
    const receipt = await net.a.publicClient.getTransactionReceipt({ hash: stored.sent_tx_hash as Hash }); // stored lowercase hex
    const [sent] = getSentPackets({ endpoint: net.a.manifest.endpoint, receipt });
    if (sent === undefined || net.b.manifest.messageLib === null) throw new Error("a PacketSent on a devnet");
    const { executeTransactionHash } = await deliverPacket({
      publicClient: net.b.publicClient,
      walletClient: net.b.wallet(net.devnet.roles.verifier),
      endpoint: net.b.manifest.endpoint,
      messageLib: net.b.manifest.messageLib,
      packet: sent.encodedPacket,
    });
    expect(executeTransactionHash).toBeDefined();
    expect((await messages.get(guid))?.status).toBe("sent");

    scheduler.start();
    const delivered = await messageIn(guid, "delivered");
    expect(delivered.delivered_tx_hash).toBeNull();
    expect(await transactions.forMessage(guid)).toEqual([]);
    expect(await ledgerBalance()).toBe(before + 77n * USDC);
    expect((await packetDeliveries(net.b)).get(guid)).toBe(1);
    const metrics = await (await fetch(`${relayer.url}/metrics`)).text();
    expect(metrics).toMatch(/^ballast_delivery_already_executed_total\{dst="b"\} [1-9]/m);
    indexer.start();

    // The verifier's nonce moved behind the relayer's back: the next verification signs again with a fresh one.
    const next = await lockUsdc(5n * USDC);
    await messageIn(next.guid, "delivered");
    expect(await ledgerBalance()).toBe(before + 82n * USDC);
  });

  test("a message not delivered within stuckAfterMs of its PacketSent is stuck (log + metric), and still delivered", async () => {
    const scheduler = relayer.app.get(DeliveryScheduler);
    await scheduler.stop();
    const { guid } = await lockUsdc(3n * USDC);
    const stored = await waitFor("the LOCK indexed", async () => messages.get(guid));
    expect(stored.status).toBe("sent");
    const sweeper = relayer.app.get(StuckSweeper);
    expect(await sweeper.sweep()).not.toContain(guid);
    await new Promise((resolve) => setTimeout(resolve, STUCK_AFTER_MS + 200));
    expect(await sweeper.sweep()).toEqual([guid]);
    expect(await sweeper.sweep()).toEqual([]); // reported once
    expect((await messages.get(guid))?.status).toBe("stuck");
    const metrics = await (await fetch(`${relayer.url}/metrics`)).text();
    expect(metrics).toMatch(/^ballast_delivery_stuck_total\{dst="b"\} 1$/m);
    expect(metrics).toMatch(/^ballast_messages\{status="stuck"\} 1$/m);

    scheduler.start();
    await messageIn(guid, "delivered");
  });

  test("GET /metrics: messages by status from the store, latency histogram, attempts and failures", async () => {
    const text = await (await fetch(`${relayer.url}/metrics`)).text();
    const counts = await messages.countByStatus();
    expect(text).toContain(`ballast_messages{status="delivered"} ${counts.delivered}`);
    expect(counts.delivered).toBeGreaterThanOrEqual(9);
    expect(text).toContain("# TYPE ballast_delivery_latency_seconds histogram");
    const latencyCount = (route: string) =>
      Number(
        new RegExp(
          `^ballast_delivery_latency_seconds_count\\{src="${route[0]}",dst="${route[1]}"\\} (\\d+)$`,
          "m",
        ).exec(text)?.[1],
      );
    expect(latencyCount("ab")).toBeGreaterThanOrEqual(4);
    expect(latencyCount("ba")).toBe(4);
    expect(text).toMatch(/^ballast_delivery_attempts_total\{dst="b",action="execute"\} [1-9]\d*$/m);
    expect(text).toMatch(
      new RegExp(
        `^ballast_delivery_failures_total\\{dst="a",reason="RateLimited"\\} ${MAX_ATTEMPTS + 1}$`,
        "m",
      ),
    );
    expect(text).toMatch(/^ballast_delivery_dead_total\{dst="a"\} 1$/m);
  });
});

describe("production pathway checks", () => {
  test("the devnet's SimpleMessageLib defaults: production mode refuses every pathway, naming each reason; devnet mode warns", async () => {
    const reasons = [
      "the receiver follows LayerZero's default receive library (not pinned)",
      "its receive library is not a ULN: no DVN verifies it",
      "the sender follows LayerZero's default send library (not pinned)",
    ];
    const names = [
      "a -> b (collateralVault -> marginLedger)",
      "a -> b (marginLedger -> collateralVault)",
      "b -> a (collateralVault -> marginLedger)",
      "b -> a (marginLedger -> collateralVault)",
    ];
    const pathways = await relayer.app.get(PathwayInspector).check(); // devnet mode: no refusal
    expect(pathways.map(({ name }) => name)).toEqual(names);
    for (const pathway of pathways) {
      const [src, dst] = pathway.srcEid === net.a.manifest.eid ? [net.a, net.b] : [net.b, net.a];
      expect(pathway.receiveLibrary?.toLowerCase()).toBe(dst.manifest.messageLib?.toLowerCase());
      expect(pathway.sendLibrary?.toLowerCase()).toBe(src.manifest.messageLib?.toLowerCase());
      expect(pathway).toMatchObject({
        isDefaultReceiveLibrary: true,
        isDefaultSendLibrary: true,
        uln: undefined,
        refusals: [],
        warnings: reasons,
      });
    }

    // The same chains read under the options production mode gets from the config.
    const production = deliveryOptionsFromConfig({ ...relayer.loaded.config, mode: "production" });
    const inspector = new PathwayInspector(relayer.app.get(ChainRegistry), production);
    const refused = await inspector.check().catch((error: unknown) => error);
    if (!(refused instanceof PathwayConfigError))
      throw new Error(`expected a refusal, got ${String(refused)}`);
    expect(refused.issues).toEqual(
      names.flatMap((pathway) => reasons.map((message) => ({ pathway, message }))),
    );
  });

  test("a pathway whose endpoint has no receive library refuses to start", async () => {
    const bLocal = net.devnet.chain("b").local;
    // An endpoint on B with no library for A: what a receiver on a misconfigured endpoint sees.
    const bare = await deployLayerZeroEndpoint({ chain: bLocal, eid: net.b.manifest.eid, remoteEids: [] });
    const registry = new StaticChainRegistry([
      relayerChain({ manifest: net.a.manifest }),
      relayerChain({ manifest: { ...net.b.manifest, endpoint: bare.endpoint } }),
    ]);
    const inspector = new PathwayInspector(registry, relayer.options);
    const refused = await inspector.check().catch((error: unknown) => error);
    if (!(refused instanceof PathwayConfigError))
      throw new Error(`expected a refusal, got ${String(refused)}`);
    expect(refused.issues).toEqual([
      { pathway: "a -> b (collateralVault -> marginLedger)", message: "no receive library" },
      { pathway: "a -> b (marginLedger -> collateralVault)", message: "no receive library" },
    ]);
    expect(refused.message).toMatch(
      /^refusing to deliver: a -> b \(collateralVault -> marginLedger\): no receive library; /,
    );
  });
});
