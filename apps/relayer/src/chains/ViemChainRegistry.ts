import type { Manifest } from "@ballast/sdk";
import { toViemChain } from "@ballast/sdk";
import {
  type Account,
  type Chain,
  createPublicClient,
  createWalletClient,
  type Hex,
  type Transport,
  type WalletClient,
} from "viem";
import { createNonceManager, type NonceManager, privateKeyToAccount } from "viem/accounts";
import { getTransactionCount } from "viem/actions";
import type { RelayerConfig } from "../config/relayerConfigSchema.js";
import { resolveChainSettings } from "../config/resolveChainSettings.js";
import { ChainRegistry, type KeyRole, type RelayerChain } from "./ChainRegistry.js";
import { createChainTransport } from "./createChainTransport.js";
import { UnknownChainError } from "./UnknownChainError.js";

/** Parameters of {@link ViemChainRegistry}. */
export interface ViemChainRegistryParameters {
  config: RelayerConfig;
  manifest: Manifest;
}

/** The key roles, in a fixed order. */
const KEY_ROLES: readonly KeyRole[] = ["executor", "verifier", "keeper", "guardian"];

/**
 * {@link ChainRegistry} over viem: per manifest chain a public client on a fallback transport
 * (the config's `chains.<name>.rpcUrls`, else the manifest's http(s) URLs) polling every
 * `pollingIntervalMs`; per configured key and chain a wallet client on the same URLs.
 *
 * Nonces: one nonce manager per registry, shared by every wallet client, keyed by (address, chain
 * id). Its first nonce for an account is the chain's `pending` transaction count, so a restarted
 * relayer continues after the transactions it already sent (mined or in the mempool); after that
 * it counts locally, so concurrent sends get consecutive nonces. viem resets an account's count when
 * a send fails, and the next send reads the chain again.
 */
export class ViemChainRegistry extends ChainRegistry {
  readonly #chains: readonly RelayerChain[];
  readonly #byEid: ReadonlyMap<number, RelayerChain>;
  readonly #wallets: ReadonlyMap<string, WalletClient<Transport, Chain, Account>>;
  /** Shared by every wallet client of this registry (and only this one: a new registry reads the chain again). */
  readonly nonceManager: NonceManager;

  constructor({ config, manifest }: ViemChainRegistryParameters) {
    super();
    this.nonceManager = createNonceManager({
      source: {
        get: ({ address, client }) => getTransactionCount(client, { address, blockTag: "pending" }),
        set: () => {},
      },
    });
    const accounts = new Map<KeyRole, Account>();
    for (const role of KEY_ROLES) {
      const key = config.keys[role];
      // The schema checked the key's format (0x + 64 hex digits), which is what Hex promises here.
      if (key !== undefined)
        accounts.set(role, privateKeyToAccount(key as Hex, { nonceManager: this.nonceManager }));
    }

    const chains: RelayerChain[] = [];
    const wallets = new Map<string, WalletClient<Transport, Chain, Account>>();
    for (const chain of manifest.chains) {
      const settings = resolveChainSettings(config, chain.name);
      const rpcUrls = settings.rpcUrls ?? chain.rpcUrls.filter((url) => /^https?:/.test(url));
      const transportParameters = {
        rpcUrls,
        timeoutMs: settings.rpcTimeoutMs,
        retryCount: settings.rpcRetryCount,
      };
      const viemChain = toViemChain({ ...chain, rpcUrls });
      const publicClient = createPublicClient({
        chain: viemChain,
        transport: createChainTransport(transportParameters),
        pollingInterval: settings.pollingIntervalMs,
      });
      chains.push({
        manifest: chain,
        rpcUrls,
        confirmations: settings.confirmations,
        maxBlockRange: settings.maxBlockRange,
        publicClient,
      });
      for (const [role, account] of accounts) {
        wallets.set(
          walletKey(chain.eid, role),
          createWalletClient({
            account,
            chain: viemChain,
            transport: createChainTransport(transportParameters),
            pollingInterval: settings.pollingIntervalMs,
          }),
        );
      }
    }
    this.#chains = chains;
    this.#byEid = new Map(chains.map((chain) => [chain.manifest.eid, chain]));
    this.#wallets = wallets;
  }

  all(): readonly RelayerChain[] {
    return this.#chains;
  }

  byEid(eid: number): RelayerChain {
    const chain = this.#byEid.get(eid);
    if (chain === undefined) throw new UnknownChainError(eid, [...this.#byEid.keys()]);
    return chain;
  }

  wallet(eid: number, role: KeyRole): WalletClient<Transport, Chain, Account> | undefined {
    this.byEid(eid); // an unknown eid is a bug of the caller, not a missing key
    return this.#wallets.get(walletKey(eid, role));
  }
}

function walletKey(eid: number, role: KeyRole): string {
  return `${eid}:${role}`;
}
