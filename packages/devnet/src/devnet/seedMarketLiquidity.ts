import { mockERC20Abi, perpMarketAbi } from "@ballast/contracts";
import { createTransactor } from "../ballast/transactor.js";
import type { LocalChain } from "../createLocalChain.js";
import type { BallastChainDeployment } from "../deployBallast.js";
import { DevnetError } from "../errors.js";

/** Parameters of {@link seedMarketLiquidity}. */
export interface SeedMarketLiquidityParameters {
  local: LocalChain;
  deployment: BallastChainDeployment;
  /** Quote units the deployer mints and deposits into the perp's LP pool. */
  amount: bigint;
}

/**
 * Gives the chain's perpetual an LP pool to trade against: the deployer (owner of the USDC mock)
 * mints `amount` and deposits it as liquidity, so traders' profits can be paid from the first trade.
 */
export async function seedMarketLiquidity(parameters: SeedMarketLiquidityParameters): Promise<void> {
  const { local, deployment, amount } = parameters;
  if (amount === 0n) return;
  if (!deployment.mocks.includes("usdc")) throw new DevnetError(`eid ${deployment.eid}: USDC is not a mock`);
  const { usdc } = deployment.tokens;
  const market = deployment.contracts.perpMarket;
  const walletClient = local.walletClient(0);
  const tx = createTransactor({
    walletClient,
    publicClient: local.publicClient,
    label: `eid ${deployment.eid}`,
  });
  await tx.send("mint LP USDC", () =>
    walletClient.writeContract({
      address: usdc,
      abi: mockERC20Abi,
      functionName: "mint",
      args: [tx.account, amount],
    }),
  );
  await tx.send("approve the market", () =>
    walletClient.writeContract({
      address: usdc,
      abi: mockERC20Abi,
      functionName: "approve",
      args: [market, amount],
    }),
  );
  await tx.send("deposit LP liquidity", () =>
    walletClient.writeContract({
      address: market,
      abi: perpMarketAbi,
      functionName: "depositLiquidity",
      args: [amount],
    }),
  );
}
