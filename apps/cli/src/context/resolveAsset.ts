import type { ManifestChain } from "@ballast/sdk";
import { type Address, erc20Abi, getAddress, isAddress, type PublicClient } from "viem";
import { CliError } from "../CliError.js";

/** A token of a chain, with what it takes to read and print amounts of it. */
export interface Asset {
  address: Address;
  symbol: string;
  decimals: number;
}

/** The roles a manifest names; any other token is given by address. */
const ROLES = ["usdc", "weth", "share"] as const;

/** `usdc`, `weth`, `share` or a token address on `chain`, with its symbol and decimals read on chain. */
export async function resolveAsset(
  client: PublicClient,
  chain: ManifestChain,
  asset: string,
): Promise<Asset> {
  const role = ROLES.find((r) => r === asset.toLowerCase());
  let address: Address;
  if (role !== undefined) address = chain.tokens[role];
  else if (isAddress(asset, { strict: false })) address = getAddress(asset);
  else throw new CliError(`unknown asset "${asset}" (use ${ROLES.join(", ")} or a token address)`);
  try {
    const [symbol, decimals] = await Promise.all([
      client.readContract({ address, abi: erc20Abi, functionName: "symbol" }),
      client.readContract({ address, abi: erc20Abi, functionName: "decimals" }),
    ]);
    return { address, symbol, decimals };
  } catch (cause) {
    throw new CliError(`${address} on ${chain.name} is not an ERC-20 token`, { cause, exitCode: 1 });
  }
}
