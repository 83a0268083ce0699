import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { endpointV2Abi } from "@ballast/contracts";
import { decodeUlnConfig, type NetworkConfigInput, parseManifest } from "@ballast/sdk";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fakeAddress, startUlnChains, type UlnChain } from "../deploy/testing/startUlnChains.js";

// The built entry point, as `ballast-devnet` runs it (turbo builds before testing).
const MAIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
/** Hardhat's development account #0 (the default mnemonic's first key): funded on every local chain. */
const DEPLOYER_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const { BALLAST_DEPLOYER_KEY: _inherited, ...ENV_WITHOUT_KEY } = process.env;
const ENV = { ...ENV_WITHOUT_KEY, BALLAST_DEPLOYER_KEY: DEPLOYER_KEY };

/** A valid one-chain-pair config whose chains are unreachable: refusals must come before any RPC. */
const OFFLINE_CONFIG: NetworkConfigInput = {
  name: "offline",
  chains: [
    {
      name: "a",
      chainId: 11_155_111,
      eid: 40_161,
      rpcUrls: ["http://127.0.0.1:9"],
      endpoint: fakeAddress("1a"),
    },
    {
      name: "b",
      chainId: 421_614,
      eid: 40_231,
      rpcUrls: ["http://127.0.0.1:9"],
      endpoint: fakeAddress("1a"),
    },
  ],
};

