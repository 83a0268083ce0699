import {
  collateralVaultAbi,
  collateralVaultBytecode,
  marginLedgerAbi,
  marginLedgerBytecode,
  perpMarketAbi,
  perpMarketBytecode,
  riskEngineAbi,
  riskEngineBytecode,
} from "@ballast/contracts";
import { type Address, erc20Abi } from "viem";
import type { BallastConfig } from "./config.js";
import type { ResolvedAssets } from "./resolveAssets.js";
import type { Transactor } from "./transactor.js";

/** Ballast's contracts on one chain. */
export interface BallastContracts {
  collateralVault: Address;
  marginLedger: Address;
  riskEngine: Address;
  /** The ETH perpetual, registered on the ledger. */
  perpMarket: Address;
}

/** Parameters of {@link deployChainContracts}. */
export interface DeployChainContractsParameters {
  tx: Transactor;
  /** This chain's EndpointV2. */
  endpoint: Address;
  assets: ResolvedAssets;
  config: Pick<BallastConfig, "ethPerp" | "liquidationGracePeriod">;
  /** May pause the vault and the ledger; none when left out (the owner still can). */
  guardian?: Address | undefined;
}

/**
 * Deploys CollateralVault, RiskEngine, MarginLedger (quote: the chain's USDC) and the ETH
 * PerpMarket, owned by the sender, then links them: `riskEngine.setLedger`, `ledger.addMarket`,
 * `ledger.setLocalVault`, `vault.setLocalLedger`, the guardian on vault and ledger, and the
 * ledger's liquidation grace period. Cross-chain wiring is {@link wireChain}'s job.
 */
export async function deployChainContracts(
  parameters: DeployChainContractsParameters,
): Promise<BallastContracts> {
  const { tx, endpoint, assets, config, guardian } = parameters;
  const wallet = tx.walletClient;
  const owner = tx.account;

  const collateralVault = await tx.deploy("deploy CollateralVault", () =>
    wallet.deployContract({
      abi: collateralVaultAbi,
      bytecode: collateralVaultBytecode,
      args: [endpoint, owner],
    }),
  );
  const quoteDecimals = await tx.read("read the quote token's decimals", () =>
    tx.publicClient.readContract({ address: assets.tokens.usdc, abi: erc20Abi, functionName: "decimals" }),
  );
  const riskEngine = await tx.deploy("deploy RiskEngine", () =>
    wallet.deployContract({ abi: riskEngineAbi, bytecode: riskEngineBytecode, args: [owner, quoteDecimals] }),
  );
  const marginLedger = await tx.deploy("deploy MarginLedger", () =>
    wallet.deployContract({
      abi: marginLedgerAbi,
      bytecode: marginLedgerBytecode,
      args: [endpoint, owner, assets.tokens.usdc, riskEngine],
    }),
  );
  await tx.send("riskEngine.setLedger", () =>
    wallet.writeContract({
      address: riskEngine,
      abi: riskEngineAbi,
      functionName: "setLedger",
      args: [marginLedger],
    }),
  );
  const perpMarket = await tx.deploy("deploy PerpMarket", () =>
    wallet.deployContract({
      abi: perpMarketAbi,
      bytecode: perpMarketBytecode,
      args: [owner, marginLedger, { feed: assets.feeds.ethUsd, ...config.ethPerp }],
    }),
  );

  const ledger = { address: marginLedger, abi: marginLedgerAbi } as const;
  const vault = { address: collateralVault, abi: collateralVaultAbi } as const;
  await tx.send("ledger.addMarket", () =>
    wallet.writeContract({ ...ledger, functionName: "addMarket", args: [perpMarket] }),
  );
  await tx.send("ledger.setLocalVault", () =>
    wallet.writeContract({ ...ledger, functionName: "setLocalVault", args: [collateralVault] }),
  );
  await tx.send("vault.setLocalLedger", () =>
    wallet.writeContract({ ...vault, functionName: "setLocalLedger", args: [marginLedger] }),
  );
  await tx.send("ledger.setLiquidationGracePeriod", () =>
    wallet.writeContract({
      ...ledger,
      functionName: "setLiquidationGracePeriod",
      args: [config.liquidationGracePeriod],
    }),
  );
  if (guardian !== undefined) {
    await tx.send("vault.setGuardian", () =>
      wallet.writeContract({ ...vault, functionName: "setGuardian", args: [guardian] }),
    );
    await tx.send("ledger.setGuardian", () =>
      wallet.writeContract({ ...ledger, functionName: "setGuardian", args: [guardian] }),
    );
  }
  return { collateralVault, marginLedger, riskEngine, perpMarket };
}
