export {
  CONFIG_TYPE,
  decodeUlnConfig,
  encodeUlnConfig,
  NIL_CONFIRMATIONS,
  NIL_DVN_COUNT,
  type UlnConfig,
} from "@ballast/sdk";
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
  type DeployNetworkParameters,
  type DeployNetworkReturnType,
  deployNetwork,
} from "./deploy/deployNetwork.js";
export {
  type DeployUln302EndpointParameters,
  type DeployUln302EndpointReturnType,
  deployUln302Endpoint,
} from "./deploy/deployUln302Endpoint.js";
export {
  decodeExecutorConfig,
  type ExecutorConfig,
  encodeExecutorConfig,
} from "./deploy/encodeExecutorConfig.js";
export {
  ChainIdMismatchError,
  EndpointMismatchError,
  MissingEndpointError,
  NetworkDeploymentError,
  PathwayConfigError,
} from "./deploy/errors.js";
export { type PathwayPlan, planPathways } from "./deploy/planPathways.js";
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
export { type AccrueShareYieldParameters, accrueShareYield } from "./devnet/accrueShareYield.js";
export { DEVNET_MNEMONIC, devnetPrivateKey } from "./devnet/devnetPrivateKey.js";
export { DEFAULT_FUNDING, type FundingAmounts, fundAccounts } from "./devnet/fundAccounts.js";
export { installMulticall3, MULTICALL3_ADDRESS } from "./devnet/installMulticall3.js";
export { seedMarketLiquidity } from "./devnet/seedMarketLiquidity.js";
export { type ChainServer, startChainServer } from "./devnet/startChainServer.js";
export { BallastDeploymentError, DevnetError, LayerZeroDeploymentError, LocalChainError } from "./errors.js";
export {
  DEVNET_ROLES,
  type Devnet,
  type DevnetChain,
  FIRST_USER_ACCOUNT,
  MAX_DEVNET_CHAINS,
  type StartDevnetParameters,
  type StartDevnetReturnType,
  startDevnet,
} from "./startDevnet.js";
export { type ToManifestParameters, toManifest } from "./toManifest.js";
