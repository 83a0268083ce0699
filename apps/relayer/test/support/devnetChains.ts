import {
  collateralVaultAbi,
  endpointV2Abi,
  marginLedgerAbi,
  perpMarketAbi,
  riskEngineAbi,
} from "@ballast/contracts";
import { type Devnet, startDevnet } from "@ballast/devnet";
import {
  deliverPacket,
  getSentPackets,
  lock,
  type ManifestChain,
  requestRelease,
  toViemChain,
} from "@ballast/sdk";
import {
  type Abi,
  type Account,
  type Address,
  type Chain,
  createPublicClient,
  createTestClient,
  createWalletClient,
  custom,
  type EIP1193RequestFn,
  type Hash,
  http,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { ChainRegistry, type KeyRole, type RelayerChain } from "../../src/chains/ChainRegistry.js";

/** Rewrites or observes JSON-RPC requests of one chain: gets the request and the next handler. */
export type RpcInterceptor = (
  request: { method: string; params?: unknown },
  next: (request: { method: string; params?: unknown }) => Promise<unknown>,
) => Promise<unknown>;

/** A {@link ChainRegistry} over fixed chains, for tests. */
export class StaticChainRegistry extends ChainRegistry {
  constructor(private readonly chains: readonly RelayerChain[]) {
    super();
  }
  all(): readonly RelayerChain[] {
    return this.chains;
  }
  byEid(eid: number): RelayerChain {
    const chain = this.chains.find((candidate) => candidate.manifest.eid === eid);
    if (chain === undefined) throw new Error(`no chain ${eid}`);
    return chain;
  }
  wallet(_eid: number, _role: KeyRole): WalletClient<Transport, Chain, Account> | undefined {
    return undefined;
  }
}

/** Parameters of {@link relayerChain}. */
export interface RelayerChainParameters {
  manifest: ManifestChain;
  confirmations?: number | undefined;
  maxBlockRange?: number | undefined;
  /** Sees every request of the chain's public client (to drop logs, strip filters, count calls). */
  intercept?: RpcInterceptor | undefined;
}

/** A {@link RelayerChain} over the manifest chain's first RPC URL, optionally intercepted. */
export function relayerChain(parameters: RelayerChainParameters): RelayerChain {
  const { manifest, confirmations = 0, maxBlockRange = 2_000, intercept } = parameters;
  const url = manifest.rpcUrls[0];
  if (url === undefined) throw new Error(`${manifest.name} has no RPC URL`);
  const inner = http(url)({ retryCount: 0 });
  // viem's request function is generic over its RPC schema; the interceptor passes requests through as they are.
  const next = (request: { method: string; params?: unknown }) =>
    (inner.request as EIP1193RequestFn)(request as never);
  const transport =
    intercept === undefined
      ? http(url)
      : custom(
          { request: (request: { method: string; params?: unknown }) => intercept(request, next) },
          { retryCount: 0 },
        );
  const publicClient: PublicClient<Transport, Chain> = createPublicClient({
    chain: toViemChain(manifest),
    transport,
  });
  return { manifest, rpcUrls: [url], confirmations, maxBlockRange, publicClient };
}

/** Plain clients of a devnet chain for driving it in tests. */
export interface ChainDriver {
  manifest: ManifestChain;
  publicClient: PublicClient<Transport, Chain>;
  wallet(account: Address): WalletClient<Transport, Chain, Account>;
  /** Hardhat test actions: mine, snapshot, revert. */
  test: ReturnType<typeof createTestClient>;
}

/** A test's devnet with drivers per chain. */
export interface TestChains {
  devnet: Devnet;
  a: ChainDriver;
  b: ChainDriver;
  /** A funded user (the first). */
  user: Address;
  stop(): Promise<void>;
}

function driver(manifest: ManifestChain): ChainDriver {
  const url = manifest.rpcUrls[0];
  if (url === undefined) throw new Error(`${manifest.name} has no RPC URL`);
  const chain = toViemChain(manifest);
  return {
    manifest,
    publicClient: createPublicClient({ chain, transport: http(url) }),
    wallet: (account) => createWalletClient({ account, chain, transport: http(url) }),
    test: createTestClient({ mode: "hardhat", chain, transport: http(url) }),
  };
}

/** Starts a 2-chain devnet over HTTP (free ports). */
export async function startTestChains(): Promise<TestChains> {
  const devnet = await startDevnet({ portBase: 0, chains: 2 });
  const [a, b] = devnet.manifest.chains;
  const user = devnet.users[0];
  if (a === undefined || b === undefined || user === undefined)
    throw new Error("a 2-chain devnet with users");
  return { devnet, a: driver(a), b: driver(b), user, stop: () => devnet.stop() };
}

/** Locks `amount` USDC of `user` on `from` for the ledger on `to`; returns the lock transaction. */
export async function lockUsdc(
  from: ChainDriver,
  to: ChainDriver,
  user: Address,
  amount: bigint,
): Promise<Hash> {
  const { transactionHash } = await lock(from.wallet(user), {
    chain: from.manifest,
    asset: from.manifest.tokens.usdc,
    amount,
    dstEid: to.manifest.eid,
  });
  return transactionHash;
}

/** Releases `amount` of `user`'s USDC credit on `ledger` back to the vault on `vault`. */
export async function releaseUsdc(
  ledger: ChainDriver,
  vault: ChainDriver,
  user: Address,
  amount: bigint,
): Promise<Hash> {
  const { transactionHash } = await requestRelease(ledger.wallet(user), {
    chain: ledger.manifest,
    srcEid: vault.manifest.eid,
    asset: vault.manifest.tokens.usdc,
    amount,
  });
  return transactionHash;
}

/** Delivers what the transaction `hash` on `from` sent to `to`, through the devnet verifier. */
export async function deliver(devnet: Devnet, from: ChainDriver, to: ChainDriver, hash: Hash): Promise<void> {
  const receipt = await from.publicClient.getTransactionReceipt({ hash });
  const messageLib = to.manifest.messageLib;
  if (messageLib === null) throw new Error("a devnet chain has a SimpleMessageLib");
  for (const { encodedPacket } of getSentPackets({ endpoint: from.manifest.endpoint, receipt })) {
    await deliverPacket({
      publicClient: to.publicClient,
      walletClient: to.wallet(devnet.roles.verifier),
      endpoint: to.manifest.endpoint,
      messageLib,
      packet: encodedPacket,
    });
  }
}

/** An event as the chain reports it, independently of the indexer: viem's own decoding per contract. */
export interface ReferenceEvent {
  key: string;
  blockNumber: bigint;
  address: string;
  eventName: string;
}

const ENDPOINT_KEPT = new Set(["PacketSent", "PacketVerified", "PacketDelivered"]);

/**
 * Every event of the chain's Ballast contracts and the endpoint's packet events up to `toBlock`,
 * read with viem's `getContractEvents` (a decoding path the indexer does not use). Keys are
 * `blockHash:logIndex`, lowercase.
 */
export async function referenceEvents(chain: ChainDriver, toBlock: bigint): Promise<ReferenceEvent[]> {
  const { manifest, publicClient } = chain;
  const contracts: [Address, Abi][] = [
    [manifest.contracts.collateralVault, collateralVaultAbi],
    [manifest.contracts.marginLedger, marginLedgerAbi],
    [manifest.contracts.riskEngine, riskEngineAbi],
    [manifest.contracts.perpMarket, perpMarketAbi],
    [manifest.endpoint, endpointV2Abi],
  ];
  const out: ReferenceEvent[] = [];
  for (const [address, abi] of contracts) {
    const events = await publicClient.getContractEvents({
      address,
      abi,
      fromBlock: manifest.startBlock,
      toBlock,
    });
    for (const event of events) {
      if (address === manifest.endpoint && !ENDPOINT_KEPT.has(event.eventName)) continue;
      out.push({
        key: `${event.blockHash.toLowerCase()}:${event.logIndex}`,
        blockNumber: event.blockNumber,
        address: address.toLowerCase(),
        eventName: event.eventName,
      });
    }
  }
  return out.sort((x, y) => x.key.localeCompare(y.key));
}
