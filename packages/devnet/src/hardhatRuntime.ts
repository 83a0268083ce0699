import { fileURLToPath } from "node:url";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

/** The network every devnet chain is an instance of: Hardhat's in-process EDR. */
export const DEVNET_NETWORK = "ballast";

/** The folder of this package's package.json (src/ and dist/ are one level below it). */
const PACKAGE_ROOT = fileURLToPath(new URL("..", import.meta.url));

let hrePromise: Promise<HardhatRuntimeEnvironment> | undefined;

/** One Hardhat runtime per process, with no config file; each chain is a separate EDR instance of it. */
export async function hardhatRuntime(): Promise<HardhatRuntimeEnvironment> {
  hrePromise ??= import("hardhat/hre").then(({ createHardhatRuntimeEnvironment }) =>
    createHardhatRuntimeEnvironment(
      {
        networks: {
          [DEVNET_NETWORK]: { type: "edr-simulated", chainType: "l1" },
        },
      },
      {},
      // This package's root, not the working directory: `ballast dev` runs from anywhere.
      PACKAGE_ROOT,
    ),
  );
  return hrePromise;
}
