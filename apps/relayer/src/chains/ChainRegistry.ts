import type { ManifestChain } from "@ballast/sdk";
import type { Account, Chain, PublicClient, Transport, WalletClient } from "viem";

/** One chain the relayer works on: the manifest entry and the settings that complete it. */
export interface RelayerChain {
  manifest: ManifestChain;
  /** The http(s) RPC URLs the clients use, the first preferred (the config's, else the manifest's). */
  rpcUrls: readonly string[];
  /** Blocks behind the head a log must be before it is indexed. */
  confirmations: number;
  /** Most blocks per eth_getLogs request. */
  maxBlockRange: number;
  publicClient: PublicClient<Transport, Chain>;
}

/** The key roles the relayer can hold. */
export type KeyRole = "executor" | "verifier" | "keeper" | "guardian";

/**
 * Chain I/O of the relayer: every chain of the manifest with its public client, and a wallet client
 * per configured key. Injected under this abstract class so tests can substitute it.
 */
export abstract class ChainRegistry {
  /** Every chain, in manifest order. */
  abstract all(): readonly RelayerChain[];
  /** The chain of an eid; throws for an unknown one. */
  abstract byEid(eid: number): RelayerChain;
  /** A wallet client for the role's key on the chain, or undefined when no key is configured. */
  abstract wallet(eid: number, role: KeyRole): WalletClient<Transport, Chain, Account> | undefined;
}
