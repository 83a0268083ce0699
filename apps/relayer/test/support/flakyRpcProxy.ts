import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SeededRandom } from "./seededRandom.js";

/**
 * How a failed request fails: an HTTP 503; the connection destroyed before forwarding; a JSON-RPC
 * error body (`-32603`, per request of a batch); no answer until the connection is destroyed after
 * `hangMs` (longer than the client's timeout); or forwarded and then the connection destroyed, so
 * the upstream acted but the answer is lost (the harshest for `eth_sendRawTransaction`).
 */
export type RpcFault = "http503" | "destroy" | "rpcError" | "hang" | "lostResponse";

/** Relative weights of the faults among failed requests. */
export const DEFAULT_FAULT_WEIGHTS: Readonly<Record<RpcFault, number>> = {
  http503: 30,
  destroy: 25,
  rpcError: 25,
  lostResponse: 12,
  hang: 8,
};

/** Parameters of {@link startFlakyRpcProxy}. */
export interface StartFlakyRpcProxyParameters {
  /** The JSON-RPC URL requests are forwarded to. */
  target: string;
  /** Decides which requests fail, how, and how long the others wait. */
  random: SeededRandom;
  /** Share of requests that fail; default 0.2. */
  failureRate?: number | undefined;
  /** The others are delayed uniformly in [0, maxDelayMs]; default 150. */
  maxDelayMs?: number | undefined;
  /** How long a `hang` holds the request before destroying the connection; default 2,000. */
  hangMs?: number | undefined;
  faultWeights?: Readonly<Record<RpcFault, number>> | undefined;
}

/** What a {@link FlakyRpcProxy} did so far. */
export interface FlakyRpcProxyStats {
  /** HTTP requests received. */
  requests: number;
  /** JSON-RPC calls received (a batch counts each of its calls). */
  calls: number;
  /** Requests answered by the upstream (delayed, not failed). */
  forwarded: number;
  /** Requests failed, every fault. */
  failed: number;
  /** Failed requests per fault. */
  faults: Record<RpcFault, number>;
  /** JSON-RPC calls received per method. */
  methods: Map<string, number>;
  /** JSON-RPC calls failed per method. */
  failedMethods: Map<string, number>;
}

/** A JSON-RPC proxy on loopback that fails a share of requests and delays the others. */
export interface FlakyRpcProxy {
  url: string;
  stats: FlakyRpcProxyStats;
  /** Stops failing and delaying: every request is forwarded at once from now on. */
  heal(): void;
  /** Closes the server and every connection. */
  close(): Promise<void>;
}

interface RpcCall {
  id?: unknown;
  method?: unknown;
}

/**
 * Starts a proxy on 127.0.0.1 (a free port) in front of `target`. Each request draws from
 * `random`: with `failureRate` it fails with a {@link RpcFault} chosen by weight, otherwise it is
 * delayed by up to `maxDelayMs` and forwarded as it is (single calls and batch arrays alike).
 */
export async function startFlakyRpcProxy(parameters: StartFlakyRpcProxyParameters): Promise<FlakyRpcProxy> {
  const {
    target,
    random,
    failureRate = 0.2,
    maxDelayMs = 150,
    hangMs = 2_000,
    faultWeights = DEFAULT_FAULT_WEIGHTS,
  } = parameters;
  const stats: FlakyRpcProxyStats = {
    requests: 0,
    calls: 0,
    forwarded: 0,
    failed: 0,
    faults: { http503: 0, destroy: 0, rpcError: 0, hang: 0, lostResponse: 0 },
    methods: new Map(),
    failedMethods: new Map(),
  };
  const timers = new Set<NodeJS.Timeout>();
  let healed = false;
  const faults = Object.entries(faultWeights) as [RpcFault, number][]; // the keys of a Record<RpcFault, number>
  const totalWeight = faults.reduce((sum, [, weight]) => sum + weight, 0);

  const chooseFault = (): RpcFault => {
    let pick = random.next() * totalWeight;
    for (const [fault, weight] of faults) {
      pick -= weight;
      if (pick < 0) return fault;
    }
    return "http503";
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const forward = async (body: string): Promise<{ status: number; text: string }> => {
    const response = await fetch(target, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    return { status: response.status, text: await response.text() };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer); // request bodies stream Buffers
    const body = Buffer.concat(chunks).toString("utf8");
    stats.requests++;
    let calls: RpcCall[] = [];
    let batch = false;
    try {
      const parsed: unknown = JSON.parse(body);
      batch = Array.isArray(parsed);
      calls = (batch ? parsed : [parsed]) as RpcCall[]; // JSON-RPC request objects, checked field by field below
    } catch {}
    stats.calls += calls.length;
    for (const call of calls) {
      const method = typeof call.method === "string" ? call.method : "?";
      stats.methods.set(method, (stats.methods.get(method) ?? 0) + 1);
    }

    if (!healed && random.next() < failureRate) {
      const fault = chooseFault();
      stats.failed++;
      stats.faults[fault]++;
      for (const call of calls) {
        const method = typeof call.method === "string" ? call.method : "?";
        stats.failedMethods.set(method, (stats.failedMethods.get(method) ?? 0) + 1);
      }
      switch (fault) {
        case "http503":
          res.writeHead(503, { "content-type": "text/plain" }).end("service unavailable");
          return;
        case "destroy":
          req.socket.destroy();
          return;
        case "rpcError": {
          const errors = calls.map((call) => ({
            jsonrpc: "2.0",
            id: call.id ?? null,
            error: { code: -32603, message: "flaky proxy: internal error" },
          }));
          res
            .writeHead(200, { "content-type": "application/json" })
            .end(JSON.stringify(batch ? errors : errors[0]));
          return;
        }
        case "hang":
          await sleep(hangMs);
          req.socket.destroy();
          return;
        case "lostResponse":
          await forward(body).catch(() => undefined);
          req.socket.destroy();
          return;
      }
    }
    if (!healed) await sleep(random.between(0, maxDelayMs));
    try {
      const answer = await forward(body);
      stats.forwarded++;
      res.writeHead(answer.status, { "content-type": "application/json" }).end(answer.text);
    } catch {
      res.writeHead(502, { "content-type": "text/plain" }).end("upstream unreachable");
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo; // a TCP server listening on a port
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    heal() {
      healed = true;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
