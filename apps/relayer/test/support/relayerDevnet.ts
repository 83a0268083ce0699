import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Devnet, startDevnet } from "@ballast/devnet";
import { type ManifestChain, toViemChain } from "@ballast/sdk";
import type { NestFastifyApplication } from "@nestjs/platform-fastify";
import { type Address, createPublicClient, createTestClient, createWalletClient, http } from "viem";
import { loadRelayerConfig } from "../../src/config/loadRelayerConfig.js";
import { createRelayerApp } from "../../src/createRelayerApp.js";
import { IndexerService } from "../../src/indexer/IndexerService.js";
import type { ChainDriver } from "./devnetChains.js";

/** A 2-chain devnet with the real relayer app serving on a free loopback port, its indexer stepped by hand. */
export interface RelayerDevnet {
  devnet: Devnet;
  /** The temporary folder of the manifest and config. */
  dir: string;
  a: ChainDriver;
  b: ChainDriver;
  /** A funded, unlocked development account. */
  user: Address;
  app: NestFastifyApplication;
  /** The API's base URL. */
  url: string;
  /** Indexes every chain (or the one of `eid`) up to its head. */
  sync(eid?: number): Promise<void>;
  /** Closes the app, stops the chains, removes the folder. */
  stop(): Promise<void>;
}

/** Parameters of {@link startRelayerDevnet}. */
export interface StartRelayerDevnetParameters {
  /** Config file fields beyond the defaults (manifest, port 0, PGlite in memory, silent logs, hourly reconciliation). */
  config?: Record<string, unknown> | undefined;
  /** Environment of the config (keys). */
  env?: Record<string, string> | undefined;
}

/** Plain viem clients of a devnet chain, for driving it in tests. */
export function chainDriver(manifest: ManifestChain): ChainDriver {
  const url = manifest.rpcUrls[0];
  if (url === undefined) throw new Error(`${manifest.name} has no RPC URL`);
  const chain = toViemChain(manifest);
  return {
    manifest,
    publicClient: createPublicClient({ chain, transport: http(url) }),
    wallet: (account) => createWalletClient({ account, chain, transport: http(url) }),
    test: createTestClient({ mode: "hardhat", chain, transport: http(url) }),
  };
}

/**
 * Starts a 2-chain devnet and the relayer app on it (config from a file in a temporary folder). The
 * indexer's loops are stopped at once: the test indexes with `sync()`, so what the projection holds
 * is exactly what the test chose.
 */
export async function startRelayerDevnet(
  parameters: StartRelayerDevnetParameters = {},
): Promise<RelayerDevnet> {
  const dir = await mkdtemp(join(tmpdir(), "ballast-relayer-"));
  const manifestPath = join(dir, "manifest.json");
  const devnet = await startDevnet({ portBase: 0, chains: 2, manifestPath });
  let app: NestFastifyApplication | undefined;
  try {
    const [ma, mb] = devnet.manifest.chains;
    const user = devnet.users[0];
    if (ma === undefined || mb === undefined || user === undefined)
      throw new Error("a 2-chain devnet with users");
    const file = join(dir, "relayer.json");
    await writeFile(
      file,
      JSON.stringify({
        manifest: manifestPath,
        api: { port: 0 },
        database: { dataDir: "memory://" },
        log: { level: "silent" },
        intervals: { reconcile: 3_600_000, reconcileAccounts: 1 },
        ...parameters.config,
      }),
    );
    const loaded = await loadRelayerConfig({ file, env: parameters.env ?? {} });
    const started = await createRelayerApp(loaded);
    app = started;
    const indexer = started.get(IndexerService);
    await indexer.stop();
    await started.listen(0, "127.0.0.1");
    const url = await started.getUrl();
    return {
      devnet,
      dir,
      a: chainDriver(ma),
      b: chainDriver(mb),
      user,
      app: started,
      url,
      async sync(eid) {
        for (const chainIndexer of indexer.indexers()) {
          if (eid === undefined || chainIndexer.eid === eid) await chainIndexer.syncToHead();
        }
      },
      async stop() {
        await started.close();
        await devnet.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await app?.close();
    await devnet.stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** GET `path` of the API: status and parsed JSON body (typed by the caller's expectation). */
export async function getJson<T>(url: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const response = await fetch(url, init);
  // The shape each test asserts on.
  return { status: response.status, body: (await response.json()) as T };
}
