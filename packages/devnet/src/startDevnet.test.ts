import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collateralVaultAbi, mockERC20Abi, mockERC4626Abi } from "@ballast/contracts";
import { parseManifest } from "@ballast/sdk";
import { type Address, createPublicClient, http } from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEFAULT_FUNDING } from "./devnet/fundAccounts.js";
import { MULTICALL3_ADDRESS } from "./devnet/installMulticall3.js";
import { LocalChainError } from "./errors.js";
import { type Devnet, startDevnet } from "./startDevnet.js";

/** Posts one raw JSON-RPC request, as curl would. */
async function rawRpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { result: unknown }).result; // a JSON-RPC success response
}

/** True when something accepts connections on the port. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

describe("startDevnet", () => {
  let devnet: Devnet;
  let dir: string;
  let startMs: number;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ballast-devnet-"));
    const started = performance.now();
    devnet = await startDevnet({ portBase: 0, manifestPath: join(dir, "manifest.json") });
    startMs = performance.now() - started;
  }, 120_000);
  afterAll(async () => {
    await devnet?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test("serves three chains over HTTP, each with its own chain id and eid", async () => {
    expect(devnet.chains.map(({ name, eid, chainId }) => [name, eid, chainId])).toEqual([
      ["a", 40_101, 31_401],
      ["b", 40_102, 31_402],
      ["c", 40_103, 31_403],
    ]);
    for (const chain of devnet.chains) {
      expect(chain.rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await rawRpc(chain.rpcUrl, "eth_chainId")).toBe(`0x${chain.chainId.toString(16)}`);
    }
    console.info(`startDevnet: 3 chains deployed and funded in ${Math.round(startMs)} ms`);
  });

  test("writes a manifest the sdk's schema accepts, matching the deployment", async () => {
    const written = parseManifest(JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")));
    expect(written).toEqual(devnet.manifest);
    const [a] = written.chains;
    expect(a?.rpcUrls).toEqual([devnet.chains[0]?.rpcUrl]);
    expect(a?.contracts.collateralVault).toBe(devnet.chains[0]?.deployment.contracts.collateralVault);
    expect(a?.messageLib).toBe(devnet.chains[0]?.deployment.messageLib);
    expect(written.verifier).toBe(devnet.roles.verifier);
  });

  test("an outside viem client reads the wiring and the funded balances", async () => {
    const [a, b] = devnet.manifest.chains;
    if (a === undefined || b === undefined) throw new Error("two chains expected");
    const client = createPublicClient({ transport: http(a.rpcUrls[0]) });
    const peer = await client.readContract({
      address: a.contracts.collateralVault,
      abi: collateralVaultAbi,
      functionName: "peers",
      args: [b.eid],
    });
    expect(peer.toLowerCase()).toBe(`0x${b.contracts.marginLedger.slice(2).toLowerCase().padStart(64, "0")}`);
    expect(devnet.users).toHaveLength(7);
    for (const user of devnet.users) {
      expect(
        await client.readContract({
          address: a.tokens.usdc,
          abi: mockERC20Abi,
          functionName: "balanceOf",
          args: [user],
        }),
      ).toBe(DEFAULT_FUNDING.usdc);
      expect(
        await client.readContract({
          address: a.tokens.weth,
          abi: mockERC20Abi,
          functionName: "balanceOf",
          args: [user],
        }),
      ).toBe(DEFAULT_FUNDING.weth);
      const shares = await client.readContract({
        address: a.tokens.share,
        abi: mockERC4626Abi,
        functionName: "balanceOf",
        args: [user],
      });
      expect(
        await client.readContract({
          address: a.tokens.share,
          abi: mockERC4626Abi,
          functionName: "convertToAssets",
          args: [shares],
        }),
      ).toBe(DEFAULT_FUNDING.shareAssets);
    }
  });

  test("Multicall3 answers at its canonical address on every chain: one aggregate3 for several reads", async () => {
    for (const chain of devnet.manifest.chains) {
      const client = createPublicClient({ transport: http(chain.rpcUrls[0]) });
      const user = devnet.users[0] as Address; // seven funded users
      const [usdc, weth] = await client.multicall({
        multicallAddress: MULTICALL3_ADDRESS,
        allowFailure: false,
        contracts: [
          { address: chain.tokens.usdc, abi: mockERC20Abi, functionName: "balanceOf", args: [user] },
          { address: chain.tokens.weth, abi: mockERC20Abi, functionName: "balanceOf", args: [user] },
        ],
      });
      expect([usdc, weth]).toEqual([DEFAULT_FUNDING.usdc, DEFAULT_FUNDING.weth]);
    }
  });

  test("accrueShareYield grows the share's rate", async () => {
    const before = await devnet.chain("c").local.publicClient.readContract({
      address: devnet.chain("c").deployment.tokens.share,
      abi: mockERC4626Abi,
      functionName: "convertToAssets",
      args: [10n ** 18n],
    });
    const after = await devnet.accrueShareYield("c", 50n);
    expect(after).toBeGreaterThan(before);
    // 0.5% more assets behind the same shares, within the vault's rounding.
    expect(after - (before * 10_050n) / 10_000n).toBeLessThanOrEqual(1n);
    expect(() => devnet.chain("z")).toThrow("no devnet chain z");
  });

  test("two devnets run side by side and stop() frees the ports", async () => {
    const other = await startDevnet({ chains: 2, portBase: 0, fundedAccounts: 0 });
    const ports = other.chains.map(({ rpcUrl }) => Number(new URL(rpcUrl).port));
    expect(ports.every((port) => !devnet.chains.some(({ rpcUrl }) => rpcUrl.endsWith(`:${port}`)))).toBe(
      true,
    );
    expect(await rawRpc(other.chains[1]?.rpcUrl ?? "", "eth_chainId")).toBe("0x7aaa");
    expect(await rawRpc(devnet.chains[1]?.rpcUrl ?? "", "eth_chainId")).toBe("0x7aaa");

    await other.stop();
    for (const port of ports) expect(await portIsFree(port)).toBe(true);
    expect(await rawRpc(devnet.chains[0]?.rpcUrl ?? "", "eth_chainId")).toBe("0x7aa9");
  }, 120_000);

  test("a taken port is refused with its number, and the chains already started are stopped", async () => {
    // Two free neighbouring ports; something else listens on the second.
    let base = 20_000 + Math.floor(Math.random() * 20_000);
    while (!((await portIsFree(base)) && (await portIsFree(base + 1)))) base += 2;
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(base + 1, "127.0.0.1", resolve));
    try {
      await expect(startDevnet({ chains: 2, portBase: base, fundedAccounts: 0 })).rejects.toThrow(
        new LocalChainError(`port ${base + 1} on 127.0.0.1 is in use (choose another port base)`),
      );
      expect(await portIsFree(base)).toBe(true);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, 120_000);

  test("refuses bad parameters", async () => {
    await expect(startDevnet({ chains: 1 })).rejects.toThrow("chains must be an integer from 2 to 8, got 1");
    await expect(startDevnet({ portBase: 80 })).rejects.toThrow(/portBase must be an integer from 1024/);
  });
});

describe("devnetPrivateKey", () => {
  test("derives the keys of the accounts the devnet funds", async () => {
    const { privateKeyToAccount } = await import("viem/accounts");
    const { devnetPrivateKey } = await import("./devnet/devnetPrivateKey.js");
    const devnet = await startDevnet({ chains: 2, portBase: 0, fundedAccounts: 1, marketLiquidity: 0n });
    try {
      for (const index of [0, 2, 3, 19]) {
        expect(privateKeyToAccount(devnetPrivateKey(index)).address).toBe(
          devnet.chains[0]?.local.accounts[index],
        );
      }
      expect(() => devnetPrivateKey(20)).toThrow("no development account #20");
    } finally {
      await devnet.stop();
    }
  });
});
