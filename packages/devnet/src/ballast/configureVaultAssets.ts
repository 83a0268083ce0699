import { collateralVaultAbi } from "@ballast/contracts";
import type { Address } from "viem";
import { ASSET_ROLES, type BallastConfig } from "./config.js";
import type { BallastTokens } from "./resolveAssets.js";
import type { Transactor } from "./transactor.js";

/** Parameters of {@link configureVaultAssets}. */
export interface ConfigureVaultAssetsParameters {
  tx: Transactor;
  vault: Address;
  tokens: BallastTokens;
  config: BallastConfig["vault"];
}

/**
 * Enables every collateral on a vault (`configureAsset`; the share as an ERC-4626 share, so its
 * LOCKs carry its rate) and sets each asset's release rate limit (`configureRateLimit`).
 */
export async function configureVaultAssets(parameters: ConfigureVaultAssetsParameters): Promise<void> {
  const { tx, vault, tokens, config } = parameters;
  const wallet = tx.walletClient;
  for (const role of ASSET_ROLES) {
    const asset = tokens[role];
    const { lockCap, rateLimit } = config[role];
    await tx.send(`vault.configureAsset(${role})`, () =>
      wallet.writeContract({
        address: vault,
        abi: collateralVaultAbi,
        functionName: "configureAsset",
        args: [asset, true, role === "share", lockCap],
      }),
    );
    await tx.send(`vault.configureRateLimit(${role})`, () =>
      wallet.writeContract({
        address: vault,
        abi: collateralVaultAbi,
        functionName: "configureRateLimit",
        args: [asset, rateLimit.capacity, rateLimit.refillPerSecond],
      }),
    );
  }
}
