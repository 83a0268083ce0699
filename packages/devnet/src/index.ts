export {
  type CreateLocalChainParameters,
  type CreateLocalChainReturnType,
  createLocalChain,
  type LocalChain,
} from "./createLocalChain.js";
export { DevnetError, LocalChainError } from "./errors.js";
