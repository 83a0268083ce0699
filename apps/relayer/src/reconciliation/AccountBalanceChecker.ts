import { marginLedgerAbi } from "@ballast/contracts";
import { getAccount, listAccounts, type ProjectionState } from "@ballast/margin";
import { Injectable } from "@nestjs/common";
import { type Address, type ContractFunctionParameters, getAddress, type MulticallReturnType } from "viem";
import { getBlock } from "viem/actions";
import { ChainRegistry, type RelayerChain } from "../chains/ChainRegistry.js";
import { Multicall3Resolver } from "../projection/Multicall3Resolver.js";
import type { ProjectedChain } from "../projection/ProjectionService.js";
import { readContractsBatched } from "../projection/readContractsBatched.js";
import type { UnreadChain } from "./ChainStateReader.js";

/**
 * How account balances are read: `multicall` batches them into Multicall3 `aggregate3` calls where
 * the chain has Multicall3 (else falls back to `perAccount`); `perAccount` sends one `eth_call` per
 * balance, `concurrency` at a time.
 */
export type AccountReadMode = "multicall" | "perAccount";

/** One (account, ledger, source chain, asset) balance the projection and the ledger disagree on. */
export interface AccountBalanceMismatch {
  account: Address;
  ledgerEid: number;
  srcEid: number;
  /** The asset on its source chain, lowercase. */
  asset: string;
  projected: { valued: bigint; parked: bigint };
  onChain: { valued: bigint; parked: bigint };
}

/** Parameters of {@link AccountBalanceChecker.check}. */
export interface CheckAccountBalancesParameters {
  state: ProjectionState;
  /** Where the projection stands per chain: each ledger is read at its `blockNumber`. */
  chains: readonly ProjectedChain[];
  /** Default `multicall`. */
  mode?: AccountReadMode | undefined;
  /** `eth_call`s in flight per chain in `perAccount` mode (or without Multicall3); default 16. */
  concurrency?: number | undefined;
}

/** The return type of {@link AccountBalanceChecker.check}. */
export interface CheckAccountBalancesReturnType {
  /** Distinct accounts whose balances were read. */
  accounts: number;
  /** Balances read (one `MarginLedger.balanceOf` each). */
  balances: number;
  mismatches: AccountBalanceMismatch[];
  /** Ledger chains not compared this time (not indexed yet, a reorg not rewound yet, a failed read). */
  unread: UnreadChain[];
}

interface BalanceKey {
  account: Address;
  srcEid: number;
  asset: Address;
  valued: bigint;
  parked: bigint;
}

/** Default `eth_call`s in flight per chain when balances are read one by one. */
const DEFAULT_CONCURRENCY = 16;

/**
 * Account-level reconciliation, per ledger chain, read at the block the projection is exact at:
 * for every account the projection has on the ledger, the collateral keys the ledger lists for it
 * (`accountCollaterals`), then `balanceOf(account, srcEid, asset)` of each key the projection holds
 * or the ledger lists, compared with the projection's valued and parked balances (zero where it has
 * none). Lane conservation (invariant 1)
 * compares sums; this catches what sums hide: a credit the projection placed on the wrong account,
 * or an event of one account the indexer missed while another's doubled. Reads go through
 * Multicall3 in batches where the chain has it. After reading, the block's hash must still be the one
 * the indexer stored, else the chain is reported unread (a reorg not rewound yet).
 */
@Injectable()
export class AccountBalanceChecker {
  constructor(
    private readonly chains: ChainRegistry,
    private readonly multicall3: Multicall3Resolver,
  ) {}

