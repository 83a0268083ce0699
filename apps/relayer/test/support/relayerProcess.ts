import { type ChildProcessByStdio, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";

/**
 * The built entry point, as `ballast-relayer` runs it (`pnpm --filter @ballast/relayer build`
 * first): Node's type stripping cannot run src/main.ts, Nest needs decorator metadata.
 */
export const RELAYER_MAIN = fileURLToPath(new URL("../../dist/main.js", import.meta.url));

/** How a relayer process ended. */
export interface RelayerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Parameters of {@link spawnRelayerProcess}. */
export interface SpawnRelayerProcessParameters {
  /** The config file (`--config FILE`). */
  configFile: string;
  /** Variables on top of a clean environment (keys, DATABASE_URL, BALLAST_REPLICA_ID...). */
  env: Record<string, string>;
  /** The API's base URL the config makes it listen on (`http://127.0.0.1:PORT`): readiness is its `/health`. */
  url: string;
  /** How long `ready` waits for `/health`; default 60 s. */
  readyTimeoutMs?: number | undefined;
  /** Sees every line the process writes (stdout and stderr). */
  onLine?: ((line: string) => void) | undefined;
}

/** A running `node dist/main.js --config FILE`. */
export interface RelayerProcess {
  pid: number;
  url: string;
  /** Milliseconds from spawn to the first `/health` answer; rejects when the process ends first. */
  ready: Promise<number>;
  /** `ready`'s value once it resolved, else undefined. */
  bootMs(): number | undefined;
  /** Resolves when the process has ended (with the code or signal). */
  exited: Promise<RelayerExit>;
  /** Sends `signal` to this process (by its pid) and waits for it to end. */
  kill(signal: NodeJS.Signals): Promise<RelayerExit>;
  /** The last lines it wrote (stdout and stderr, interleaved), for failure messages. */
  tail(): string;
}

/** The environment of the test run without any relayer variable (BALLAST_*, DATABASE_URL), plus `extra`. */
export function cleanRelayerEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith("BALLAST_") && name !== "DATABASE_URL") env[name] = value;
  }
  return { ...env, ...extra };
}

const TAIL_LINES = 60;

/**
 * Spawns the relayer CLI (`node dist/main.js --config FILE`) with a clean environment plus `env`.
 * Its output is kept (last lines) for failure messages; `ready` polls `GET /health` every 20 ms.
 *
 * @example
 * const relayer = spawnRelayerProcess({ configFile, env, url: "http://127.0.0.1:8123" });
 * const bootMs = await relayer.ready;
 * await relayer.kill("SIGKILL");
 */
export function spawnRelayerProcess(parameters: SpawnRelayerProcessParameters): RelayerProcess {
  const { configFile, env, url, readyTimeoutMs = 60_000, onLine } = parameters;
  if (!existsSync(RELAYER_MAIN))
    throw new Error(`${RELAYER_MAIN} is missing: run pnpm --filter @ballast/relayer build first`);
  const started = Date.now();
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    process.execPath,
    [RELAYER_MAIN, "--config", configFile],
    { env: cleanRelayerEnv(env), stdio: ["ignore", "pipe", "pipe"] },
  );
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (line === "") continue;
      lines.push(line);
      onLine?.(line);
    }
    if (lines.length > TAIL_LINES) lines.splice(0, lines.length - TAIL_LINES);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let ended: RelayerExit | undefined;
  let bootMs: number | undefined;
  const exited = new Promise<RelayerExit>((resolve) =>
    child.once("close", (code, signal) => {
      ended = { code, signal };
      resolve(ended);
    }),
  );
  const { pid } = child;
  if (pid === undefined) throw new Error("the relayer process did not start");
  const ready = (async () => {
    const deadline = started + readyTimeoutMs;
    for (;;) {
      if (ended !== undefined) {
        throw new Error(
          `the relayer ended before it served (code ${ended.code}, signal ${ended.signal}):\n${lines.join("\n")}`,
        );
      }
      const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) }).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ok && ended === undefined) {
        bootMs = Date.now() - started;
        return bootMs;
      }
      if (Date.now() > deadline) throw new Error(`the relayer did not serve within ${readyTimeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  ready.catch(() => undefined); // a killed process's readiness is not awaited by every caller
  return {
    pid,
    url,
    ready,
    bootMs: () => bootMs,
    exited,
    async kill(signal) {
      try {
        if (ended === undefined) process.kill(pid, signal);
      } catch (error) {
        // ESRCH: it ended on its own between the check and the signal; `exited` still settles.
        if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error; // Node's system errors carry a code
      }
      return exited;
    },
    tail: () => lines.join("\n"),
  };
}
