// `@ballast/devnet/testing`: in-process test networks for the packages and apps that test against
// Ballast (the devnet's own flows, the relayer's reliability tests, benchmarks).
export * as testActions from "./actions.js";
export { contractsOf } from "./contractsOf.js";
export {
  type CreateTestNetworkParameters,
  createTestNetwork,
  type NetworkSnapshot,
  ROLE,
  type TestChain,
  type TestNetwork,
} from "./createTestNetwork.js";
export { type LaneBalance, laneBalance } from "./lanes.js";
export { PacketRelay, type RelayRoute } from "./PacketRelay.js";
export { ballastErrorsAbi, decodeRevert, type Revert, revertOf } from "./revertOf.js";
export { testManifest } from "./testManifest.js";
