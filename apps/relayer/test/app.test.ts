import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Body, Controller, Get, Injectable, Module, Post, Query } from "@nestjs/common";
import { FastifyAdapter, type NestFastifyApplication } from "@nestjs/platform-fastify";
import { Test } from "@nestjs/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { HealthIndicator, type HealthIndicatorResult } from "../src/api/HealthIndicator.js";
import type { HealthReport } from "../src/api/HealthReport.js";
import type { HttpErrorBody } from "../src/api/HttpErrorFilter.js";
import { AppModule } from "../src/app.module.js";
import { type LoadedRelayerConfig, loadRelayerConfig } from "../src/config/loadRelayerConfig.js";
import { createRelayerApp } from "../src/createRelayerApp.js";
import { startTestDevnet, type TestDevnet } from "./startTestDevnet.js";
import { unusedPort } from "./unusedPort.js";

let net: TestDevnet;
let loaded: LoadedRelayerConfig;
const apps: NestFastifyApplication[] = [];

beforeAll(async () => {
  net = await startTestDevnet();
  loaded = await loadRelayerConfig({
    env: {
      BALLAST_MANIFEST: net.manifestPath,
      BALLAST_API_PORT: "0",
      BALLAST_LOG_LEVEL: "silent",
      BALLAST_DATA_DIR: "memory://",
    },
  });
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await net?.stop();
});

/** Listens on a free loopback port and returns the base URL. */
async function serve(app: NestFastifyApplication): Promise<string> {
  apps.push(app);
  await app.listen(0, "127.0.0.1");
  return app.getUrl();
}

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as T }; // the shape each test asserts on
}

describe("the relayer app on a devnet", () => {
  let url: string;

  beforeAll(async () => {
    url = await serve(await createRelayerApp(loaded));
  });

  test("GET /health: 200, every chain ok at its current block", async () => {
    const { status, body } = await getJson<HealthReport>(`${url}/health`);
    expect(status).toBe(200);
    expect(body.status).toBe("ok");
    expect(body.checks).toEqual([]);
    expect(body.chains.map(({ name, eid, chainId, ok }) => ({ name, eid, chainId, ok }))).toEqual(
      net.devnet.chains.map(({ name, eid, chainId }) => ({ name, eid, chainId, ok: true })),
    );
    for (const chain of body.chains) {
      const head = await net.devnet.chain(chain.name).local.publicClient.getBlockNumber({ cacheTime: 0 });
      expect(chain.blockNumber).toBe(Number(head));
      expect(chain.error).toBeUndefined();
    }
  });

  test("GET /metrics: Prometheus text with each chain's head block and the process metrics", async () => {
    const { body: health } = await getJson<HealthReport>(`${url}/health`); // sets the gauge
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain("# TYPE ballast_chain_head_block gauge");
    for (const chain of health.chains) {
      expect(text).toContain(`ballast_chain_head_block{chain="${chain.name}"} ${chain.blockNumber}`);
    }
    expect(text).toMatch(/^ballast_relayer_process_resident_memory_bytes \d+/m);
  });

  test("GET /openapi.json: the OpenAPI document lists /health and /metrics", async () => {
    const { status, body } = await getJson<{
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    }>(`${url}/openapi.json`);
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\./);
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(["/health", "/metrics"]));
    expect(Object.keys(body.components.schemas)).toEqual(
      expect.arrayContaining(["HealthReport", "ChainHealth", "CheckHealth"]),
    );
  });

  test("an unknown route: 404 with the error body", async () => {
    const { status, body } = await getJson<HttpErrorBody>(`${url}/nope`);
    expect(status).toBe(404);
    expect(body).toEqual({ statusCode: 404, message: "Cannot GET /nope" });
  });
});

test("a chain whose RPC is down: GET /health still answers 200, degraded, naming the chain", async () => {
  const dead = `http://127.0.0.1:${await unusedPort()}`;
  const file = join(net.dir, "relayer-degraded.json");
  await writeFile(
    file,
    JSON.stringify({ manifest: net.manifestPath, chains: { b: { rpcUrls: [dead], rpcRetryCount: 0 } } }),
  );
  const degraded = await loadRelayerConfig({
    file,
    env: { BALLAST_LOG_LEVEL: "silent", BALLAST_DATA_DIR: "memory://" },
  });
  const url = await serve(await createRelayerApp(degraded));
  const { status, body } = await getJson<HealthReport>(`${url}/health`);
  expect(status).toBe(200);
  expect(body.status).toBe("degraded");
  expect(body.chains.map(({ name, ok }) => [name, ok])).toEqual([
    ["a", true],
    ["b", false],
    ["c", true],
  ]);
  const b = body.chains[1];
  expect(b?.blockNumber).toBeNull();
  expect(b?.error).toMatch(/HTTP request failed/);
});

