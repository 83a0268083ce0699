import { collateralVaultAbi, marginLedgerAbi, perpMarketAbi, riskEngineAbi } from "@ballast/contracts";
import type { Address } from "viem";
import type { BallastContracts } from "./deployChainContracts.js";
import type { Transactor } from "./transactor.js";

/** Hands the OApps' LayerZero delegate to `owner` and starts the two-step transfer of every contract. */
export async function transferOwnership(
  tx: Transactor,
  contracts: BallastContracts,
  owner: Address,
): Promise<void> {
  const wallet = tx.walletClient;
  const oapps = [
    { address: contracts.collateralVault, abi: collateralVaultAbi, name: "vault" },
    { address: contracts.marginLedger, abi: marginLedgerAbi, name: "ledger" },
  ] as const;
  for (const { address, abi, name } of oapps) {
    await tx.send(`${name}.setDelegate`, () =>
      wallet.writeContract({ address, abi, functionName: "setDelegate", args: [owner] }),
    );
    await tx.send(`${name}.transferOwnership`, () =>
      wallet.writeContract({ address, abi, functionName: "transferOwnership", args: [owner] }),
    );
  }
  await tx.send("riskEngine.transferOwnership", () =>
    wallet.writeContract({
      address: contracts.riskEngine,
      abi: riskEngineAbi,
      functionName: "transferOwnership",
      args: [owner],
    }),
  );
  await tx.send("perpMarket.transferOwnership", () =>
    wallet.writeContract({
      address: contracts.perpMarket,
      abi: perpMarketAbi,
      functionName: "transferOwnership",
      args: [owner],
    }),
  );
}
