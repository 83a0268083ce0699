import { type Manifest, parseManifest } from "@ballast/sdk";
import type { Address } from "viem";
import type { BallastDeployment } from "./deployBallast.js";
import { DevnetError } from "./errors.js";

/** Parameters of {@link toManifest}. */
export interface ToManifestParameters {
  deployment: BallastDeployment;
  /** The network's name ("devnet" for a local one). */
  network: string;
  /** Per chain of the deployment, in its order: a short name and the RPC URLs to reach it. */
  chains: readonly { name: string; rpcUrls: readonly string[] }[];
  /** Devnet only: the funded, unlocked development accounts. */
  accounts?: readonly Address[] | undefined;
  /** Devnet only: the caller whitelisted on every SimpleMessageLib. */
  verifier?: Address | undefined;
}

/**
 * The deployment manifest of a {@link BallastDeployment}, validated by `@ballast/sdk`'s schema
 * (write it with `serializeManifest`). Throws the sdk's `ConfigError` naming any bad field.
 */
export function toManifest(parameters: ToManifestParameters): Manifest {
  const { deployment, network, chains, accounts, verifier } = parameters;
  if (chains.length !== deployment.chains.length) {
    throw new DevnetError(`${chains.length} chain names for ${deployment.chains.length} deployed chains`);
  }
  return parseManifest({
    version: 1,
    network,
    chains: deployment.chains.map((chain, index) => {
      // Same length, checked above.
      const { name, rpcUrls } = chains[index] as ToManifestParameters["chains"][number];
      return {
        name,
        eid: chain.eid,
        chainId: chain.chainId,
        rpcUrls: [...rpcUrls],
        startBlock: chain.startBlock.toString(),
        endpoint: chain.endpoint,
        messageLib: chain.messageLib ?? null,
        deployer: chain.deployer,
        owner: chain.owner,
        ownershipPending: chain.ownershipPending,
        guardian: chain.guardian ?? null,
        contracts: chain.contracts,
        tokens: chain.tokens,
        feeds: chain.feeds,
      };
    }),
    ...(accounts === undefined ? {} : { accounts: [...accounts] }),
    ...(verifier === undefined ? {} : { verifier }),
  });
}
