// Internal: the reads of getAccount, batched through Multicall3 where the chain has it.
import type { ContractFunctionParameters, MulticallReturnType } from "viem";
import { multicall, readContract } from "viem/actions";
import type { BallastReadClient } from "./types.js";

/**
 * Reads `contracts` at `blockNumber`: one `aggregate3` call when the client's chain declares a
 * Multicall3 deployed by that block, else one `eth_call` each, in parallel (Hardhat's local chains
 * have no Multicall3). Either way a failing read throws; the results are typed per call like
 * viem's `multicall`.
 */
export async function readContracts<const contracts extends readonly ContractFunctionParameters[]>(
  client: BallastReadClient,
  contracts: contracts,
  blockNumber: bigint,
): Promise<MulticallReturnType<contracts, false>> {
  const calls: readonly ContractFunctionParameters[] = contracts;
  let results: unknown[];
  const multicall3 = client.chain?.contracts?.multicall3;
  if (calls.length > 0 && multicall3 !== undefined && (multicall3.blockCreated ?? 0) <= blockNumber) {
    results = await multicall(client, { contracts: calls, allowFailure: false, blockNumber });
  } else {
    results = await Promise.all(calls.map((call) => readContract(client, { ...call, blockNumber })));
  }
  // Each call's decoded result, in order, which is what this type describes; TypeScript cannot
  // follow the mapping through the generic.
  return results as MulticallReturnType<contracts, false>;
}
