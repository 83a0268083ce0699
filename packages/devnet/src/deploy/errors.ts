import { DevnetError } from "../errors.js";

/** {@link deployNetwork} refused a network config or could not deploy it; the message names the chain. */
export class NetworkDeploymentError extends DevnetError {
  override name = "NetworkDeploymentError";
}

/** An RPC URL of a chain serves another chain id than the config's. */
export class ChainIdMismatchError extends NetworkDeploymentError {
  override name = "ChainIdMismatchError";
  /** The config's chain name. */
  readonly chain: string;
  readonly rpcUrl: string;
  readonly expected: number;
  readonly actual: number;

  constructor(parameters: { chain: string; rpcUrl: string; expected: number; actual: number }) {
    const { chain, rpcUrl, expected, actual } = parameters;
    super(`chain ${chain}: ${rpcUrl} serves chain id ${actual}, the config says ${expected}`);
    this.chain = chain;
    this.rpcUrl = rpcUrl;
    this.expected = expected;
    this.actual = actual;
  }
}

/** A chain of a network config has no LayerZero endpoint and deploying a devnet one was not allowed. */
export class MissingEndpointError extends NetworkDeploymentError {
  override name = "MissingEndpointError";
  /** The config's chain name. */
  readonly chain: string;

  constructor(chain: string) {
    super(
      `chain ${chain}: no LayerZero endpoint in the config (only a devnet deploys its own: allowMockEndpoint)`,
    );
    this.chain = chain;
  }
}

/** A chain's `endpoint` is not an EndpointV2 with the config's eid, or does not connect to another chain's eid. */
export class EndpointMismatchError extends NetworkDeploymentError {
  override name = "EndpointMismatchError";
}

/** A pathway's LayerZero settings cannot be applied as given (DVN lists, thresholds, the reverse pathway). */
export class PathwayConfigError extends NetworkDeploymentError {
  override name = "PathwayConfigError";
}
