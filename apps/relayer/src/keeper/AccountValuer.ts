import { getAccount, type LedgerAccount, type Manifest } from "@ballast/sdk";
import { Inject, Injectable } from "@nestjs/common";
import type { Address } from "viem";
import { ChainRegistry } from "../chains/ChainRegistry.js";
import { MANIFEST } from "../config/configTokens.js";
import { KeeperError } from "./errors.js";

/**
 * Values an account on one ledger with the sdk's `getAccount` (`@ballast/margin` on the chain's
 * state at its latest block, equal to `MarginLedger.health` to the wei), reading only that chain: it
 * is given a manifest of that one chain, and the ledger's valued collateral from every source chain
 * is still read through the account's collateral slots (only parked balances of other chains, which
 * count for nothing, are left out).
 */
@Injectable()
export class AccountValuer {
  constructor(
    private readonly chains: ChainRegistry,
    @Inject(MANIFEST) private readonly manifest: Manifest,
  ) {}

  /** The account on the ledger of `ledgerEid`: cash, collateral, positions and health. */
  async value(ledgerEid: number, account: Address): Promise<LedgerAccount> {
    const chain = this.chains.byEid(ledgerEid);
    const { ledgers } = await getAccount({
      manifest: { ...this.manifest, chains: [chain.manifest] },
      clients: { [ledgerEid]: chain.publicClient },
      account,
    });
    const [ledger] = ledgers;
    if (ledger === undefined) throw new KeeperError(`no valuation of ${account} on eid ${ledgerEid}`);
    return ledger;
  }
}
