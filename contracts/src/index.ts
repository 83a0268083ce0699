/**
 * @ballast/contracts: typed ABIs and creation bytecode of every Ballast contract,
 * generated from the Hardhat artifacts at build time.
 *
 * @example
 * import { mockAggregatorAbi } from "@ballast/contracts";
 * const [, answer] = await client.readContract({ address, abi: mockAggregatorAbi, functionName: "latestRoundData" });
 */
export * from "./generated/contracts.js";
