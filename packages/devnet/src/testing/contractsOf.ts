import { collateralVaultAbi, marginLedgerAbi, perpMarketAbi, riskEngineAbi } from "@ballast/contracts";
import type { TestChain } from "./createTestNetwork.js";

/** `{ address, abi }` of each Ballast contract on a chain, to spread into viem calls. */
export function contractsOf(chain: TestChain) {
  const { collateralVault, marginLedger, riskEngine, perpMarket } = chain.deployment.contracts;
  return {
    vault: { address: collateralVault, abi: collateralVaultAbi },
    ledger: { address: marginLedger, abi: marginLedgerAbi },
    risk: { address: riskEngine, abi: riskEngineAbi },
    market: { address: perpMarket, abi: perpMarketAbi },
  } as const;
}
