import { type Chain, defineChain } from "viem";
import type { ManifestChain } from "./manifestSchema.js";

/**
 * A viem `Chain` for a manifest chain (id, name and RPC URLs), to build clients with.
 *
 * @example
 * const walletA = createWalletClient({ account, chain: toViemChain(chainA), transport: http() });
 */
export function toViemChain(chain: ManifestChain): Chain {
  const http = chain.rpcUrls.filter((url) => url.startsWith("http"));
  const webSocket = chain.rpcUrls.filter((url) => url.startsWith("ws"));
  return defineChain({
    id: chain.chainId,
    name: chain.name,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http, ...(webSocket.length > 0 ? { webSocket } : {}) } },
  });
}
