import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import {
  type Account,
  type Address,
  type Chain,
  custom,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { bindLocalChain } from "./bindLocalChain.js";
import { LocalChainError } from "./errors.js";
import { DEVNET_NETWORK, hardhatRuntime } from "./hardhatRuntime.js";

/** Parameters of {@link createLocalChain}. */
export interface CreateLocalChainParameters {
  /** EVM chain id of the new chain. */
  chainId: number;
  /** Human-readable name; defaults to `ballast-<chainId>`. */
  name?: string;
}

/** An in-process Hardhat 3 chain with viem clients bound to it. */
export interface LocalChain {
  chainId: number;
  chain: Chain;
  /** The chain's EIP-1193 provider (Hardhat's EDR, in this process). */
  transport: Transport;
  publicClient: PublicClient<Transport, Chain>;
  /** Hardhat's funded development accounts, unlocked on the node (JSON-RPC signing). */
  accounts: readonly Address[];
  /** A wallet client whose default account is `accounts[index]`. */
  walletClient(index?: number): WalletClient<Transport, Chain, Account>;
  /** Releases the chain. */
  close(): Promise<void>;
}

/** The return type of {@link createLocalChain}. */
export type CreateLocalChainReturnType = LocalChain;

/**
 * Starts an independent in-process chain with its own state and chain id.
 *
 * @example
 * const a = await createLocalChain({ chainId: 31_337 });
 * const b = await createLocalChain({ chainId: 31_338 });
 * await a.publicClient.getChainId(); // 31337
 */
export async function createLocalChain(
  parameters: CreateLocalChainParameters,
): Promise<CreateLocalChainReturnType> {
  const { chainId, name = `ballast-${chainId}` } = parameters;
  if (!Number.isSafeInteger(chainId) || chainId <= 0) {
    throw new LocalChainError(`invalid chain id ${chainId}`);
  }
  const hre = await hardhatRuntime();
  let connection: Awaited<ReturnType<HardhatRuntimeEnvironment["network"]["create"]>>;
  try {
    connection = await hre.network.create({ network: DEVNET_NETWORK, override: { chainId } });
  } catch (cause) {
    throw new LocalChainError(`could not start chain ${chainId}`, { cause });
  }
  // No retries: the provider is in this process, so nothing is transient. viem would otherwise
  // retry every revert (EDR answers code 3, which viem maps to an unknown, retryable error)
  // three times with backoff: about a second per revert.
  const transport = custom(connection.provider, { retryCount: 0 });
  return bindLocalChain({ chainId, name, transport, close: () => connection.close() });
}
