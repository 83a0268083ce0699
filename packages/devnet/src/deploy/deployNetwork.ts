import type { Manifest, NetworkConfig } from "@ballast/sdk";
import { type Address, type Hex, isAddressEqual, type LocalAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { BallastConfig } from "../ballast/config.js";
import type { BallastFeeds, BallastTokens } from "../ballast/resolveAssets.js";
import { createTransactor } from "../ballast/transactor.js";
import { transferOwnership } from "../ballast/transferOwnership.js";
import { type BallastChainDeployment, deployBallast } from "../deployBallast.js";
import { toManifest } from "../toManifest.js";
import { applyPathwayPlan } from "./applyPathwayPlan.js";
import { checkEndpoint } from "./checkEndpoint.js";
import { type ConnectChainReturnType, connectChain } from "./connectChain.js";
import { MissingEndpointError, NetworkDeploymentError, PathwayConfigError } from "./errors.js";
import { planPathways } from "./planPathways.js";

/** Parameters of {@link deployNetwork}. */
export interface DeployNetworkParameters {
  /** The network, as `parseNetworkConfig` returns it. */
  config: NetworkConfig;
  /** The deployer's private key (from the environment, never from a file); it pays and signs everything. */
  deployerKey: Hex;
  /**
   * Devnet only: deploy LayerZero's EndpointV2 with a SimpleMessageLib on chains whose config has
   * no `endpoint`. Without it such a chain is refused ({@link MissingEndpointError}).
   */
  allowMockEndpoint?: boolean | undefined;
  /** With `allowMockEndpoint`: the only caller the SimpleMessageLibs accept to verify packets. */
  verifier?: Address | undefined;
  /** Deployment parameters; each top-level key given replaces `DEFAULT_BALLAST_CONFIG`'s. */
  ballastConfig?: Partial<BallastConfig> | undefined;
  /** Receipt and block polling interval, ms; viem's default (4 s) when left out. */
  pollingInterval?: number | undefined;
  /** Called with one line per phase and chain (the CLI prints them). */
  onProgress?: ((line: string) => void) | undefined;
}

/** The return type of {@link deployNetwork}: the deployment manifest (`network` = the config's name). */
export type DeployNetworkReturnType = Manifest;

function toAccount(deployerKey: Hex): LocalAccount {
  // The key is never part of a message.
  if (!/^0x[0-9a-fA-F]{64}$/.test(deployerKey)) {
    throw new NetworkDeploymentError("the deployer key is not 0x followed by 64 hex digits");
  }
  try {
    return privateKeyToAccount(deployerKey);
  } catch {
    throw new NetworkDeploymentError("the deployer key is not a valid secp256k1 private key");
  }
}

/**
 * Deploys Ballast to the network a config describes, through {@link deployBallast} (the path the
 * devnet also takes). In order, and before any transaction: every chain has an `endpoint` (or
 * `allowMockEndpoint`), every pathway's settings are valid ({@link planPathways}), every RPC URL
 * serves the config's chain id, and each endpoint has the config's eid and connects to every other
 * chain ({@link checkEndpoint}). Then:
 * 1. `deployBallast` on all chains (contracts, assets, peers, enforced options, risk parameters),
 *    the deployer owning everything and being the OApps' LayerZero delegate;
 * 2. each pathway's LayerZero settings on the chain's vault and ledger ({@link applyPathwayPlan}),
 *    which `EndpointV2.setConfig` accepts only from the OApp's delegate: hence before step 3;
 * 3. when the config's `owner` differs from the deployer: `setDelegate(owner)` on vault and ledger
 *    and `transferOwnership(owner)` on all four contracts, which `owner` completes with
 *    `acceptOwnership()` (the manifest's `ownershipPending`).
 *
 * @example
 * const manifest = await deployNetwork({
 *   config: parseNetworkConfig(JSON.parse(await readFile("network.json", "utf8"))),
 *   deployerKey: process.env.BALLAST_DEPLOYER_KEY as Hex,
 * });
 */
export async function deployNetwork(parameters: DeployNetworkParameters): Promise<DeployNetworkReturnType> {
  const {
    config,
    deployerKey,
    allowMockEndpoint = false,
    verifier,
    ballastConfig,
    pollingInterval,
  } = parameters;
  const progress = parameters.onProgress ?? (() => undefined);
  const account = toAccount(deployerKey);

  for (const chain of config.chains) {
    if (chain.endpoint !== undefined) continue;
    if (!allowMockEndpoint) throw new MissingEndpointError(chain.name);
    if (chain.pathways.length > 0) {
      throw new PathwayConfigError(
        `chain ${chain.name}: pathways need LayerZero's ULN libraries; a devnet endpoint's SimpleMessageLib has no config`,
      );
    }
  }
  const plans = planPathways(config);

  const clients: ConnectChainReturnType[] = [];
  for (const chain of config.chains) {
    const connected = await connectChain({ chain, account, pollingInterval });
    const endpoint = chain.endpoint;
    if (endpoint !== undefined) {
      await checkEndpoint({
        chain: { ...chain, endpoint },
        publicClient: connected.publicClient,
        remoteEids: config.chains.map(({ eid }) => eid).filter((eid) => eid !== chain.eid),
      });
    }
    progress(`chain ${chain.name}: chain id ${chain.chainId} on ${chain.rpcUrls.length} RPC URL(s)`);
    clients.push(connected);
  }

  progress(`deploying Ballast on ${config.chains.length} chain(s) from ${account.address}`);
  const deployment = await deployBallast({
    chains: config.chains.map((chain, i) => {
      const { walletClient, publicClient } = clients[i] as ConnectChainReturnType; // one per chain, in order
      // Only the addresses given: a role left out gets a mock.
      const tokens: Partial<BallastTokens> = {};
      for (const role of ["usdc", "weth", "share"] as const) {
        const address = chain.tokens[role];
        if (address !== undefined) tokens[role] = address;
      }
      const feeds: Partial<BallastFeeds> = {};
      for (const role of ["ethUsd", "usdcUsd"] as const) {
        const address = chain.feeds[role];
        if (address !== undefined) feeds[role] = address;
      }
      return { eid: chain.eid, endpoint: chain.endpoint, tokens, feeds, walletClient, publicClient };
    }),
    guardian: config.guardian,
    verifier,
    config: ballastConfig,
  });

  const chains: BallastChainDeployment[] = [];
  for (const [i, chain] of config.chains.entries()) {
    // deployBallast returns one entry per chain given, in order; clients and plans are per chain too.
    let deployed = deployment.chains[i] as BallastChainDeployment;
    const { walletClient, publicClient } = clients[i] as ConnectChainReturnType;
    const tx = createTransactor({ walletClient, publicClient, label: `chain ${chain.name}` });
    for (const plan of plans[i] as (typeof plans)[number]) {
      await applyPathwayPlan({
        tx,
        endpoint: deployed.endpoint,
        oapps: [
          { name: "vault", address: deployed.contracts.collateralVault },
          { name: "ledger", address: deployed.contracts.marginLedger },
        ],
        plan,
      });
      progress(`chain ${chain.name}: pathway to eid ${plan.remoteEid} configured on vault and ledger`);
    }
    const owner = config.owner;
    if (owner !== undefined && !isAddressEqual(owner, deployed.deployer)) {
      await transferOwnership(tx, deployed.contracts, owner);
      deployed = { ...deployed, owner, ownershipPending: true };
      progress(`chain ${chain.name}: ownership offered to ${owner} (acceptOwnership pending)`);
    }
    chains.push(deployed);
  }

  const mockEndpoints = config.chains.some((chain) => chain.endpoint === undefined);
  return toManifest({
    deployment: { ...deployment, chains },
    network: config.name,
    chains: config.chains.map(({ name, rpcUrls }) => ({ name, rpcUrls })),
    verifier: mockEndpoints ? verifier : undefined,
  });
}
