import { type ChildProcess, spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { devnetPrivateKey } from "@ballast/devnet";
import { CliError } from "../CliError.js";
import { waitFor } from "./waitFor.js";

/** Development accounts the dev relayer signs with: #2 verifies and executes, #9 keeps. */
export const RELAYER_ACCOUNTS = { executor: 2, verifier: 2, keeper: 9 } as const;

/** Parameters of {@link startRelayerProcess}. */
export interface StartRelayerProcessParameters {
  manifestPath: string;
  /** The relayer's folder: its config file, its PGlite database and its log. */
  dataDir: string;
  port: number;
  /** Each line the relayer logs (JSON). */
  onLog?: (line: string) => void;
}

/** A running relayer child process. */
export interface RelayerProcess {
  apiUrl: string;
  /** SIGTERM, then waits for a clean exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

/**
 * Starts `@ballast/relayer` as a child process in devnet mode on embedded PGlite, with the devnet's
 * well-known keys from the environment (never in its config file), and waits until `/health` says ok.
 */
export async function startRelayerProcess(
  parameters: StartRelayerProcessParameters,
): Promise<RelayerProcess> {
  const { manifestPath, dataDir, port, onLog } = parameters;
  const main = join(
    dirname(createRequire(import.meta.url).resolve("@ballast/relayer/package.json")),
    "dist",
    "main.js",
  );
  const configPath = join(dataDir, "relayer.json");
  await writeFile(
    configPath,
    `${JSON.stringify(
      {
        mode: "devnet",
        manifest: manifestPath,
        database: { dataDir: join(dataDir, "pglite") },
        api: { host: "127.0.0.1", port },
        intervals: { index: 100, deliver: 100, reconcile: 2_000, keeper: 250 },
      },
      null,
      2,
    )}\n`,
  );
  const child: ChildProcess = spawn(process.execPath, [main, "--config", configPath], {
    env: {
      ...process.env,
      BALLAST_EXECUTOR_KEY: devnetPrivateKey(RELAYER_ACCOUNTS.executor),
      BALLAST_VERIFIER_KEY: devnetPrivateKey(RELAYER_ACCOUNTS.verifier),
      BALLAST_KEEPER_KEY: devnetPrivateKey(RELAYER_ACCOUNTS.keeper),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let exited: number | null | undefined;
  child.stdout?.setEncoding("utf8");
  let buffered = "";
  child.stdout?.on("data", (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) onLog?.(line);
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      exited = code;
      resolve(code);
    }),
  );
  const apiUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited !== undefined) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exit;
    clearTimeout(timer);
  };
  try {
    await waitFor(
      "the relayer to answer /health",
      async () => {
        if (exited !== undefined)
          throw new CliError(`the relayer exited (${exited}): ${stderr.trim()}`, { exitCode: 1 });
        return fetch(`${apiUrl}/health`)
          .then((response) => response.json() as Promise<{ status?: string }>) // the relayer's health report
          .catch(() => undefined);
      },
      (health) => health?.status === "ok",
      { timeoutMs: 60_000, intervalMs: 200 },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { apiUrl, stop };
}
