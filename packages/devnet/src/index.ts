export {
  ASSET_ROLES,
  type AssetRole,
  type BallastConfig,
  type CollateralRiskConfig,
  DEFAULT_BALLAST_CONFIG,
  LOCK_GAS,
  MESSAGE_TYPE,
  MOCK_FEED_DECIMALS,
  type PerpMarketParameters,
  RATE_GAS,
  RELEASE_GAS,
  type VaultAssetConfig,
} from "./ballast/config.js";
export type { BallastContracts } from "./ballast/deployChainContracts.js";
export {
  type EncodeExecutorLzReceiveOptionParameters,
  encodeExecutorLzReceiveOption,
} from "./ballast/encodeExecutorOptions.js";
export type { AssetSlot, BallastFeeds, BallastTokens } from "./ballast/resolveAssets.js";
export {
  type CreateLocalChainParameters,
  type CreateLocalChainReturnType,
  createLocalChain,
  type LocalChain,
} from "./createLocalChain.js";
export {
  type BallastChainDeployment,
  type BallastChainParameters,
  type BallastDeployment,
  type DeployBallastParameters,
  deployBallast,
} from "./deployBallast.js";
export {
  type DeployLayerZeroEndpointParameters,
  type DeployLayerZeroEndpointReturnType,
  deployLayerZeroEndpoint,
} from "./deployLayerZeroEndpoint.js";
export { BallastDeploymentError, DevnetError, LayerZeroDeploymentError, LocalChainError } from "./errors.js";
