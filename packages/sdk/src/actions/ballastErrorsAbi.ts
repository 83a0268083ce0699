import {
  collateralVaultAbi,
  endpointV2Abi,
  marginLedgerAbi,
  mockAggregatorAbi,
  mockERC20Abi,
  mockERC4626Abi,
  perpMarketAbi,
  riskEngineAbi,
  simpleMessageLibAbi,
} from "@ballast/contracts";
import type { Abi } from "viem";

/**
 * Every custom error a Ballast action can bubble up, once per signature: the vault, ledger, risk
 * engine and market (which call each other), ERC-20 and ERC-4626 tokens (OpenZeppelin's errors),
 * feeds, and LayerZero's endpoint and message library (fees, paths). Decode any revert on a
 * Ballast call path with it (viem's `decodeErrorResult({ abi: ballastErrorsAbi, data })`).
 */
export const ballastErrorsAbi: Abi = (() => {
  const seen = new Set<string>();
  const errors: Extract<Abi[number], { type: "error" }>[] = [];
  for (const abi of [
    collateralVaultAbi,
    marginLedgerAbi,
    riskEngineAbi,
    perpMarketAbi,
    mockERC20Abi,
    mockERC4626Abi,
    mockAggregatorAbi,
    endpointV2Abi,
    simpleMessageLibAbi,
  ] as readonly Abi[]) {
    for (const item of abi) {
      if (item.type !== "error") continue;
      const signature = `${item.name}(${item.inputs.map((input) => input.type).join(",")})`;
      if (seen.has(signature)) continue;
      seen.add(signature);
      errors.push(item);
    }
  }
  return errors;
})();
