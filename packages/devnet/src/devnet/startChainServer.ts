import { createServer } from "node:net";
import { http } from "viem";
import { bindLocalChain } from "../bindLocalChain.js";
import type { LocalChain } from "../createLocalChain.js";
import { LocalChainError } from "../errors.js";
import { DEVNET_NETWORK, hardhatRuntime } from "../hardhatRuntime.js";

/** Parameters of {@link startChainServer}. */
export interface StartChainServerParameters {
  chainId: number;
  name: string;
  /** Interface to listen on; loopback unless told otherwise. */
  host: string;
  /** TCP port; 0 lets the system pick a free one. */
  port: number;
}

/** A local chain served as JSON-RPC over HTTP (and WebSocket) on `rpcUrl`. */
export interface ChainServer {
  rpcUrl: string;
  port: number;
  /** viem clients bound to `rpcUrl`, as any outside tool would connect. */
  local: LocalChain;
}

/** Resolves when `host:port` can be listened on; otherwise throws a LocalChainError naming the port. */
function assertPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (cause: NodeJS.ErrnoException) => {
      const message =
        cause.code === "EADDRINUSE"
          ? `port ${port} on ${host} is in use (choose another port base)`
          : `cannot listen on ${host}:${port}: ${cause.code ?? cause.message}`;
      reject(new LocalChainError(message, { cause }));
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/**
 * Starts an in-process Hardhat 3 chain (EDR) and serves it with Hardhat's own JSON-RPC server,
 * the one `hardhat node` uses. `local.close()` stops the server and frees the port.
 */
export async function startChainServer(parameters: StartChainServerParameters): Promise<ChainServer> {
  const { chainId, name, host, port } = parameters;
  // Hardhat's server reports a failed listen as an uncaught 'error' event, not a rejection: try the
  // port first. (Another process could still take it in between; then the failure is uncaught.)
  if (port !== 0) await assertPortFree(host, port);
  const hre = await hardhatRuntime();
  const server = await hre.network.createServer(
    { network: DEVNET_NETWORK, override: { chainId } },
    host,
    port,
  );
  const address = await server.listen();
  const rpcUrl = `http://${host}:${address.port}`;
  // No retries: the node is on loopback, so a failure is not transient; viem would otherwise retry
  // every revert (EDR answers code 3, which viem maps to an unknown, retryable error) with backoff.
  const transport = http(rpcUrl, { retryCount: 0 });
  let closed: Promise<void> | undefined;
  const local = await bindLocalChain({
    chainId,
    name,
    transport,
    rpcUrl,
    close: () => {
      closed ??= server.close();
      return closed;
    },
  });
  return { rpcUrl, port: address.port, local };
}
