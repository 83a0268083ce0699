import {
  type Account,
  type Address,
  type Chain,
  isAddressEqual,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { type BallastConfig, DEFAULT_BALLAST_CONFIG } from "./ballast/config.js";
import { configureVaultAssets } from "./ballast/configureVaultAssets.js";
import { type BallastContracts, deployChainContracts } from "./ballast/deployChainContracts.js";
import { describeSource } from "./ballast/describeSource.js";
import {
  type AssetSlot,
  type BallastFeeds,
  type BallastTokens,
  resolveAssets,
} from "./ballast/resolveAssets.js";
import { createTransactor, type Transactor } from "./ballast/transactor.js";
import { transferOwnership } from "./ballast/transferOwnership.js";
import { type CollateralSource, wireChain } from "./ballast/wireChain.js";
import type { LocalChain } from "./createLocalChain.js";
import { deployLayerZeroEndpoint } from "./deployLayerZeroEndpoint.js";
import { BallastDeploymentError } from "./errors.js";

/** One chain of a {@link deployBallast} call: a local chain, or a wallet and public client. */
export type BallastChainParameters = {
  /** LayerZero endpoint id of the chain. */
  eid: number;
  /** The chain's EndpointV2. Left out (devnet): an EndpointV2 and SimpleMessageLib are deployed. */
  endpoint?: Address | undefined;
  /** Existing tokens; each one left out is deployed as a mock. */
  tokens?: Partial<BallastTokens> | undefined;
  /** Existing feeds; each one left out is deployed as a mock. */
  feeds?: Partial<BallastFeeds> | undefined;
} & (
  | {
      /** Deploys with the chain's development account #0. */
      chain: LocalChain;
      walletClient?: undefined;
      publicClient?: undefined;
    }
  | {
      chain?: undefined;
      /** The deployer: sends every transaction and owns what it deploys until `owner` accepts. */
      walletClient: WalletClient<Transport, Chain, Account>;
      publicClient: PublicClient<Transport, Chain | undefined>;
    }
);

/** Parameters of {@link deployBallast}. */
export interface DeployBallastParameters {
  /** Every chain of the mesh; each vault is wired to every other chain's ledger. */
  chains: readonly BallastChainParameters[];
  /**
   * Final owner of the Ballast contracts. When it differs from a chain's deployer, the deployer
   * makes it the OApps' LayerZero delegate and starts a two-step ownership transfer, which
   * `owner` completes with `acceptOwnership()` on each contract. Defaults to the deployer.
   */
  owner?: Address | undefined;
  /** May pause vaults and ledgers (unpausing stays with the owner). */
  guardian?: Address | undefined;
  /** The only caller of `validatePacket` on the SimpleMessageLibs this call deploys (devnet relayer). */
  verifier?: Address | undefined;
  /** Parameters; each top-level key given replaces the default's. */
  config?: Partial<BallastConfig> | undefined;
}

/** The deployment on one chain: the manifest entry. */
export interface BallastChainDeployment {
  eid: number;
  chainId: number;
  /** The first block that can hold a deployment transaction: where an indexer starts. */
  startBlock: bigint;
  /** The EndpointV2 the OApps use. */
  endpoint: Address;
  /** The SimpleMessageLib deployed with the endpoint; undefined when the endpoint was given. */
  messageLib: Address | undefined;
  /** Sent every transaction; owns the contracts unless an ownership transfer is pending. */
  deployer: Address;
  /** The owner the contracts have, or will have once it accepts. */
  owner: Address;
  /** True when `owner` still has to call `acceptOwnership()`. */
  ownershipPending: boolean;
  guardian: Address | undefined;
  contracts: BallastContracts;
  tokens: BallastTokens;
  feeds: BallastFeeds;
  /** Token and feed roles filled by mocks this call deployed (owned by the deployer). */
  mocks: readonly AssetSlot[];
}

/** The return type of {@link deployBallast}. */
export interface BallastDeployment {
  /** One entry per chain, in the order given. */
  chains: BallastChainDeployment[];
  /** The parameters the contracts were configured with. */
  config: BallastConfig;
}

const MAX_UINT32 = 2 ** 32 - 1;

/**
 * Deploys and wires Ballast on every chain: the one deployment path for the devnet and for
 * real networks. Per chain: the EndpointV2 when none is given, tokens and feeds (mocks where no
 * address is given), CollateralVault, RiskEngine, MarginLedger, the ETH PerpMarket, their local
 * links, guardian, grace period, vault assets and release rate limits. Then per pair of chains:
 * peers (a vault's peer is the remote ledger and vice versa), enforced executor options per
 * message type, and each ledger's risk parameters for every chain's collateral.
 *
 * @example
 * const a = await createLocalChain({ chainId: 31_337 });
 * const b = await createLocalChain({ chainId: 31_338 });
 * const { chains } = await deployBallast({
 *   chains: [{ chain: a, eid: 40_101 }, { chain: b, eid: 40_102 }],
 *   guardian, verifier,
 * });
 * chains[1].contracts.marginLedger; // "0x…"
 */
export async function deployBallast(parameters: DeployBallastParameters): Promise<BallastDeployment> {
  const { chains, owner, guardian, verifier } = parameters;
  const config: BallastConfig = { ...DEFAULT_BALLAST_CONFIG, ...parameters.config };
  if (chains.length === 0) throw new BallastDeploymentError("no chains to deploy to");
  const eids = chains.map(({ eid }) => eid);
  for (const eid of eids) {
    if (!Number.isInteger(eid) || eid <= 0 || eid > MAX_UINT32) {
      throw new BallastDeploymentError(`invalid eid ${eid}`);
    }
  }
  if (new Set(eids).size !== eids.length) throw new BallastDeploymentError(`eids repeat: ${eids.join(", ")}`);

  const deployed: (BallastChainDeployment & { tx: Transactor })[] = [];
  for (const input of chains) {
    const walletClient = input.chain?.walletClient(0) ?? input.walletClient;
    const publicClient = input.chain?.publicClient ?? input.publicClient;
    if (walletClient === undefined || publicClient === undefined) {
      throw new BallastDeploymentError(
        `eid ${input.eid}: give either a chain or a wallet and a public client`,
      );
    }
    const tx = createTransactor({ walletClient, publicClient, label: `eid ${input.eid}` });
    const startBlock = (await publicClient.getBlockNumber()) + 1n;
    let endpoint = input.endpoint;
    let messageLib: Address | undefined;
    if (endpoint === undefined) {
      const lz = await deployLayerZeroEndpoint({
        walletClient,
        publicClient,
        eid: input.eid,
        remoteEids: eids.filter((eid) => eid !== input.eid),
        verifier,
      });
      endpoint = lz.endpoint;
      messageLib = lz.messageLib;
    }
    const assets = await resolveAssets({ tx, tokens: input.tokens, feeds: input.feeds, mocks: config.mocks });
    const contracts = await deployChainContracts({ tx, endpoint, assets, config, guardian });
    await configureVaultAssets({
      tx,
      vault: contracts.collateralVault,
      tokens: assets.tokens,
      config: config.vault,
    });
    deployed.push({
      tx,
      eid: input.eid,
      chainId: walletClient.chain.id,
      startBlock,
      endpoint,
      messageLib,
      deployer: tx.account,
      owner: owner ?? tx.account,
      ownershipPending: owner !== undefined && !isAddressEqual(owner, tx.account),
      guardian,
      contracts,
      tokens: assets.tokens,
      feeds: assets.feeds,
      mocks: assets.mocks,
    });
  }

  const sources: CollateralSource[] = [];
  for (const chain of deployed) {
    sources.push(await describeSource(chain.tx, chain.eid, chain.contracts, chain.tokens));
  }
  for (const [index, chain] of deployed.entries()) {
    const source = sources[index];
    if (source === undefined) throw new BallastDeploymentError(`eid ${chain.eid}: no source description`);
    await wireChain({ tx: chain.tx, local: { ...source, feeds: chain.feeds }, sources, config });
  }

  for (const chain of deployed) {
    if (chain.ownershipPending) await transferOwnership(chain.tx, chain.contracts, chain.owner);
  }
  return { chains: deployed.map(({ tx: _tx, ...chain }) => chain), config };
}
