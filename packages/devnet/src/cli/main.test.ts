import { type ChildProcessByStdio, spawn, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { parseManifest } from "@ballast/sdk";
import { afterAll, describe, expect, test } from "vitest";

// The built entry point, as `ballast-devnet` runs it (turbo builds before testing).
const MAIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

function run(args: string[]) {
  return spawnSync(process.execPath, [MAIN, ...args], { encoding: "utf8", timeout: 30_000 });
}

describe("ballast-devnet", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  test("start serves the chains, writes the manifest, grows share rates and stops on SIGTERM", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ballast-cli-"));
    dirs.push(dir);
    const manifestPath = join(dir, "manifest.json");
    const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
      process.execPath,
      [MAIN, "start", "--port-base", "0", "--json", "--manifest", manifestPath, "--share-yield-every", "1"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const next = async (): Promise<Record<string, unknown>> => {
      const { value, done } = await lines.next();
      if (done) throw new Error(`ballast-devnet exited early: ${stderr}`);
      return JSON.parse(value) as Record<string, unknown>; // every line is one JSON object (--json)
    };

    const started = await next();
    expect(started.event).toBe("devnet-started");
    const chains = started.chains as { name: string; chainId: number; rpcUrl: string }[]; // the shape runStart prints
    expect(chains.map(({ name }) => name)).toEqual(["a", "b", "c"]);
    for (const { chainId, rpcUrl } of chains) {
      const response = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      expect(await response.json()).toEqual({ jsonrpc: "2.0", id: 1, result: `0x${chainId.toString(16)}` });
    }
    const manifest = parseManifest(JSON.parse(await readFile(manifestPath, "utf8")));
    expect(manifest.chains.map(({ rpcUrls }) => rpcUrls[0])).toEqual(chains.map(({ rpcUrl }) => rpcUrl));

    const grown = await next();
    expect(grown).toMatchObject({ event: "share-yield", chain: "a" });
    // Rate 1 grown by 1 bp, less at most a wei of ERC-4626 rounding (down, in the vault's favour).
    const rate = BigInt(grown.rate as string); // runStart prints the rate as a decimal string
    expect(10n ** 18n + 10n ** 14n - rate).toBeGreaterThanOrEqual(0n);
    expect(10n ** 18n + 10n ** 14n - rate).toBeLessThanOrEqual(1n);

    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const refused = await fetch(chains[0]?.rpcUrl ?? "", { method: "POST", body: "{}" }).then(
      () => false,
      () => true,
    );
    expect(refused).toBe(true);
  }, 60_000);

  test.each([
    [["start", "--chains", "9"], 'ballast-devnet: --chains must be an integer from 2 to 8, got "9"'],
    [
      ["start", "--port-base", "eighty"],
      'ballast-devnet: --port-base must be an integer from 0 to 65535, got "eighty"',
    ],
    [["start", "--colour"], "ballast-devnet: Unknown option '--colour'"],
    [["stop"], 'ballast-devnet: unknown command "stop"'],
  ])("%j is refused with one line and exit code 2", (args, message) => {
    const result = run(args);
    expect(result.status).toBe(2);
    expect(result.stderr.split("\n")[0]).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  test("a taken port fails with one line and exit code 1", async () => {
    const { createServer } = await import("node:net");
    const blocker = createServer();
    const port = await new Promise<number>(
      (resolve) =>
        blocker.listen(0, "127.0.0.1", () => resolve((blocker.address() as { port: number }).port)), // a TCP server's address
    );
    try {
      const result = run(["start", "--port-base", String(port)]);
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(
        `ballast-devnet: port ${port} on 127.0.0.1 is in use (choose another port base)`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
