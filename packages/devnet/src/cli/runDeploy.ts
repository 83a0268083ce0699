import { access, mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { serializeManifest } from "@ballast/sdk";
import { BaseError } from "viem";
import { deployNetwork } from "../deploy/deployNetwork.js";
import {
  ChainIdMismatchError,
  EndpointMismatchError,
  MissingEndpointError,
  PathwayConfigError,
} from "../deploy/errors.js";
import { DevnetError } from "../errors.js";
import { CliUsageError } from "./CliUsageError.js";
import type { DeployArgs } from "./parseDeployArgs.js";
import { readNetworkConfig } from "./readNetworkConfig.js";

/** Parameters of {@link runDeploy}. */
export interface RunDeployParameters {
  args: DeployArgs;
  /** Where progress lines go (stdout in the CLI). */
  print: (line: string) => void;
}

/**
 * Deploys the network config at `args.configPath` with {@link deployNetwork} and writes the
 * manifest to `args.outPath`. Refuses (CliUsageError) an existing output file, a bad config, and
 * what deployNetwork refuses before sending anything: a missing endpoint, an RPC URL of another
 * chain, an endpoint of another eid, pathways that cannot be applied.
 */
export async function runDeploy(parameters: RunDeployParameters): Promise<void> {
  const { args, print } = parameters;
  const exists = await access(args.outPath).then(
    () => true,
    () => false,
  );
  if (exists) throw new CliUsageError(`${args.outPath} already exists: choose another --out or move it away`);
  const config = await readNetworkConfig(args.configPath);
  const started = performance.now();
  let manifest: Awaited<ReturnType<typeof deployNetwork>>;
  try {
    manifest = await deployNetwork({
      config,
      deployerKey: args.deployerKey,
      onProgress: print,
    });
  } catch (error) {
    const refused = [ChainIdMismatchError, EndpointMismatchError, MissingEndpointError, PathwayConfigError];
    if (refused.some((type) => error instanceof type)) {
      throw new CliUsageError((error as Error).message, { cause: error }); // every refused type is an Error
    }
    // A failed step names the chain and step; add why (viem's one-line summary), which the CLI would drop.
    const cause = error instanceof DevnetError ? error.cause : undefined;
    if (error instanceof DevnetError && cause instanceof BaseError) {
      throw new DevnetError(`${error.message}: ${cause.shortMessage}`, { cause: error });
    }
    throw error;
  }
  await mkdir(dirname(args.outPath), { recursive: true });
  await writeFile(args.outPath, serializeManifest(manifest));
  print(`deployed ${config.name} in ${Math.round(performance.now() - started)} ms; manifest ${args.outPath}`);
  for (const chain of manifest.chains) {
    print(
      `  ${chain.name}  eid ${chain.eid}  vault ${chain.contracts.collateralVault}  ledger ${chain.contracts.marginLedger}`,
    );
  }
  const pending = manifest.chains.filter((chain) => chain.ownershipPending);
  if (pending.length > 0) {
    const owner = pending[0]?.owner;
    print(
      `owner ${owner} must call acceptOwnership() on the vault, ledger, risk engine and perp market of ${pending
        .map(({ name }) => name)
        .join(", ")}`,
    );
  }
}
