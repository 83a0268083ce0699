import { type Address, erc20Abi, type PublicClient } from "viem";
import { CliError } from "../CliError.js";
import { publicClientsFor } from "../context/clientsFor.js";
import { DEFAULT_MANIFEST, loadManifest } from "../context/loadManifest.js";
import { resolveAsset } from "../context/resolveAsset.js";
import { formatAmount } from "../format/formatAmount.js";
import { COMMON_OPTIONS, parseCommandArgs } from "./parseCommandArgs.js";

const ROLES = ["owner", "guardian", "verifier"];

/** `ballast accounts`: the devnet's development accounts and their tokens on every chain. */
export async function runAccounts(args: readonly string[]): Promise<string> {
  const { values } = parseCommandArgs(args, { ...COMMON_OPTIONS, all: { type: "boolean" } });
  const manifest = await loadManifest(values.manifest ?? DEFAULT_MANIFEST);
  const accounts = manifest.accounts;
  if (accounts === undefined || accounts.length === 0) {
    throw new CliError("the manifest lists no accounts (only a devnet's does)", { exitCode: 1 });
  }
  const shown = values.all ? accounts : accounts.slice(0, 10);
  const clients = publicClientsFor(manifest);
  const rows: {
    index: number;
    address: Address;
    role: string | undefined;
    balances: Record<string, string>;
  }[] = [];
  const tokens = await Promise.all(
    manifest.chains.flatMap((chain) =>
      (["usdc", "weth", "share"] as const).map(async (role) => ({
        chain,
        asset: await resolveAsset(clients[chain.eid] as PublicClient, chain, role), // one client per chain
      })),
    ),
  );
  for (const [index, address] of shown.entries()) {
    const balances: Record<string, string> = {};
    await Promise.all(
      tokens.map(async ({ chain, asset }) => {
        const raw = await (clients[chain.eid] as PublicClient).readContract({
          address: asset.address,
          abi: erc20Abi,
          functionName: "balanceOf",
          args: [address],
        });
        balances[`${chain.name}:${asset.symbol}`] = values.json
          ? raw.toString()
          : formatAmount(raw, asset.decimals, asset.symbol);
      }),
    );
    rows.push({ index, address, role: ROLES[index], balances });
  }
  if (values.json) return rows.map((row) => JSON.stringify({ event: "account", ...row })).join("\n");
  return rows
    .map(({ index, address, role, balances }) => {
      const held = manifest.chains
        .map((chain) => {
          const own = Object.entries(balances).filter(([key]) => key.startsWith(`${chain.name}:`));
          return `${chain.name}: ${own.map(([, v]) => v).join(", ")}`;
        })
        .join(" | ");
      return `#${index} ${address}${role === undefined ? "" : ` (${role})`}\n    ${held}`;
    })
    .join("\n");
}
