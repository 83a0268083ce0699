import { type ChildProcessByStdio, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HealthReport } from "../src/api/HealthReport.js";
import { devPrivateKey } from "./devKeys.js";
import { startTestDevnet, type TestDevnet } from "./startTestDevnet.js";

// The built entry point, as `ballast-relayer` runs it: `pnpm --filter @ballast/relayer build` first
// (turbo's test task depends on build). Node's type stripping cannot run src/main.ts: Nest needs
// decorator metadata, which only a compiler emits.
const MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));

/**
 * An environment without any relayer variable of the developer's shell; the database in memory
 * unless `extra` says otherwise (never a folder in the checkout).
 */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith("BALLAST_") && name !== "DATABASE_URL") env[name] = value;
  }
  return { ...env, BALLAST_DATA_DIR: "memory://", ...extra };
}

interface Exited {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to its end. */
function run(args: string[], env: Record<string, string> = {}): Promise<Exited> {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: cleanEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

let net: TestDevnet;

beforeAll(async () => {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: run pnpm --filter @ballast/relayer build first`);
  net = await startTestDevnet();
});

afterAll(async () => {
  await net?.stop();
});

describe("ballast-relayer (the process)", () => {
  test("a private key in the config file: one line naming the field on stderr, exit 2", async () => {
    const file = join(net.dir, "keys-in-file.json");
    await writeFile(
      file,
      JSON.stringify({ manifest: net.manifestPath, keys: { executor: devPrivateKey(5) } }),
    );
    const { code, stdout, stderr } = await run(["--config", file]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      "ballast-relayer: invalid relayer config: keys.executor: private keys are read from the environment only (BALLAST_EXECUTOR_KEY), never from the config file\n",
    );
  });

  test("bad values from the file and the environment: one line naming each field, exit 2", async () => {
    const file = join(net.dir, "bad-values.json");
    await writeFile(file, JSON.stringify({ manifest: net.manifestPath, api: { port: -1 } }));
    const { code, stderr } = await run([], { BALLAST_RELAYER_CONFIG: file, BALLAST_MODE: "staging" });
    expect(code).toBe(2);
    expect(stderr.split("\n")).toEqual([
      expect.stringMatching(/^ballast-relayer: invalid relayer config: /),
      "",
    ]);
    expect(stderr).toContain("mode (BALLAST_MODE): ");
    expect(stderr).toContain("api.port: ");
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  test("a chain override the manifest does not have: named, exit 2", async () => {
    const file = join(net.dir, "unknown-chain.json");
    await writeFile(file, JSON.stringify({ manifest: net.manifestPath, chains: { a: {}, zeta: {} } }));
    const { code, stderr } = await run(["--config", file]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'ballast-relayer: invalid relayer config: chains.zeta: no chain "zeta" in the manifest (a, b, c)\n',
    );
  });

  test("production refusals name their fields, exit 2", async () => {
    const file = join(net.dir, "prod.json");
    await writeFile(file, JSON.stringify({ manifest: net.manifestPath, api: { host: "0.0.0.0" } }));
    const prod = await run(["--config", file], {
      BALLAST_MODE: "production",
      BALLAST_VERIFIER_KEY: devPrivateKey(2),
    });
    expect(prod.code).toBe(2);
    for (const field of ["keys.verifier (BALLAST_VERIFIER_KEY)", "database.url", "api.operatorToken"]) {
      expect(prod.stderr).toContain(`${field}: `);
    }
  });

  test("an unknown option: usage, exit 2", async () => {
    const { code, stderr } = await run(["--confg", "x.json"]);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--confg'");
    expect(stderr).toContain("usage: ballast-relayer [--config FILE]");
  });

  test("a port in use: one line, exit 1", async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("no TCP address");
    try {
      const { code, stderr } = await run([], {
        BALLAST_MANIFEST: net.manifestPath,
        BALLAST_API_PORT: String(address.port),
        BALLAST_LOG_LEVEL: "silent",
      });
      expect(code).toBe(1);
      expect(stderr).toMatch(/^ballast-relayer: .*EADDRINUSE.*\n$/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test("serves, logs JSON lines, and stops cleanly on SIGTERM", async () => {
    const child: ChildProcessByStdio<null, Readable, Readable> = spawn(process.execPath, [MAIN], {
      // PGlite in a folder, as an operator runs it.
      env: cleanEnv({
        BALLAST_MANIFEST: net.manifestPath,
        BALLAST_API_PORT: "0",
        BALLAST_DATA_DIR: join(net.dir, "pglite"),
      }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on("close", (code, signal) => resolve({ code, signal })),
    );
    const records: Record<string, unknown>[] = [];
    const lines = createInterface({ input: child.stdout });
    const collected = (async () => {
      // Every stdout line must be one JSON object (pino); JSON.parse throws otherwise.
      for await (const line of lines) records.push(JSON.parse(line) as Record<string, unknown>);
    })();
    const listening = async (): Promise<string> => {
      for (let i = 0; i < 200; i++) {
        const record = records.find(({ msg }) => typeof msg === "string" && msg.startsWith("listening on "));
        const match = typeof record?.msg === "string" ? /listening on (\S+)/.exec(record.msg) : null;
        if (match?.[1] !== undefined) return match[1];
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`the relayer did not start: ${stderr}`);
    };

    const url = await listening();
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as HealthReport).status).toBe("ok");
    const secret = "Bearer not-to-be-logged-0123456789";
    expect((await fetch(`${url}/openapi.json`, { headers: { authorization: secret } })).status).toBe(200);

    child.kill("SIGTERM");
    expect(await exited).toEqual({ code: 0, signal: null });
    await collected;
    expect(stderr).toBe("");
    const messages = records.map(({ msg }) => msg);
    expect(messages).toEqual(
      expect.arrayContaining(["Nest application successfully started", "stopping on SIGTERM"]),
    );
    expect(messages.at(-1)).toBe("stopped");
    // One line per request, its authorization header redacted; /health is not logged per request.
    const requests = records.flatMap(({ req }) => (typeof req === "object" && req !== null ? [req] : []));
    expect(requests.map((req) => (req as { url?: unknown }).url)).toEqual(["/openapi.json"]); // pino-http's req serializer
    expect(requests[0]).toMatchObject({ headers: { authorization: "[redacted]" } });
    expect(JSON.stringify(records)).not.toContain("not-to-be-logged");
  });
});
