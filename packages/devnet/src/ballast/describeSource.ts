import { type Address, erc20Abi, erc4626Abi } from "viem";
import type { AssetRole } from "./config.js";
import type { BallastContracts } from "./deployChainContracts.js";
import type { BallastTokens } from "./resolveAssets.js";
import type { Transactor } from "./transactor.js";
import type { CollateralSource } from "./wireChain.js";

const WAD = 10n ** 18n;

/** Reads, on a source chain, what every ledger needs to price its collateral. */
export async function describeSource(
  tx: Transactor,
  eid: number,
  contracts: BallastContracts,
  tokens: BallastTokens,
): Promise<CollateralSource> {
  const client = tx.publicClient;
  const decimals = (role: string, address: Address) =>
    tx.read(`read the ${role}'s decimals`, () =>
      client.readContract({ address, abi: erc20Abi, functionName: "decimals" }),
    );
  const underlying = await tx.read("read the share's underlying", () =>
    client.readContract({ address: tokens.share, abi: erc4626Abi, functionName: "asset" }),
  );
  const values: Record<AssetRole, number> = {
    usdc: await decimals("USDC", tokens.usdc),
    weth: await decimals("WETH", tokens.weth),
    share: await decimals("share's underlying", underlying),
  };
  const shareRate = await tx.read("read the share's rate", () =>
    client.readContract({
      address: tokens.share,
      abi: erc4626Abi,
      functionName: "convertToAssets",
      args: [WAD],
    }),
  );
  return { eid, contracts, tokens, decimals: values, shareRate };
}
