import type { Devnet } from "@ballast/devnet";
import { getAccount, type Manifest } from "@ballast/sdk";
import { type Address, erc20Abi, type PublicClient } from "viem";

/** One row of the unified balance table: an asset of a chain, wherever the account holds it. */
export interface BalanceRow {
  chain: string;
  asset: "usdc" | "weth" | "share";
  /** In the account's wallet on `chain`. */
  wallet: bigint;
  /** Credited on any ledger (valued + parked), summed over ledgers. */
  collateral: bigint;
  /** Releases the vault on `chain` could not pay, claimable. */
  claimable: bigint;
}

/** The account's cash per ledger chain. */
export interface CashRow {
  chain: string;
  cash: bigint;
}

/** The unified balance of `account` on every chain, read from the chains through the sdk. */
export async function readBalances(
  devnet: Devnet,
  manifest: Manifest,
  account: Address,
): Promise<{ rows: BalanceRow[]; cash: CashRow[] }> {
  const clients: Record<number, PublicClient> = {};
  for (const chain of devnet.chains) clients[chain.eid] = chain.local.publicClient;
  const view = await getAccount({ manifest, clients, account });
  const rows: BalanceRow[] = [];
  for (const chain of manifest.chains) {
    for (const asset of ["usdc", "weth", "share"] as const) {
      const token = chain.tokens[asset];
      const wallet = await (clients[chain.eid] as PublicClient).readContract({
        // one client per chain
        address: token,
        abi: erc20Abi,
        functionName: "balanceOf",
        args: [account],
      });
      let collateral = 0n;
      for (const ledger of view.ledgers) {
        for (const c of ledger.collateral)
          if (c.srcEid === chain.eid && c.asset === token) collateral += c.valued + c.parked;
      }
      const claimable =
        view.vaults.find((vault) => vault.eid === chain.eid)?.claimable.find((entry) => entry.asset === token)
          ?.amount ?? 0n;
      rows.push({ chain: chain.name, asset, wallet, collateral, claimable });
    }
  }
  return { rows, cash: view.ledgers.map((ledger) => ({ chain: ledger.name, cash: ledger.cash })) };
}
