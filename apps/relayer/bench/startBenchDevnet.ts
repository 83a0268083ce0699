import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lockBatcherAbi, lockBatcherBytecode, mockERC20Abi } from "@ballast/contracts";
import { type Devnet, startDevnet } from "@ballast/devnet";
import { type ManifestChain, toViemChain } from "@ballast/sdk";
import {
  type Account,
  type Address,
  type Chain,
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  maxUint256,
  type PublicClient,
  type TestClient,
  type Transport,
  type WalletClient,
  type WebSocketTransport,
  webSocket,
} from "viem";
import { sleep } from "./stats.ts";

/** One chain of the bench devnet, with the clients the bench drives it with. */
export interface BenchChain {
  manifest: ManifestChain;
  /** HTTP, polling every 10 ms (the bench's own reads and receipts). */
  publicClient: PublicClient<Transport, Chain>;
  /** WebSocket: new heads are pushed (block clock, the perfect loop's receipts). */
  wsClient: PublicClient<WebSocketTransport, Chain>;
  /** A wallet of an unlocked development account over HTTP. */
  wallet(account: Address): WalletClient<Transport, Chain, Account>;
  test: TestClient<"hardhat", Transport, Chain>;
  /** The chain's LockBatcher (a testing contract: many `lock`s in one transaction). */
  batcher: Address;
}

/** How the chains mine. */
export type Mining =
  /** A block per transaction, at once (setup, the throughput run, the backfill). */
  | { kind: "auto" }
  /** A block every `blockTimeMs`; chain i's blocks come i/n of a block time after chain 0's. */
  | { kind: "interval"; blockTimeMs: number };

/** The 3-chain devnet of the bench. */
export interface BenchDevnet {
  devnet: Devnet;
  dir: string;
  manifestPath: string;
  chains: BenchChain[];
  /** Funded users: [0] sends the latency locks, [1] the batched ones. */
  users: readonly Address[];
  setMining(mining: Mining): Promise<void>;
  stop(): Promise<void>;
}

/** Users' approval of the vault and the batcher, enough for every lock of the run. */
const APPROVAL = maxUint256;

/**
 * Starts a 3-chain devnet (HTTP on free ports, manifest in a temporary folder), deploys a LockBatcher
 * on each chain (startDevnet already put Multicall3 at its canonical address), and has the first two funded users
 * approve each chain's vault and batcher for USDC. The chains automine until {@link BenchDevnet.setMining}.
 */
export async function startBenchDevnet(): Promise<BenchDevnet> {
  const dir = await mkdtemp(join(tmpdir(), "ballast-relayer-bench-"));
  const manifestPath = join(dir, "manifest.json");
  const devnet = await startDevnet({ chains: 3, portBase: 0, manifestPath });
  const users = devnet.users.slice(0, 2);
  const chains: BenchChain[] = [];
  try {
    for (const manifest of devnet.manifest.chains) {
      const url = manifest.rpcUrls[0];
      if (url === undefined) throw new Error(`${manifest.name} has no RPC URL`);
      const chain = toViemChain(manifest);
      // The chains run in this process beside the relayer: a 16M-gas batch may take longer than
      // viem's default 10 s to answer while the relayer is busy, which is not what is measured.
      const transport = http(url, { timeout: 120_000 });
      const publicClient = createPublicClient({ chain, transport, pollingInterval: 10 });
      const wsClient = createPublicClient({
        chain,
        transport: webSocket(url.replace(/^http/, "ws")),
        // waitForTransactionReceipt polls even over WebSocket: not viem's default 4 s.
        pollingInterval: 10,
      });
      const wallet = (account: Address) =>
        createWalletClient({ account, chain, transport, pollingInterval: 10 });
      const test = createTestClient({ mode: "hardhat", chain, transport });
      const owner = wallet(devnet.roles.owner);
      const deployed = await publicClient.waitForTransactionReceipt({
        hash: await owner.deployContract({ abi: lockBatcherAbi, bytecode: lockBatcherBytecode }),
      });
      const batcher = deployed.contractAddress;
      if (batcher === null || batcher === undefined)
        throw new Error(`${manifest.name}: LockBatcher not deployed`);
      for (const user of users) {
        for (const spender of [manifest.contracts.collateralVault, batcher]) {
          await publicClient.waitForTransactionReceipt({
            hash: await wallet(user).writeContract({
              address: manifest.tokens.usdc,
              abi: mockERC20Abi,
              functionName: "approve",
              args: [spender, APPROVAL],
            }),
          });
        }
      }
      chains.push({ manifest, publicClient, wsClient, wallet, test, batcher });
    }
  } catch (error) {
    await devnet.stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    devnet,
    dir,
    manifestPath,
    chains,
    users,
    async setMining(mining) {
      if (mining.kind === "auto") {
        for (const { test } of chains) {
          await test.setIntervalMining({ interval: 0 });
          await test.setAutomine(true);
        }
        return;
      }
      for (const { test } of chains) await test.setAutomine(false);
      // Staggered phases, as independent chains have: chain i starts its interval i/n of a block later.
      const start = performance.now();
      for (const [i, { test }] of chains.entries()) {
        await sleep(start + (i * mining.blockTimeMs) / chains.length - performance.now());
        // Hardhat mode takes seconds and sends milliseconds: fractions are fine.
        await test.setIntervalMining({ interval: mining.blockTimeMs / 1000 });
      }
    },
    async stop() {
      for (const { wsClient } of chains) {
        const rpcClient = await wsClient.transport.getRpcClient();
        rpcClient.close();
      }
      await devnet.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