  async check(parameters: CheckAccountBalancesParameters): Promise<CheckAccountBalancesReturnType> {
    const { state, mode = "multicall", concurrency = DEFAULT_CONCURRENCY } = parameters;
    const byLedger = accountsByLedger(state);
    const mismatches: AccountBalanceMismatch[] = [];
    const unread: UnreadChain[] = [];
    const accounts = new Set<string>();
    let balances = 0;
    await Promise.all(
      parameters.chains.map(async ({ eid, blockNumber, blockHash }) => {
        const projected = byLedger.get(eid);
        if (projected === undefined || projected.size === 0) return;
        if (blockNumber === undefined || blockHash === undefined) {
          unread.push({ eid, reason: "not indexed yet" });
          return;
        }
        try {
          const chain = this.chains.byEid(eid);
          const reads = { chain, blockNumber, mode, concurrency };
          const listed = await this.#listCollaterals(reads, [...projected.keys()]);
          const keys = withOnChainKeys(projected, listed);
          const read = await this.#readBalances(reads, keys);
          const block = await getBlock(chain.publicClient, { blockNumber });
          if (block.hash?.toLowerCase() !== blockHash.toLowerCase()) {
            unread.push({
              eid,
              reason: `block ${blockNumber} is now ${block.hash}, the indexer stored ${blockHash} (reorg not rewound yet)`,
            });
            return;
          }
          for (const account of projected.keys()) accounts.add(account);
          for (const [i, key] of keys.entries()) {
            const [valued, parked] = read[i] ?? [0n, 0n];
            if (valued !== key.valued || parked !== key.parked) {
              mismatches.push({
                account: key.account,
                ledgerEid: eid,
                srcEid: key.srcEid,
                asset: key.asset.toLowerCase(),
                projected: { valued: key.valued, parked: key.parked },
                onChain: { valued, parked },
              });
            }
          }
          balances += keys.length;
        } catch (error) {
          const reason =
            error instanceof Error ? (error.message.split("\n")[0] ?? error.name) : String(error);
          unread.push({ eid, reason: `read failed: ${reason}` });
        }
      }),
    );
    unread.sort((x, y) => x.eid - y.eid);
    return { accounts: accounts.size, balances, mismatches, unread };
  }

  /** `accountCollaterals(account)` of each account: the keys the ledger lists for it. */
  #listCollaterals(reads: Reads, accounts: readonly Address[]) {
    const ledger = { address: reads.chain.manifest.contracts.marginLedger, abi: marginLedgerAbi } as const;
    return this.#readAll(
      reads,
      accounts.map(
        (account) => ({ ...ledger, functionName: "accountCollaterals", args: [account] }) as const,
      ),
    );
  }

  /** `balanceOf(account, srcEid, asset)` of each key: [valued, parked]. */
  #readBalances(reads: Reads, keys: readonly BalanceKey[]) {
    const ledger = { address: reads.chain.manifest.contracts.marginLedger, abi: marginLedgerAbi } as const;
    return this.#readAll(
      reads,
      keys.map(
        ({ account, srcEid, asset }) =>
          ({ ...ledger, functionName: "balanceOf", args: [account, srcEid, asset] }) as const,
      ),
    );
  }

  async #readAll<const contracts extends readonly ContractFunctionParameters[]>(
    reads: Reads,
    calls: contracts,
  ): Promise<MulticallReturnType<contracts, false>> {
    const { chain, blockNumber, mode, concurrency } = reads;
    const client = chain.publicClient;
    const multicall3 = mode === "multicall" ? await this.multicall3.resolve(chain) : undefined;
    return readContractsBatched({ client, blockNumber, multicall3, concurrency, contracts: calls });
  }
}

/** Where and how one ledger's balances are read. */
interface Reads {
  chain: RelayerChain;
  blockNumber: bigint;
  mode: AccountReadMode;
  concurrency: number;
}

/** Per ledger eid, each account the projection has there and its non-zero collateral balances. */
function accountsByLedger(state: ProjectionState): Map<number, Map<Address, BalanceKey[]>> {
  const out = new Map<number, Map<Address, BalanceKey[]>>();
  for (const address of listAccounts(state)) {
    const account = getAddress(address);
    for (const ledger of getAccount(state, address).ledgers) {
      const accounts = out.get(ledger.ledgerEid) ?? new Map<Address, BalanceKey[]>();
      accounts.set(
        account,
        ledger.collateral.map(({ srcEid, asset, valued, parked }) => ({
          account,
          srcEid,
          asset: getAddress(asset),
          valued,
          parked,
        })),
      );
      out.set(ledger.ledgerEid, accounts);
    }
  }
  return out;
}

/** The projected balances plus, at zero, each key the ledger lists for the account that the projection lacks. */
function withOnChainKeys(
  projected: ReadonlyMap<Address, readonly BalanceKey[]>,
  listed: readonly (readonly { srcEid: number; asset: Address }[])[],
): BalanceKey[] {
  const out: BalanceKey[] = [];
  for (const [i, [account, keys]] of [...projected].entries()) {
    out.push(...keys);
    const seen = new Set(keys.map(({ srcEid, asset }) => `${srcEid}:${asset.toLowerCase()}`));
    for (const { srcEid, asset } of listed[i] ?? []) {
      if (seen.has(`${srcEid}:${asset.toLowerCase()}`)) continue;
      out.push({ account, srcEid, asset: getAddress(asset), valued: 0n, parked: 0n });
    }
  }
  return out;
}
