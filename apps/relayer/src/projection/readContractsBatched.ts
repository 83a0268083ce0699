import type { Address, Client, ContractFunctionParameters, MulticallReturnType } from "viem";
import { multicall, readContract } from "viem/actions";
import { mapWithConcurrency } from "./mapWithConcurrency.js";

/** Parallel `eth_call`s per chain when there is no Multicall3. */
export const DEFAULT_READ_CONCURRENCY = 8;

/** Calldata bytes per `aggregate3` call (viem splits larger batches into several, sent in parallel). */
export const MULTICALL_BATCH_BYTES = 16_384;

/** Parameters of {@link readContractsBatched}. */
export interface ReadContractsBatchedParameters<contracts extends readonly ContractFunctionParameters[]> {
  client: Client;
  contracts: contracts;
  /** Every read is made at this block. */
  blockNumber: bigint;
  /** Multicall3 on the chain: one `aggregate3` per batch; without it, one `eth_call` per read. */
  multicall3?: Address | undefined;
  /** Most `eth_call`s in flight without Multicall3; default {@link DEFAULT_READ_CONCURRENCY}. */
  concurrency?: number | undefined;
}

/**
 * Reads `contracts` at one block: through Multicall3 (`aggregate3`, batches of
 * {@link MULTICALL_BATCH_BYTES}) when the chain has one, else as parallel `eth_call`s with at most
 * `concurrency` in flight (Hardhat's devnet has no Multicall3). A failing read throws either way.
 * The results are typed per call like viem's `multicall`.
 *
 * @example
 * const [locked, total] = await readContractsBatched({ client, blockNumber, multicall3, contracts: [
 *   { address: vault, abi: collateralVaultAbi, functionName: "locked", args: [40102, usdc] },
 *   { address: vault, abi: collateralVaultAbi, functionName: "totalLocked", args: [usdc] },
 * ] });
 */
export async function readContractsBatched<const contracts extends readonly ContractFunctionParameters[]>(
  parameters: ReadContractsBatchedParameters<contracts>,
): Promise<MulticallReturnType<contracts, false>> {
  const { client, blockNumber, multicall3, concurrency = DEFAULT_READ_CONCURRENCY } = parameters;
  const calls: readonly ContractFunctionParameters[] = parameters.contracts;
  let results: unknown[];
  if (calls.length === 0) {
    results = [];
  } else if (multicall3 !== undefined) {
    results = await multicall(client, {
      contracts: calls,
      allowFailure: false,
      blockNumber,
      multicallAddress: multicall3,
      batchSize: MULTICALL_BATCH_BYTES,
    });
  } else {
    results = await mapWithConcurrency(calls, concurrency, (call) =>
      readContract(client, { ...call, blockNumber }),
    );
  }
  // Each call's decoded result, in order, which is what this type describes; TypeScript cannot follow
  // the mapping through the generic.
  return results as MulticallReturnType<contracts, false>;
}
