/** Base class of every error thrown by `@ballast/devnet`. */
export class DevnetError extends Error {
  override name = "DevnetError";
}

/** A local chain could not be created or used. */
export class LocalChainError extends DevnetError {
  override name = "LocalChainError";
}

/** LayerZero's endpoint or message library could not be deployed or wired. */
export class LayerZeroDeploymentError extends DevnetError {
  override name = "LayerZeroDeploymentError";
}

/** Ballast's contracts could not be deployed or wired: `step` names what failed, on which chain. */
export class BallastDeploymentError extends DevnetError {
  override name = "BallastDeploymentError";
}
