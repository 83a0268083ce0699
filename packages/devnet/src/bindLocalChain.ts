import {
  type Address,
  createPublicClient,
  createWalletClient,
  defineChain,
  getAddress,
  type Transport,
} from "viem";
import type { LocalChain } from "./createLocalChain.js";
import { LocalChainError } from "./errors.js";

/** Parameters of {@link bindLocalChain}. */
export interface BindLocalChainParameters {
  chainId: number;
  name: string;
  /** How to reach the node: its in-process provider, or HTTP. */
  transport: Transport;
  /** The node's JSON-RPC URL when it is served over HTTP. */
  rpcUrl?: string | undefined;
  /** Releases the node. */
  close: () => Promise<void>;
}

/** Binds viem clients and the node's unlocked development accounts to a running local node. */
export async function bindLocalChain(parameters: BindLocalChainParameters): Promise<LocalChain> {
  const { chainId, name, transport, rpcUrl, close } = parameters;
  const chain = defineChain({
    id: chainId,
    name,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: rpcUrl === undefined ? [] : [rpcUrl] } },
  });
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 50 });
  let accounts: readonly Address[];
  try {
    // eth_accounts answers lowercase hex addresses; getAddress checksums each.
    const raw = await createWalletClient({ chain, transport }).getAddresses();
    accounts = raw.map((address) => getAddress(address));
  } catch (cause) {
    throw new LocalChainError(`chain ${chainId} did not answer eth_accounts`, { cause });
  }
  return {
    chainId,
    chain,
    transport,
    publicClient,
    accounts,
    walletClient(index = 0) {
      const account = accounts[index];
      if (account === undefined) {
        throw new LocalChainError(`chain ${chainId} has no development account #${index}`);
      }
      return createWalletClient({ chain, transport, account });
    },
    close,
  };
}
