import { mockERC20Abi, mockERC4626Abi } from "@ballast/contracts";
import { createTransactor } from "../ballast/transactor.js";
import type { LocalChain } from "../createLocalChain.js";
import type { BallastChainDeployment } from "../deployBallast.js";
import { DevnetError } from "../errors.js";

/** Parameters of {@link accrueShareYield}. */
export interface AccrueShareYieldParameters {
  local: LocalChain;
  deployment: BallastChainDeployment;
  /** Growth of the share's rate in basis points (1 = 0.01%). */
  bps: bigint;
}

/** The share's new rate: assets per 1e18 share units (`convertToAssets(1e18)`). */
export type AccrueShareYieldReturnType = bigint;

/**
 * Grows the ERC-4626 share's rate by `bps`: the deployer (owner of the WETH mock) mints
 * `totalAssets * bps / 10,000` WETH straight to the share, which is how yield arrives in a vault.
 * The ledgers see the new rate with the next LOCK of the share or `syncRate`.
 */
export async function accrueShareYield(
  parameters: AccrueShareYieldParameters,
): Promise<AccrueShareYieldReturnType> {
  const { local, deployment, bps } = parameters;
  if (bps <= 0n) throw new DevnetError(`yield must be positive, got ${bps} bps`);
  if (!deployment.mocks.includes("weth")) throw new DevnetError(`eid ${deployment.eid}: WETH is not a mock`);
  const { weth, share } = deployment.tokens;
  const walletClient = local.walletClient(0);
  const tx = createTransactor({
    walletClient,
    publicClient: local.publicClient,
    label: `eid ${deployment.eid}`,
  });
  const totalAssets = await local.publicClient.readContract({
    address: share,
    abi: mockERC4626Abi,
    functionName: "totalAssets",
  });
  const donation = (totalAssets * bps) / 10_000n;
  if (donation === 0n)
    throw new DevnetError(`eid ${deployment.eid}: the share holds too little for ${bps} bps of yield`);
  await tx.send("donate yield to the share", () =>
    walletClient.writeContract({
      address: weth,
      abi: mockERC20Abi,
      functionName: "mint",
      args: [share, donation],
    }),
  );
  return local.publicClient.readContract({
    address: share,
    abi: mockERC4626Abi,
    functionName: "convertToAssets",
    args: [10n ** 18n],
  });
}
