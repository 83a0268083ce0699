import { Injectable } from "@nestjs/common";
import { type Address, getAddress } from "viem";
import { ChainRegistry } from "../chains/ChainRegistry.js";
import { EventRepository } from "../store/EventRepository.js";

/** The contracts whose events name the accounts that can fall below maintenance margin. */
const ACCOUNT_CONTRACTS = ["marginLedger", "perpMarket"] as const;

interface Seen {
  lastId: bigint | undefined;
  accounts: Set<string>;
}

/**
 * The keeper's candidates per ledger chain: every `account` of the stored events of that chain's
 * ledger and market (`Credited`, `CashDeposited`, `PositionChanged`, `PnlSettled`, `PenaltyCharged`,
 * `Liquidated`, ...). An account can only fall below maintenance through a position or debt, and
 * both leave such an event. Read incrementally: each refresh reads only the events stored since the
 * last one (`EventRepository.accountsSeen` with its `lastId`). The chain's own contracts (a market's
 * LP deposits show it as an account) are left out. Accounts stay candidates for the life of the
 * process; the valuation tells which need a liquidation.
 */
@Injectable()
export class CandidateAccounts {
  readonly #seen = new Map<number, Seen>();

  constructor(
    private readonly chains: ChainRegistry,
    private readonly events: EventRepository,
  ) {}

  /** Per ledger chain (eid), its candidate accounts (checksummed, sorted), after reading newly stored events. */
  async refresh(): Promise<ReadonlyMap<number, readonly Address[]>> {
    const out = new Map<number, Address[]>();
    for (const chain of this.chains.all()) {
      const { eid, chainId, contracts } = chain.manifest;
      let seen = this.#seen.get(eid);
      if (seen === undefined) {
        seen = { lastId: undefined, accounts: new Set() };
        this.#seen.set(eid, seen);
      }
      const { accounts, lastId } = await this.events.accountsSeen({
        chainId: BigInt(chainId),
        contracts: ACCOUNT_CONTRACTS,
        afterId: seen.lastId,
      });
      const own = new Set(Object.values(contracts).map((address) => address.toLowerCase()));
      for (const account of accounts) if (!own.has(account)) seen.accounts.add(account);
      if (lastId !== undefined) seen.lastId = lastId;
      out.set(
        eid,
        [...seen.accounts].sort().map((account) => getAddress(account)),
      );
    }
    return out;
  }
}
