import { createPublicClient, hexToNumber, http, isHex } from "viem";
import { NetworkDeploymentError } from "./errors.js";

/** Parameters of {@link readRpcChainId}. */
export interface ReadRpcChainIdParameters {
  /** An http(s) or ws(s) JSON-RPC URL. */
  url: string;
  /** Give up after this long, ms; default 10 s. */
  timeout?: number | undefined;
}

/** Asks one WebSocket endpoint for eth_chainId, then closes the socket. */
function wsChainId(url: string, timeout: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const timer = setTimeout(() => finish(new Error(`no answer within ${timeout} ms`)), timeout);
    const finish = (result: number | Error) => {
      clearTimeout(timer);
      socket.close();
      if (typeof result === "number") resolve(result);
      else reject(result);
    };
    socket.addEventListener("open", () =>
      socket.send(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] })),
    );
    socket.addEventListener("error", () => finish(new Error("WebSocket error")));
    socket.addEventListener("message", (event: MessageEvent) => {
      try {
        const answer: unknown = JSON.parse(String(event.data));
        const result = (answer as { result?: unknown }).result; // a JSON-RPC response; checked below
        if (typeof result !== "string" || !isHex(result))
          throw new Error(`unexpected answer ${String(event.data)}`);
        finish(hexToNumber(result));
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

/**
 * The chain id one RPC URL serves (`eth_chainId`), over HTTP or WebSocket. Throws a
 * `NetworkDeploymentError` naming the URL when it does not answer.
 */
export async function readRpcChainId(parameters: ReadRpcChainIdParameters): Promise<number> {
  const { url, timeout = 10_000 } = parameters;
  try {
    if (url.startsWith("ws")) return await wsChainId(url, timeout);
    return await createPublicClient({ transport: http(url, { timeout }) }).getChainId();
  } catch (cause) {
    throw new NetworkDeploymentError(`${url} did not answer eth_chainId`, { cause });
  }
}
