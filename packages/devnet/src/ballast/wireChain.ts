import { collateralVaultAbi, marginLedgerAbi, riskEngineAbi } from "@ballast/contracts";
import { addressToBytes32 } from "@ballast/sdk";
import type { Address } from "viem";
import { ASSET_ROLES, type AssetRole, type BallastConfig, MESSAGE_TYPE } from "./config.js";
import type { BallastContracts } from "./deployChainContracts.js";
import { encodeExecutorLzReceiveOption } from "./encodeExecutorOptions.js";
import type { BallastFeeds, BallastTokens } from "./resolveAssets.js";
import type { Transactor } from "./transactor.js";

/** What a ledger needs to know about a chain whose vault sends it collateral. */
export interface CollateralSource {
  eid: number;
  contracts: BallastContracts;
  tokens: BallastTokens;
  /** Decimals of each collateral's value-bearing token (the share's underlying for the share). */
  decimals: Record<AssetRole, number>;
  /** The share's rate on its chain now (underlying per 1e18 shares): the ledger's initial rate. */
  shareRate: bigint;
}

/** Parameters of {@link wireChain}. */
export interface WireChainParameters {
  tx: Transactor;
  /** The chain being configured. */
  local: CollateralSource & { feeds: BallastFeeds };
  /** Every chain of the deployment, this one included (its own collateral is credited locally). */
  sources: readonly CollateralSource[];
  config: Pick<BallastConfig, "collateral" | "executorGas">;
}

/**
 * Wires one chain to every other: for each remote chain R, `vault.setPeer(R, ledger R)` and
 * `ledger.setPeer(R, vault R)` (a vault's peer is the remote ledger and vice versa); enforced
 * executor options on the vault for LOCK and RATE to R and on the ledger for RELEASE to R; and
 * on this chain's RiskEngine the risk parameters of every source chain's USDC, WETH and share
 * (this chain's own included), priced by this chain's feeds. Run it on every chain.
 */
export async function wireChain(parameters: WireChainParameters): Promise<void> {
  const { tx, local, sources, config } = parameters;
  const wallet = tx.walletClient;
  const vault = { address: local.contracts.collateralVault, abi: collateralVaultAbi } as const;
  const ledger = { address: local.contracts.marginLedger, abi: marginLedgerAbi } as const;
  const remotes = sources.filter((source) => source.eid !== local.eid);

  for (const remote of remotes) {
    await tx.send(`vault.setPeer(${remote.eid})`, () =>
      wallet.writeContract({
        ...vault,
        functionName: "setPeer",
        args: [remote.eid, addressToBytes32(remote.contracts.marginLedger)],
      }),
    );
    await tx.send(`ledger.setPeer(${remote.eid})`, () =>
      wallet.writeContract({
        ...ledger,
        functionName: "setPeer",
        args: [remote.eid, addressToBytes32(remote.contracts.collateralVault)],
      }),
    );
  }
  if (remotes.length > 0) {
    const option = (gas: bigint) => encodeExecutorLzReceiveOption({ gas });
    const vaultOptions = remotes.flatMap(({ eid }) => [
      { eid, msgType: MESSAGE_TYPE.LOCK, options: option(config.executorGas.lock) },
      { eid, msgType: MESSAGE_TYPE.RATE, options: option(config.executorGas.rate) },
    ]);
    const ledgerOptions = remotes.map(({ eid }) => ({
      eid,
      msgType: MESSAGE_TYPE.RELEASE,
      options: option(config.executorGas.release),
    }));
    await tx.send("vault.setEnforcedOptions", () =>
      wallet.writeContract({ ...vault, functionName: "setEnforcedOptions", args: [vaultOptions] }),
    );
    await tx.send("ledger.setEnforcedOptions", () =>
      wallet.writeContract({ ...ledger, functionName: "setEnforcedOptions", args: [ledgerOptions] }),
    );
  }

  const feedOf: Record<AssetRole, Address> = {
    usdc: local.feeds.usdcUsd,
    weth: local.feeds.ethUsd,
    share: local.feeds.ethUsd,
  };
  for (const source of sources) {
    for (const role of ASSET_ROLES) {
      const risk = config.collateral[role];
      const isShare = role === "share";
      await tx.send(`riskEngine.configureCollateral(${source.eid}, ${role})`, () =>
        wallet.writeContract({
          address: local.contracts.riskEngine,
          abi: riskEngineAbi,
          functionName: "configureCollateral",
          args: [
            source.eid,
            source.tokens[role],
            {
              feed: feedOf[role],
              maxStaleness: risk.maxStaleness,
              tokenDecimals: source.decimals[role],
              priceDecimals: 0, // read from the feed by the engine
              isShare,
              minAnswer: risk.minAnswer,
              maxAnswer: risk.maxAnswer,
              collateralFactor: risk.collateralFactor,
              liquidationFactor: risk.liquidationFactor,
              liquidationBonus: risk.liquidationBonus,
              maxRateGrowthPerDay: risk.maxRateGrowthPerDay,
              cap: risk.cap,
            },
            isShare ? source.shareRate : 0n,
          ],
        }),
      );
    }
  }
}
