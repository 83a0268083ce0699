import type { NetworkChainConfig } from "@ballast/sdk";
import {
  type Account,
  type Chain,
  createPublicClient,
  createWalletClient,
  defineChain,
  fallback,
  http,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { ChainIdMismatchError, NetworkDeploymentError } from "./errors.js";
import { readRpcChainId } from "./readRpcChainId.js";

/** Parameters of {@link connectChain}. */
export interface ConnectChainParameters {
  chain: NetworkChainConfig;
  /** Signs every transaction (a local account: the key never leaves the process). */
  account: Account;
  /** How often the public client polls for receipts and blocks, ms; viem's default (4 s) when left out. */
  pollingInterval?: number | undefined;
}

/** The return type of {@link connectChain}. */
export interface ConnectChainReturnType {
  walletClient: WalletClient<Transport, Chain, Account>;
  publicClient: PublicClient<Transport, Chain>;
}

/**
 * Clients for one chain of a network config, after checking that every one of its RPC URLs
 * (http(s) and ws(s)) answers `eth_chainId` with the config's chain id: a
 * {@link ChainIdMismatchError} names the chain and URL otherwise. Transactions and reads go
 * through viem's `fallback` over the chain's http(s) URLs, the first preferred.
 */
export async function connectChain(parameters: ConnectChainParameters): Promise<ConnectChainReturnType> {
  const { chain, account, pollingInterval } = parameters;
  for (const rpcUrl of chain.rpcUrls) {
    let actual: number;
    try {
      actual = await readRpcChainId({ url: rpcUrl });
    } catch (error) {
      throw new NetworkDeploymentError(`chain ${chain.name}: ${rpcUrl} did not answer eth_chainId`, {
        cause: error instanceof NetworkDeploymentError ? error.cause : error,
      });
    }
    if (actual !== chain.chainId) {
      throw new ChainIdMismatchError({ chain: chain.name, rpcUrl, expected: chain.chainId, actual });
    }
  }
  const httpUrls = chain.rpcUrls.filter((url) => url.startsWith("http"));
  if (httpUrls.length === 0) {
    throw new NetworkDeploymentError(`chain ${chain.name}: no http(s) RPC URL to deploy through`);
  }
  const webSocket = chain.rpcUrls.filter((url) => url.startsWith("ws"));
  const viemChain = defineChain({
    id: chain.chainId,
    name: chain.name,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: httpUrls, ...(webSocket.length > 0 ? { webSocket } : {}) } },
  });
  const transport = fallback(httpUrls.map((url) => http(url)));
  return {
    walletClient: createWalletClient({ account, chain: viemChain, transport }),
    publicClient: createPublicClient({
      chain: viemChain,
      transport,
      ...(pollingInterval === undefined ? {} : { pollingInterval }),
    }),
  };
}
