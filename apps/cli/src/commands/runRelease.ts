import { marginLedgerAbi } from "@ballast/contracts";
import { requestRelease } from "@ballast/sdk";
import { type Address, formatEther, getAddress, isAddress } from "viem";
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

/**
 * `ballast release --chain B --to A --asset usdc --amount 50 [--from N|0x…] [--recipient 0x…]`:
 * asks B's ledger to release collateral that came from A back to A.
 */
export async function runRelease(args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  const { values } = parseCommandArgs(args, {
    ...COMMON_OPTIONS,
    chain: { type: "string" },
    to: { type: "string" },
    asset: { type: "string" },
    amount: { type: "string" },
    from: { type: "string" },
    recipient: { type: "string" },
  });
  const manifest = await loadManifest(values.manifest ?? DEFAULT_MANIFEST);
  const ledgerChain = resolveChain(manifest, required(values.chain, "chain"), "--chain");
  const vaultChain = resolveChain(manifest, required(values.to, "to"), "--to");
  const clients = publicClientsFor(manifest);
  const vaultClient = clients[vaultChain.eid];
  const ledgerClient = clients[ledgerChain.eid];
  if (vaultClient === undefined || ledgerClient === undefined)
    throw new CliError("no client for a manifest chain");
  const asset = await resolveAsset(vaultClient, vaultChain, required(values.asset, "asset"));
  const amount = parseAmount(required(values.amount, "amount"), asset.decimals, asset.symbol);
  const account = resolveAccount(manifest, values.from, env);
  const holder: Address = typeof account === "string" ? account : account.address;
  let recipient: Address = holder;
  if (values.recipient !== undefined) {
    if (!isAddress(values.recipient, { strict: false }))
      throw new CliError(`--recipient: "${values.recipient}" is not an address`);
    recipient = getAddress(values.recipient);
  }

  const [valued, parked] = await ledgerClient.readContract({
    address: ledgerChain.contracts.marginLedger,
    abi: marginLedgerAbi,
    functionName: "balanceOf",
    args: [holder, vaultChain.eid, asset.address],
  });
  const held = valued + parked;
  if (held < amount) {
    throw new CliError(
      `insufficient ${asset.symbol} from ${vaultChain.name} on ${ledgerChain.name}'s ledger: ${holder} has ${formatAmount(held, asset.decimals, asset.symbol)}, asks ${formatAmount(amount, asset.decimals, asset.symbol)}`,
      { exitCode: 1 },
    );
  }
  let result: Awaited<ReturnType<typeof requestRelease>>;
  try {
    result = await requestRelease(walletClientFor(ledgerChain, account), {
      chain: ledgerChain,
      srcEid: vaultChain.eid,
      asset: asset.address,
      amount,
      recipient,
    });
  } catch (error) {
    throw describeRevert("release", error);
  }
  if (values.json) {
    return JSON.stringify({
      event: "release-requested",
      chain: ledgerChain.name,
      to: vaultChain.name,
      asset: asset.address,
      amount: result.amount.toString(),
      recipient,
      guid: result.guid,
      transactionHash: result.transactionHash,
      nativeFee: result.nativeFee.toString(),
    });
  }
  return [
    `release of ${formatAmount(result.amount, asset.decimals, asset.symbol)} requested on ${ledgerChain.name}, paid to ${recipient} on ${vaultChain.name}`,
    `  tx ${result.transactionHash}`,
    vaultChain.eid === ledgerChain.eid
      ? "  paid on the same chain in the same transaction"
      : `  LayerZero guid ${result.guid}, fee ${formatEther(result.nativeFee)} ETH; paid when delivered`,
  ].join("\n");
}
