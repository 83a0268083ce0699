import { type Address, normalizeAddress } from "./address.js";
import { type ProjectionState, toInternal } from "./createProjection.js";
import { compareInFlight, type InFlightMessage, toInFlightMessage } from "./inFlightMessage.js";
import { openIndex } from "./openIndex.js";
import type { AccountRecord, InternalState, LedgerRecord } from "./records.js";
import { shardGet } from "./shards.js";

/** An account's balance of one collateral on one ledger (raw units of the asset on its source chain). */
export interface CollateralBalanceView {
  /** Chain of the vault holding the tokens. */
  srcEid: number;
  /** The asset on its source chain. */
  asset: Address;
  /** Counts toward margin at the collateral's factors. */
  valued: bigint;
  /** Credited at zero margin value (unknown asset, cap reached, no free slot); releasable. */
  parked: bigint;
  /** The share rate the ledger last applied (RateUpdated), when one was seen. */
  rate?: bigint;
}

/** An open perp position. */
export interface PositionView {
  market: Address;
  /** Signed size in base units (18 decimals, long > 0). */
  size: bigint;
  /** Signed quote paid to open it. */
  openNotional: bigint;
}

/** LP shares of a market's pool. */
export interface LpSharesView {
  market: Address;
  shares: bigint;
}

/** An account on one ledger chain: what `MarginLedger.health` and the markets see. */
export interface LedgerAccountView {
  ledgerEid: number;
  /** Signed quote cash; negative is debt. */
  cash: bigint;
  /** Non-zero balances, by (srcEid, asset). */
  collateral: readonly CollateralBalanceView[];
  /** Open positions, by market. */
  positions: readonly PositionView[];
  /** LP shares, by market. */
  lpShares: readonly LpSharesView[];
}

/** What a vault holds for an account after a release it could not pay. */
export interface ClaimableBalanceView {
  vaultEid: number;
  asset: Address;
  amount: bigint;
}

/** An account's unified balance on every chain. */
export interface AccountView {
  /** Lowercase. */
  address: Address;
  /** Ledgers where the account has cash, collateral, positions or LP shares, by eid. */
  ledgers: readonly LedgerAccountView[];
  /** LOCKs for this account sent and not yet credited, oldest first. */
  inFlightLocks: readonly InFlightMessage[];
  /** RELEASEs debited from this account and not yet paid, oldest first. */
  inFlightReleases: readonly InFlightMessage[];
  /** Non-zero claimable balances, by (vaultEid, asset). */
  claimable: readonly ClaimableBalanceView[];
}

/** Options of {@link getAccount}. */
export interface GetAccountOptions {
  /** Unix time in seconds that ages are measured at; default: the latest block timestamp seen. */
  now?: bigint;
}

/**
 * An account's unified balance: per ledger chain its collateral per (srcEid, asset) split into
 * valued and parked, its cash and its positions per market; its LOCKs and RELEASEs in flight with
 * guid, amount and age; its claimable balances per vault chain and asset. Any address case is
 * accepted; an address never seen gives an empty view. Every list is sorted, so equal projections
 * give equal views.
 */
export function getAccount(
  state: ProjectionState,
  address: string,
  options: GetAccountOptions = {},
): AccountView {
  const s = toInternal(state);
  const normalized = normalizeAddress(address);
  const record = shardGet(s.accounts, normalized);
  return accountView(s, normalized, record, options.now ?? s.latestTimestamp);
}

function accountView(
  s: InternalState,
  address: Address,
  record: AccountRecord | undefined,
  now: bigint,
): AccountView {
  // Keys and addresses are stored lowercase 0x-hex (validated on the way in).
  const hex = (value: string) => value as Address;
  const ledgers: LedgerAccountView[] = [];
  for (const [ledgerEid, ledger] of [...(record?.ledgers ?? [])].sort((a, b) => a[0] - b[0])) {
    const rates = s.ledgers.get(ledgerEid)?.rates;
    const collateral: CollateralBalanceView[] = [];
    for (const balance of ledger.collateral?.values() ?? []) {
      if (balance.total === 0n && balance.parked === 0n) continue;
      const rate = rateOf(rates, `${balance.srcEid}:${balance.asset}`);
      collateral.push({
        srcEid: balance.srcEid,
        asset: hex(balance.asset),
        valued: balance.total - balance.parked,
        parked: balance.parked,
        ...(rate === undefined ? {} : { rate }),
      });
    }
    collateral.sort((a, b) => a.srcEid - b.srcEid || compareStrings(a.asset, b.asset));
    const positions: PositionView[] = [];
    for (const [market, position] of ledger.positions ?? []) {
      if (position.size === 0n && position.openNotional === 0n) continue;
      positions.push({ market: hex(market), size: position.size, openNotional: position.openNotional });
    }
    positions.sort((a, b) => compareStrings(a.market, b.market));
    const lpShares = [...(ledger.lpShares ?? [])]
      .map(([market, shares]) => ({ market: hex(market), shares }))
      .sort((a, b) => compareStrings(a.market, b.market));
    if (ledger.cash === 0n && collateral.length === 0 && positions.length === 0 && lpShares.length === 0)
      continue;
    ledgers.push({ ledgerEid, cash: ledger.cash, collateral, positions, lpShares });
  }
  const inFlightLocks = [];
  const inFlightReleases = [];
  for (const message of openIndex(s).inFlightByAccount.get(address) ?? []) {
    const view = toInFlightMessage(message, now);
    if (view === undefined) continue;
    if (view.kind === "lock") inFlightLocks.push(view);
    else inFlightReleases.push(view);
  }
  inFlightLocks.sort(compareInFlight);
  inFlightReleases.sort(compareInFlight);
  const claimable: ClaimableBalanceView[] = [];
  for (const [key, amount] of record?.claimable ?? []) {
    const [vaultEid, asset] = key.split(":");
    claimable.push({ vaultEid: Number(vaultEid), asset: hex(asset ?? ""), amount });
  }
  claimable.sort((a, b) => a.vaultEid - b.vaultEid || compareStrings(a.asset, b.asset));
  return { address, ledgers, inFlightLocks, inFlightReleases, claimable };
}

function rateOf(rates: LedgerRecord["rates"] | undefined, key: string): bigint | undefined {
  return rates?.get(key)?.rate;
}

/** Code-unit order (lowercase hex compares as numbers of equal length). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