// ---------------------------------------------------------------- hooks for the modules to come

@Injectable()
class FailingIndicator extends HealthIndicator {
  readonly name = "database";
  async check(): Promise<HealthIndicatorResult> {
    return { ok: false, error: "connection refused" };
  }
}

@Injectable()
class ThrowingIndicator extends HealthIndicator {
  readonly name = "queue";
  async check(): Promise<HealthIndicatorResult> {
    throw new Error("queue exploded");
  }
}

const probeQuerySchema = z.strictObject({ limit: z.coerce.number().int().positive() });
const probeBodySchema = z.strictObject({ amount: z.string().regex(/^\d+$/, "not a decimal amount") });

/** Routes that exercise the app's validation pipe and error filter. */
@Controller("probe")
class ProbeController {
  @Get()
  list(@Query({ schema: probeQuerySchema }) query: z.output<typeof probeQuerySchema>) {
    return { limit: query.limit };
  }

  @Get("status")
  status(@Query("status", { schema: z.enum(["sent", "delivered"]) }) status: string) {
    return { status };
  }

  @Post()
  create(@Body({ schema: probeBodySchema }) body: z.output<typeof probeBodySchema>) {
    return { amount: body.amount };
  }

  @Get("boom")
  boom(): never {
    throw new Error("secret internals");
  }
}

@Module({ controllers: [ProbeController], providers: [FailingIndicator, ThrowingIndicator] })
class ProbeModule {}

describe("the app with more modules (health indicators, validated routes)", () => {
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot(loaded), ProbeModule],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    url = await serve(app);
  });

  test("every HealthIndicator provider is run by GET /health", async () => {
    const { status, body } = await getJson<HealthReport>(`${url}/health`);
    expect(status).toBe(200);
    expect(body.status).toBe("degraded");
    expect(body.chains.every(({ ok }) => ok)).toBe(true);
    expect(body.checks).toEqual([
      { name: "database", ok: false, error: "connection refused" },
      { name: "queue", ok: false, error: "queue exploded" },
    ]);
  });

  test("bad input: 400 naming each bad field", async () => {
    expect(await getJson(`${url}/probe?limit=5`)).toEqual({ status: 200, body: { limit: 5 } });
    const notNumber = await getJson<HttpErrorBody>(`${url}/probe?limit=abc`);
    expect(notNumber.status).toBe(400);
    expect(notNumber.body).toEqual({
      statusCode: 400,
      message: "limit: Invalid input: expected number, received NaN",
    });

    const missing = await getJson<HttpErrorBody>(`${url}/probe?other=1`);
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain("limit: Invalid input");
    expect(missing.body.message).toContain("other");

    const badStatus = await getJson<HttpErrorBody>(`${url}/probe/status?status=lost`);
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.message).toMatch(/^status: Invalid option: expected one of "sent"\|"delivered"$/);

    const post = (body: string) =>
      fetch(`${url}/probe`, { method: "POST", headers: { "content-type": "application/json" }, body });
    const created = await post(JSON.stringify({ amount: "100" }));
    expect([created.status, await created.json()]).toEqual([201, { amount: "100" }]);
    const badBody = await post(JSON.stringify({ amount: "1.5" }));
    expect([badBody.status, await badBody.json()]).toEqual([
      400,
      { statusCode: 400, message: "body.amount: not a decimal amount" },
    ]);
    const notJson = await post("{ amount");
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as HttpErrorBody).statusCode).toBe(400); // Fastify's own parse error, same shape
  });

  test("an unexpected error: 500 without its details", async () => {
    const { status, body } = await getJson<HttpErrorBody>(`${url}/probe/boom`);
    expect(status).toBe(500);
    expect(body).toEqual({ statusCode: 500, message: "internal error" });
  });
});
