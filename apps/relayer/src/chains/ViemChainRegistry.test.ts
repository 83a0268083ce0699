import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type Address, parseEther } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { devPrivateKey } from "../../test/devKeys.js";
import { startTestDevnet, type TestDevnet } from "../../test/startTestDevnet.js";
import { unusedPort } from "../../test/unusedPort.js";
import { type LoadedRelayerConfig, loadRelayerConfig } from "../config/loadRelayerConfig.js";
import { UnknownChainError } from "./UnknownChainError.js";
import { ViemChainRegistry } from "./ViemChainRegistry.js";

const EXECUTOR_KEY = devPrivateKey(6);
const EXECUTOR = privateKeyToAddress(EXECUTOR_KEY);
const RECIPIENT: Address = "0x000000000000000000000000000000000000bEEF";

let net: TestDevnet;

beforeAll(async () => {
  net = await startTestDevnet();
});

afterAll(async () => {
  await net?.stop();
});

/** The relayer config for the devnet with `chains` written in the config file and `env` on top. */
async function load(
  chains: Record<string, unknown>,
  env: NodeJS.ProcessEnv = {},
): Promise<LoadedRelayerConfig> {
  const file = join(net.dir, `relayer-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify({ manifest: net.manifestPath, chains }));
  return loadRelayerConfig({ file, env });
}

/** The executor's wallet client on `eid` (the tests configure the key). */
function executorWallet(registry: ViemChainRegistry, eid: number) {
  const wallet = registry.wallet(eid, "executor");
  if (wallet === undefined)
    throw new Error("no executor wallet: BALLAST_EXECUTOR_KEY is configured by the test");
  return wallet;
}

describe("ViemChainRegistry on a devnet", () => {
  test("every manifest chain, in order, with a client that answers its own chain id", async () => {
    const registry = new ViemChainRegistry(await load({ b: { confirmations: 2, maxBlockRange: 50 } }));
    const chains = registry.all();
    expect(chains.map(({ manifest }) => manifest.name)).toEqual(["a", "b", "c"]);
    for (const chain of chains) {
      expect(await chain.publicClient.getChainId()).toBe(chain.manifest.chainId);
      expect(chain.publicClient.pollingInterval).toBe(250);
      expect(chain.rpcUrls).toEqual(chain.manifest.rpcUrls);
      expect(registry.byEid(chain.manifest.eid)).toBe(chain);
    }
    const [a, b] = chains;
    expect([a?.confirmations, a?.maxBlockRange]).toEqual([0, 2_000]);
    expect([b?.confirmations, b?.maxBlockRange]).toEqual([2, 50]);
    expect(() => registry.byEid(1)).toThrow(UnknownChainError);
    expect(registry.wallet(a?.manifest.eid ?? 0, "executor")).toBeUndefined(); // no key configured
  });

  test("a dead first RPC URL falls back to the next one", async () => {
    const dead = `http://127.0.0.1:${await unusedPort()}`;
    const chainA = net.devnet.chain("a");
    const registry = new ViemChainRegistry(
      await load({ a: { rpcUrls: [dead, chainA.rpcUrl], rpcTimeoutMs: 2_000, rpcRetryCount: 0 } }),
    );
    const a = registry.byEid(chainA.eid);
    expect(a.rpcUrls).toEqual([dead, chainA.rpcUrl]);
    const started = performance.now();
    expect(await a.publicClient.getChainId()).toBe(chainA.chainId);
    expect(await a.publicClient.getBlockNumber({ cacheTime: 0 })).toBeGreaterThan(0n);
    // A refused connection fails over at once, not after the timeout.
    expect(performance.now() - started).toBeLessThan(1_500);

    const allDead = new ViemChainRegistry(
      await load({ a: { rpcUrls: [dead], rpcTimeoutMs: 1_000, rpcRetryCount: 0 } }),
    );
    await expect(allDead.byEid(chainA.eid).publicClient.getBlockNumber({ cacheTime: 0 })).rejects.toThrow();
  });

  test("a wallet client sends transactions with consecutive nonces, and a restart continues from the chain", async () => {
    const loaded = await load({}, { BALLAST_EXECUTOR_KEY: EXECUTOR_KEY });
    const chainB = net.devnet.chain("b");
    const first = new ViemChainRegistry(loaded);
    const wallet = executorWallet(first, chainB.eid);
    expect(wallet.account.address).toBe(EXECUTOR);
    expect(wallet.chain.id).toBe(chainB.chainId);
    expect(first.wallet(chainB.eid, "keeper")).toBeUndefined();

    const publicClient = first.byEid(chainB.eid).publicClient;
    const startNonce = await publicClient.getTransactionCount({ address: EXECUTOR, blockTag: "pending" });
    const balanceBefore = await publicClient.getBalance({ address: RECIPIENT });

    // Concurrent sends: the nonce manager hands out consecutive nonces without asking the chain again.
    const hashes = await Promise.all(
      [1n, 2n, 3n].map((wei) => wallet.sendTransaction({ to: RECIPIENT, value: parseEther("0.001") * wei })),
    );
    const receipts = await Promise.all(
      hashes.map((hash) => publicClient.waitForTransactionReceipt({ hash })),
    );
    expect(receipts.map(({ status }) => status)).toEqual(["success", "success", "success"]);
    const nonces = await Promise.all(
      hashes.map(async (hash) => (await publicClient.getTransaction({ hash })).nonce),
    );
    expect([...nonces].sort((x, y) => x - y)).toEqual([startNonce, startNonce + 1, startNonce + 2]);
    expect(await publicClient.getBalance({ address: RECIPIENT })).toBe(balanceBefore + parseEther("0.006"));

    // Another process sends from the same key in between; a restarted relayer (a new registry) reads the chain.
    const other = executorWallet(new ViemChainRegistry(loaded), chainB.eid);
    await publicClient.waitForTransactionReceipt({
      hash: await other.sendTransaction({ to: RECIPIENT, value: 1n }),
    });
    const restarted = executorWallet(new ViemChainRegistry(loaded), chainB.eid);
    const hash = await restarted.sendTransaction({ to: RECIPIENT, value: 1n });
    expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe("success");
    expect((await publicClient.getTransaction({ hash })).nonce).toBe(startNonce + 4);
  });
});