describe("ballast-devnet deploy", () => {
  const dir = mkdtempSync(join(tmpdir(), "ballast-deploy-"));
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Writes `content` (JSON unless a string) to a file in the test directory; returns its path. */
  const file = async (name: string, content: unknown) => {
    const path = join(dir, name);
    await writeFile(path, typeof content === "string" ? content : JSON.stringify(content));
    return path;
  };
  const run = (args: string[], env: NodeJS.ProcessEnv = ENV) =>
    spawnSync(process.execPath, [MAIN, "deploy", ...args], { encoding: "utf8", timeout: 30_000, env });

  test.each<[string, () => Promise<{ args: string[]; env?: NodeJS.ProcessEnv }>, string]>([
    [
      "no key in the environment",
      async () => ({
        args: ["--config", await file("ok.json", OFFLINE_CONFIG), "--out", join(dir, "m.json")],
        env: ENV_WITHOUT_KEY,
      }),
      "ballast-devnet: BALLAST_DEPLOYER_KEY is not set: the deployer's private key comes from the environment",
    ],
    [
      "a malformed key",
      async () => ({
        args: ["--config", await file("ok.json", OFFLINE_CONFIG), "--out", join(dir, "m.json")],
        env: { ...ENV_WITHOUT_KEY, BALLAST_DEPLOYER_KEY: "0x5ec2e7" },
      }),
      "ballast-devnet: BALLAST_DEPLOYER_KEY is not a private key (0x followed by 64 hex digits)",
    ],
    [
      "a key as a flag",
      async () => ({ args: ["--key", DEPLOYER_KEY] }),
      "ballast-devnet: Unknown option '--key'",
    ],
    [
      "no --config",
      async () => ({ args: ["--out", "m.json"] }),
      "ballast-devnet: deploy needs --config FILE",
    ],
    [
      "a missing config file",
      async () => ({ args: ["--config", join(dir, "absent.json"), "--out", join(dir, "m.json")] }),
      `ballast-devnet: cannot read network config ${join(dir, "absent.json")}: ENOENT`,
    ],
    [
      "a config that is not JSON",
      async () => ({
        args: ["--config", await file("bad.json", "{ chains: "), "--out", join(dir, "m.json")],
      }),
      `ballast-devnet: network config ${join(dir, "bad.json")} is not JSON`,
    ],
    [
      "a config with a bad field",
      async () => {
        const [a, b] = OFFLINE_CONFIG.chains as [
          NetworkConfigInput["chains"][0],
          NetworkConfigInput["chains"][0],
        ]; // two chains above
        const config = { ...OFFLINE_CONFIG, chains: [a, { ...b, rpcUrls: ["ftp://rpc.example"] }] };
        return { args: ["--config", await file("field.json", config), "--out", join(dir, "m.json")] };
      },
      "invalid network config: chains[1].rpcUrls[0]: not an http(s) or ws(s) URL",
    ],
    [
      "a chain without an endpoint",
      async () => {
        const [{ endpoint: _endpoint, ...a }, b] = OFFLINE_CONFIG.chains as [
          NetworkConfigInput["chains"][0],
          NetworkConfigInput["chains"][0],
        ]; // two chains above
        return {
          args: [
            "--config",
            await file("no-endpoint.json", { ...OFFLINE_CONFIG, chains: [a, b] }),
            "--out",
            join(dir, "m.json"),
          ],
        };
      },
      "ballast-devnet: chain a: no LayerZero endpoint in the config",
    ],
    [
      "an output file that exists",
      async () => ({
        args: ["--config", await file("ok.json", OFFLINE_CONFIG), "--out", await file("exists.json", "{}")],
      }),
      `ballast-devnet: ${join(dir, "exists.json")} already exists`,
    ],
  ])("refuses %s with one line and exit code 2", async (_, input, message) => {
    const { args, env } = await input();
    const result = run(args, env);
    expect(result.stderr.split("\n")[0]).toContain(message);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.stderr).not.toContain("5ec2e7");
    expect(result.stderr).not.toContain(DEPLOYER_KEY.slice(2));
    expect(result.stdout).toBe("");
  });

  describe("on chains served over HTTP with LayerZero's ULN302", () => {
    let chains: UlnChain[];
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ chains, close } = await startUlnChains({ count: 2, chainIdBase: 31_901, eidBase: 40_401 }));
    });
    afterAll(async () => {
      await close?.();
    });

    test("deploys the config, applies its pathways and writes the manifest", async () => {
      const [a, b] = chains as [UlnChain, UlnChain]; // two chains started
      const owner = a.server.local.accounts[5];
      const pathway = (remoteEid: number, confirmations: number) => ({
        remoteEid,
        confirmations,
        requiredDvns: [fakeAddress("d2"), fakeAddress("d1")],
      });
      const config: NetworkConfigInput = {
        name: "cli-testnet",
        owner,
        chains: [a, b].map((chain, i) => ({
          name: chain.name,
          chainId: chain.chainId,
          eid: chain.eid,
          rpcUrls: [chain.server.rpcUrl],
          endpoint: chain.endpoint,
          pathways: [pathway(i === 0 ? b.eid : a.eid, 10 + i)],
        })),
      };
      const out = join(dir, "deployed", "manifest.json");
      const child = spawn(
        process.execPath,
        [MAIN, "deploy", "--config", await file("net.json", config), "--out", out],
        {
          env: ENV,
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout).toContain("chain a: pathway to eid 40402 configured on vault and ledger");
      expect(stdout).toContain(`owner ${owner} must call acceptOwnership()`);

      const manifest = parseManifest(JSON.parse(await readFile(out, "utf8")));
      expect(manifest.network).toBe("cli-testnet");
      expect(
        manifest.chains.map(({ eid, endpoint, owner: to, ownershipPending }) => [
          eid,
          endpoint,
          to,
          ownershipPending,
        ]),
      ).toEqual([
        [a.eid, a.endpoint, owner, true],
        [b.eid, b.endpoint, owner, true],
      ]);
      const vault = manifest.chains[0]?.contracts.collateralVault;
      if (vault === undefined) throw new Error("no vault on a");
      const sent = await a.server.local.publicClient.readContract({
        address: a.endpoint,
        abi: endpointV2Abi,
        functionName: "getConfig",
        args: [vault, a.sendUln302, b.eid, 2],
      });
      expect(decodeUlnConfig(sent)).toMatchObject({
        confirmations: 10n,
        requiredDVNs: [fakeAddress("d1"), fakeAddress("d2")],
      });
    }, 120_000);
  });
});
