import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

/** The network every devnet chain is an instance of: Hardhat's in-process EDR. */
export const DEVNET_NETWORK = "ballast";

let hrePromise: Promise<HardhatRuntimeEnvironment> | undefined;

/** One Hardhat runtime per process, with no config file; each chain is a separate EDR instance of it. */
export async function hardhatRuntime(): Promise<HardhatRuntimeEnvironment> {
  hrePromise ??= import("hardhat/hre").then(({ createHardhatRuntimeEnvironment }) =>
    createHardhatRuntimeEnvironment({
      networks: {
        [DEVNET_NETWORK]: { type: "edr-simulated", chainType: "l1" },
      },
    }),
  );
  return hrePromise;
}
