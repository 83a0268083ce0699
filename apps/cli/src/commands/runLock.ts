import { lock } from "@ballast/sdk";
import { type Address, erc20Abi, formatEther } from "viem";
import { CliError } from "../CliError.js";
import { publicClientsFor, walletClientFor } from "../context/clientsFor.js";
import { DEFAULT_MANIFEST, loadManifest } from "../context/loadManifest.js";
import { resolveAccount } from "../context/resolveAccount.js";
import { resolveAsset } from "../context/resolveAsset.js";
import { resolveChain } from "../context/resolveChain.js";
import { formatAmount } from "../format/formatAmount.js";
import { parseAmount } from "../format/parseAmount.js";
import { describeRevert } from "./describeRevert.js";
import { COMMON_OPTIONS, parseCommandArgs, required } from "./parseCommandArgs.js";

/** `ballast lock --chain A --to B --asset usdc --amount 100 [--from N|0x…] [--beneficiary 0x…]`. */
export async function runLock(args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  const { values } = parseCommandArgs(args, {
    ...COMMON_OPTIONS,
    chain: { type: "string" },
    to: { type: "string" },
    asset: { type: "string" },
    amount: { type: "string" },
    from: { type: "string" },
  });
  const manifest = await loadManifest(values.manifest ?? DEFAULT_MANIFEST);
  const source = resolveChain(manifest, required(values.chain, "chain"), "--chain");
  const destination = resolveChain(manifest, required(values.to, "to"), "--to");
  const client = publicClientsFor(manifest)[source.eid];
  if (client === undefined) throw new CliError(`no client for ${source.name}`); // one per manifest chain
  const asset = await resolveAsset(client, source, required(values.asset, "asset"));
  const amount = parseAmount(required(values.amount, "amount"), asset.decimals, asset.symbol);
  const account = resolveAccount(manifest, values.from, env);
  const holder: Address = typeof account === "string" ? account : account.address;

  const balance = await client.readContract({
    address: asset.address,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [holder],
  });
  if (balance < amount) {
    throw new CliError(
      `insufficient ${asset.symbol} on ${source.name}: ${holder} holds ${formatAmount(balance, asset.decimals, asset.symbol)}, needs ${formatAmount(amount, asset.decimals, asset.symbol)}`,
      { exitCode: 1 },
    );
  }
  let result: Awaited<ReturnType<typeof lock>>;
  try {
    result = await lock(walletClientFor(source, account), {
      chain: source,
      asset: asset.address,
      amount,
      dstEid: destination.eid,
    });
  } catch (error) {
    throw describeRevert("lock", error);
  }
  if (values.json) {
    return JSON.stringify({
      event: "locked",
      chain: source.name,
      to: destination.name,
      asset: asset.address,
      amount: result.amount.toString(),
      guid: result.guid,
      transactionHash: result.transactionHash,
      nativeFee: result.nativeFee.toString(),
    });
  }
  return [
    `locked ${formatAmount(result.amount, asset.decimals, asset.symbol)} on ${source.name} for ${destination.name}`,
    `  tx ${result.transactionHash}${result.approveTransactionHash === undefined ? "" : ` (approval ${result.approveTransactionHash})`}`,
    destination.eid === source.eid
      ? "  credited on the same chain in the same transaction"
      : `  LayerZero guid ${result.guid}, fee ${formatEther(result.nativeFee)} ETH; credited on ${destination.name} when delivered`,
  ].join("\n");
}
