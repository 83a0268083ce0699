import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { collateralVaultAbi, marginLedgerAbi } from "@ballast/contracts";
import { type Devnet, startDevnet } from "@ballast/devnet";
import { deliverPacket, getSentPackets, type Manifest } from "@ballast/sdk";
import { type Hash, walletActions } from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

// The built entry point, as `ballast` runs it (turbo builds before testing).
const MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `ballast …` in a child process (asynchronously: the devnet serves it from this process). */
function ballast(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: { PATH: process.env.PATH, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("ballast", () => {
  let devnet: Devnet;
  let dir: string;
  let manifestPath: string;
  let manifest: Manifest;
  const withManifest = (...args: string[]) => [...args, "--manifest", manifestPath];

  /** Delivers what a transaction on chain `from` sent, with the devnet's verifier. */
  async function deliver(from: string, to: string, hash: Hash): Promise<void> {
    const source = devnet.chain(from);
    const destination = devnet.chain(to);
    const receipt = await source.local.publicClient.getTransactionReceipt({ hash });
    for (const { encodedPacket } of getSentPackets({ endpoint: source.deployment.endpoint, receipt })) {
      await deliverPacket({
        publicClient: destination.local.publicClient,
        walletClient: destination.local.walletClient(2).extend(walletActions),
        endpoint: destination.deployment.endpoint,
        messageLib: destination.deployment.messageLib ?? destination.deployment.endpoint,
        packet: encodedPacket,
      });
    }
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ballast-cli-"));
    manifestPath = join(dir, "manifest.json");
    devnet = await startDevnet({ portBase: 0, manifestPath });
    manifest = devnet.manifest;
  });
  afterAll(async () => {
    await devnet?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test("lock, status, release and accounts against a running devnet", async () => {
    const alice = manifest.accounts?.[3];
    const [a, b] = manifest.chains;
    if (alice === undefined || a === undefined || b === undefined) throw new Error("a devnet manifest");

    const locked = await ballast(
      withManifest(
        "lock",
        "--chain",
        "a",
        "--to",
        "b",
        "--asset",
        "usdc",
        "--amount",
        "100.5",
        "--from",
        "3",
        "--json",
      ),
    );
    expect(locked.stderr).toBe("");
    expect(locked.code).toBe(0);
    const event = JSON.parse(locked.stdout) as { amount: string; transactionHash: Hash }; // --json prints one object
    expect(event.amount).toBe("100500000");
    const vaultA = devnet.chain("a").local.publicClient;
    expect(
      await vaultA.readContract({
        address: a.contracts.collateralVault,
        abi: collateralVaultAbi,
        functionName: "locked",
        args: [b.eid, a.tokens.usdc],
      }),
    ).toBe(100_500_000n);
    await deliver("a", "b", event.transactionHash);

    const status = await ballast(withManifest("status", "3"));
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`account ${alice}`);
    expect(status.stdout).toContain("USDC from a: 100.5 USDC");

    const released = await ballast(
      withManifest(
        "release",
        "--chain",
        "b",
        "--to",
        "a",
        "--asset",
        "usdc",
        "--amount",
        "0.5",
        "--from",
        "3",
      ),
    );
    expect(released.stderr).toBe("");
    expect(released.stdout).toMatch(/^release of 0.5 USDC requested on b, paid to 0x[0-9a-fA-F]{40} on a/);
    const [valued] = await devnet.chain("b").local.publicClient.readContract({
      address: b.contracts.marginLedger,
      abi: marginLedgerAbi,
      functionName: "balanceOf",
      args: [alice, a.eid, a.tokens.usdc],
    });
    expect(valued).toBe(100_000_000n);

    const accounts = await ballast(withManifest("accounts"));
    expect(accounts.code).toBe(0);
    expect(accounts.stdout).toContain(`#3 ${alice}`);
    expect(accounts.stdout).toContain("a: 999,899.5 USDC, 1,000 WETH");
    expect(accounts.stdout).toContain("#0 ");
    expect(accounts.stdout).toContain("(owner)");
  });

  const lockArgs = (...overrides: string[]) => {
    const base = { "--chain": "a", "--to": "b", "--asset": "usdc", "--amount": "1", "--from": "3" };
    for (let i = 0; i < overrides.length; i += 2)
      Object.assign(base, { [overrides[i] as string]: overrides[i + 1] });
    return withManifest("lock", ...Object.entries(base).flat());
  };

  test.each([
    [
      "an unknown chain",
      () => lockArgs("--to", "z"),
      2,
      /^ballast: unknown chain "z" for --to \(chains: a \(40101\), b \(40102\), c \(40103\)\)$/,
    ],
    [
      "a malformed address",
      () => withManifest("status", "0x1234"),
      2,
      /^ballast: "0x1234" is not an address$/,
    ],
    [
      "too many decimals",
      () => lockArgs("--amount", "1.0000001"),
      2,
      /^ballast: amount 1.0000001 has more than 6 decimals for USDC$/,
    ],
    [
      "an insufficient balance",
      () => lockArgs("--amount", "2000000"),
      1,
      /^ballast: insufficient USDC on a: 0x[0-9a-fA-F]{40} holds [\d,.]+ USDC, needs 2,000,000 USDC$/,
    ],
    [
      "a release above the ledger balance",
      () =>
        withManifest(
          "release",
          "--chain",
          "b",
          "--to",
          "a",
          "--asset",
          "weth",
          "--amount",
          "1",
          "--from",
          "4",
        ),
      1,
      /^ballast: insufficient WETH from a on b's ledger: 0x[0-9a-fA-F]{40} has 0 WETH, asks 1 WETH$/,
    ],
    [
      "an unknown asset",
      () => lockArgs("--asset", "doge"),
      2,
      /^ballast: unknown asset "doge" \(use usdc, weth, share or a token address\)$/,
    ],
    ["a missing option", () => withManifest("lock", "--chain", "a"), 2, /^ballast: --to is required$/],
    ["an unknown option", () => lockArgs("--colour", "red"), 2, /^ballast: Unknown option '--colour'/],
    [
      "no signer",
      () => withManifest("lock", "--chain", "a", "--to", "b", "--asset", "usdc", "--amount", "1"),
      2,
      /^ballast: no signer: pass --from/,
    ],
    [
      "a missing manifest",
      () => ["status", "3", "--manifest", "/nonexistent/m.json"],
      2,
      /^ballast: no manifest at \/nonexistent\/m.json/,
    ],
    ["an unknown command", () => ["launch"], 2, /^ballast: unknown command "launch"/],
  ])("%s: one line, the right exit code, no stack trace", async (_, args, code, message) => {
    const result = await ballast(args());
    expect(result.code).toBe(code);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr.trimEnd()).toMatch(message);
  });
});
