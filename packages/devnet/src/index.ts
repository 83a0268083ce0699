export {
  type CreateLocalChainParameters,
  type CreateLocalChainReturnType,
  createLocalChain,
  type LocalChain,
} from "./createLocalChain.js";
export {
  type DeployLayerZeroEndpointParameters,
  type DeployLayerZeroEndpointReturnType,
  deployLayerZeroEndpoint,
} from "./deployLayerZeroEndpoint.js";
export { DevnetError, LayerZeroDeploymentError, LocalChainError } from "./errors.js";
