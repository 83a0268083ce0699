import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { endpointV2Abi } from "@ballast/contracts";
import { type Devnet, startDevnet } from "@ballast/devnet";
import { computeGuid, type ManifestChain, toViemChain } from "@ballast/sdk";
import { FastifyAdapter, type NestFastifyApplication } from "@nestjs/platform-fastify";
import { Test } from "@nestjs/testing";
import { Logger } from "nestjs-pino";
import { createPublicClient, createTestClient, createWalletClient, http } from "viem";
import { setupOpenApi } from "../../src/api/setupOpenApi.js";
import { AppModule } from "../../src/app.module.js";
import { type LoadedRelayerConfig, loadRelayerConfig } from "../../src/config/loadRelayerConfig.js";
import {
  DELIVERY_OPTIONS,
  type DeliveryOptions,
  deliveryOptionsFromConfig,
} from "../../src/delivery/deliveryOptions.js";
import { TransactionBroadcaster } from "../../src/delivery/TransactionBroadcaster.js";
import type { ChainDriver } from "./devnetChains.js";

/** A 2-chain devnet whose manifest is written to a temporary folder, with drivers per chain. */
export interface DeliveryDevnet {
  devnet: Devnet;
  dir: string;
  manifestPath: string;
  a: ChainDriver;
  b: ChainDriver;
  stop(): Promise<void>;
}

/** Plain viem clients of a devnet chain, for driving it in tests. */
export function driverOf(manifest: ManifestChain): ChainDriver {
  const url = manifest.rpcUrls[0];
  if (url === undefined) throw new Error(`${manifest.name} has no RPC URL`);
  const chain = toViemChain(manifest);
  return {
    manifest,
    publicClient: createPublicClient({ chain, transport: http(url), pollingInterval: 50 }),
    wallet: (account) => createWalletClient({ account, chain, transport: http(url), pollingInterval: 50 }),
    test: createTestClient({ mode: "hardhat", chain, transport: http(url) }),
  };
}

/** Starts a 2-chain devnet over HTTP on free ports and writes its manifest. */
export async function startDeliveryDevnet(): Promise<DeliveryDevnet> {
  const dir = await mkdtemp(join(tmpdir(), "ballast-delivery-"));
  const manifestPath = join(dir, "manifest.json");
  const devnet = await startDevnet({ portBase: 0, chains: 2, manifestPath });
  const [a, b] = devnet.manifest.chains;
  if (a === undefined || b === undefined) throw new Error("a 2-chain devnet");
  return {
    devnet,
    dir,
    manifestPath,
    a: driverOf(a),
    b: driverOf(b),
    async stop() {
      await devnet.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Parameters of {@link startRelayer}. */
export interface StartRelayerParameters {
  net: DeliveryDevnet;
  /** Config file fields on top of: the manifest, PGlite in memory, silent logs, hourly reconciliation. */
  config?: Record<string, unknown> | undefined;
  /** Environment of the config (keys, operator token, DATABASE_URL). */
  env?: Record<string, string> | undefined;
  /** Delivery options on top of the config's. */
  delivery?: Partial<DeliveryOptions> | undefined;
  /** Replaces the broadcaster (to simulate a crash between record and send). */
  broadcaster?: TransactionBroadcaster | undefined;
}

/** A relayer app serving on a free loopback port. */
export interface TestRelayer {
  app: NestFastifyApplication;
  url: string;
  loaded: LoadedRelayerConfig;
  options: DeliveryOptions;
  /** Closes the app; again returns the same promise. */
  close(): Promise<void>;
}

let configs = 0;

/**
 * Boots the real relayer (`AppModule`) on the devnet through Nest's testing module, so the
 * delivery options and the broadcaster can be overridden; listens on a free port. Logs are silent
 * unless `TEST_LOG_LEVEL` is set (then pino JSON lines at that level).
 */
export async function startRelayer(parameters: StartRelayerParameters): Promise<TestRelayer> {
  const { net } = parameters;
  const file = join(net.dir, `relayer-${++configs}.json`);
  const level = process.env.TEST_LOG_LEVEL ?? "silent";
  await writeFile(
    file,
    JSON.stringify({
      manifest: net.manifestPath,
      database: { dataDir: "memory://" },
      log: { level },
      intervals: { index: 100, deliver: 100, reconcile: 3_600_000, reconcileAccounts: 1 },
      chains: { a: { pollingIntervalMs: 50 }, b: { pollingIntervalMs: 50 } },
      ...parameters.config,
    }),
  );
  const loaded = await loadRelayerConfig({ file, env: parameters.env ?? {} });
  const options = deliveryOptionsFromConfig(loaded.config, parameters.delivery);
  let builder = Test.createTestingModule({ imports: [AppModule.forRoot(loaded)] })
    .overrideProvider(DELIVERY_OPTIONS)
    .useValue(options);
  if (parameters.broadcaster !== undefined) {
    builder = builder.overrideProvider(TransactionBroadcaster).useValue(parameters.broadcaster);
  }
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    new FastifyAdapter(),
    level === "silent" ? { logger: false } : { bufferLogs: true },
  );
  if (level !== "silent") app.useLogger(app.get(Logger));
  setupOpenApi(app);
  await app.listen(0, "127.0.0.1");
  let closing: Promise<void> | undefined;
  return { app, url: await app.getUrl(), loaded, options, close: () => (closing ??= app.close()) };
}

/** Polls `probe` every `intervalMs` until it returns something other than undefined/false; throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  { timeoutMs = 30_000, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * How many times each guid was executed on `chain`: `PacketDelivered` logs of its endpoint, the
 * guid recomputed from the origin and receiver (the chain's own record, independent of the relayer).
 */
export async function packetDeliveries(chain: ChainDriver): Promise<Map<string, number>> {
  const logs = await chain.publicClient.getContractEvents({
    address: chain.manifest.endpoint,
    abi: endpointV2Abi,
    eventName: "PacketDelivered",
    fromBlock: 0n,
    toBlock: "latest",
  });
  const counts = new Map<string, number>();
  for (const { args } of logs) {
    const { origin, receiver } = args;
    if (origin === undefined || receiver === undefined) continue;
    const guid = computeGuid(origin.nonce, origin.srcEid, origin.sender, chain.manifest.eid, receiver);
    counts.set(guid.toLowerCase(), (counts.get(guid.toLowerCase()) ?? 0) + 1);
  }
  return counts;
}

/** Fetches `url`: status and parsed JSON body (typed by the caller's expectation). */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as T }; // the shape each test asserts on
}
