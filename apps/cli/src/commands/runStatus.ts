import { type GetAccountReturnType, getAccount, type Manifest } from "@ballast/sdk";
import { type Address, formatUnits, type PublicClient } from "viem";
import { CliError } from "../CliError.js";
import { publicClientsFor } from "../context/clientsFor.js";
import { DEFAULT_MANIFEST, loadManifest } from "../context/loadManifest.js";
import { resolveAddress } from "../context/resolveAccount.js";
import { type Asset, resolveAsset } from "../context/resolveAsset.js";
import { resolveChain } from "../context/resolveChain.js";
import { formatAmount } from "../format/formatAmount.js";
import { describeRevert } from "./describeRevert.js";
import { COMMON_OPTIONS, parseCommandArgs } from "./parseCommandArgs.js";

/** The name of the chain with `eid`. */
const nameOf = (manifest: Manifest, eid: number): string =>
  manifest.chains.find((chain) => chain.eid === eid)?.name ?? String(eid);

/** JSON with bigints as decimal strings. */
const toJson = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

/** `ballast status <address|N>`: the account's unified balance on every chain, as the contracts value it. */
export async function runStatus(args: readonly string[]): Promise<string> {
  const { values, positionals } = parseCommandArgs(args, COMMON_OPTIONS, 1);
  const manifest = await loadManifest(values.manifest ?? DEFAULT_MANIFEST);
  const [target] = positionals;
  if (target === undefined) throw new CliError("status needs an address (or a devnet account number)");
  const account = resolveAddress(manifest, target);
  const clients = publicClientsFor(manifest);
  let view: GetAccountReturnType;
  try {
    view = await getAccount({ manifest, clients, account });
  } catch (error) {
    throw describeRevert("status", error);
  }
  if (values.json) return toJson({ event: "status", ...view });

  const assets = new Map<string, Asset>();
  const assetOf = async (eid: number, address: Address): Promise<Asset> => {
    const key = `${eid}:${address}`;
    const known = assets.get(key);
    if (known !== undefined) return known;
    const chain = resolveChain(manifest, String(eid), "asset");
    const asset = await resolveAsset(clients[eid] as PublicClient, chain, address); // one client per manifest chain
    assets.set(key, asset);
    return asset;
  };

  const lines = [`account ${account}`];
  for (const ledger of view.ledgers) {
    const quote = (raw: bigint) => `${formatUnits(raw, ledger.quoteDecimals)} USD`;
    const empty = ledger.collateral.length === 0 && ledger.positions.length === 0 && ledger.cash === 0n;
    if (empty) continue;
    lines.push(`ledger on ${ledger.name} (block ${ledger.blockNumber})`);
    for (const c of ledger.collateral) {
      const asset = await assetOf(c.srcEid, c.asset);
      const parked =
        c.parked === 0n ? "" : `, parked ${formatAmount(c.parked, asset.decimals, asset.symbol)}`;
      lines.push(
        `  ${asset.symbol} from ${nameOf(manifest, c.srcEid)}: ${formatAmount(c.valued, asset.decimals, asset.symbol)}${parked}, worth ${quote(c.value)}, free ${formatAmount(c.free, asset.decimals, asset.symbol)}`,
      );
    }
    for (const p of ledger.positions) {
      const side = p.size > 0n ? "long" : "short";
      lines.push(
        `  ${side} ${formatUnits(p.size < 0n ? -p.size : p.size, 18)} at ${formatUnits(p.price, 8)}: PnL ${quote(p.unrealizedPnl)}, margin ${quote(p.initialMargin)}`,
      );
    }
    lines.push(
      `  cash ${quote(ledger.cash)}, equity ${quote(ledger.equity)}, free margin ${quote(ledger.initialHealth)}, maintenance health ${quote(ledger.maintenanceHealth)}${ledger.liquidatable ? "  LIQUIDATABLE" : ""}`,
    );
  }
  for (const vault of view.vaults) {
    for (const { asset: address, amount } of vault.claimable) {
      const asset = await assetOf(vault.eid, address);
      lines.push(
        `claimable on ${vault.name}: ${formatAmount(amount, asset.decimals, asset.symbol)} (ballast claim)`,
      );
    }
  }
  if (lines.length === 1) lines.push("  nothing on any ledger");
  return lines.join("\n");
}
