import { type Manifest, type ManifestChain, toViemChain } from "@ballast/sdk";
import {
  type Account,
  type Address,
  type Chain,
  createPublicClient,
  createWalletClient,
  fallback,
  http,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";

/** A public client per manifest chain, by eid, over its RPC URLs (first preferred). */
export function publicClientsFor(manifest: Manifest): Record<number, PublicClient> {
  const clients: Record<number, PublicClient> = {};
  for (const chain of manifest.chains) {
    clients[chain.eid] = createPublicClient({
      chain: toViemChain(chain),
      transport: fallback(chain.rpcUrls.map((url) => http(url, { retryCount: 0 }))),
      pollingInterval: 100,
    });
  }
  return clients;
}

/** A wallet client on `chain` for `account` (a local account, or an address the node has unlocked). */
export function walletClientFor(
  chain: ManifestChain,
  account: Account | Address,
): WalletClient<Transport, Chain, Account> {
  return createWalletClient({
    account,
    chain: toViemChain(chain),
    transport: fallback(chain.rpcUrls.map((url) => http(url, { retryCount: 0 }))),
  });
}
