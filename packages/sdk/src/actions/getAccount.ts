import { collateralVaultAbi } from "@ballast/contracts";
import { type Health, type PriceQuote, valueAccount } from "@ballast/margin";
import { type Address, getAddress, isAddress } from "viem";
import { getBlock } from "viem/actions";
import type { Manifest, ManifestChain } from "../config/manifestSchema.js";
import { ActionError, SdkError } from "../errors.js";
import { assertClientChain } from "./assertClientChain.js";
import { readContracts } from "./readContracts.js";
import { type CollateralKey, type LedgerRead, readLedgerAccount } from "./readLedgerAccount.js";
import type { BallastReadClient } from "./types.js";

/** Parameters of {@link getAccount}. */
export interface GetAccountParameters {
  /** The deployment: every chain's ledger, risk engine, markets, vault and tokens. */
  manifest: Manifest;
  /** A client per chain of the manifest, by eid (public or wallet clients). */
  clients: Readonly<Record<number, BallastReadClient>>;
  /** The account to read. */
  account: Address;
}

/** One collateral balance on a ledger, valued like `MarginLedger.health`. */
export interface AccountCollateral {
  /** The vault chain holding the tokens. */
  srcEid: number;
  /** The token on `srcEid`. */
  asset: Address;
  /** Counts toward margin at the collateral's factors. */
  valued: bigint;
  /** Credited at zero margin value (unlisted, over the cap, no free slot); releasable. */
  parked: bigint;
  /** The ledger's RiskEngine lists the collateral (else it counts as zero). */
  listed: boolean;
  /** The feed answer used, when listed and usable (fresh and in bounds); else the collateral counts as zero. */
  price: bigint | undefined;
  /** The rate used (assets per 1e18 shares; 1e18 for a plain token), when listed. */
  rate: bigint | undefined;
  /** Value of the valued balance in quote units, rounded down. */
  value: bigint;
  /** value * collateralFactor, toward initial margin. */
  initialCollateral: bigint;
  /** value * liquidationFactor, toward maintenance margin. */
  maintenanceCollateral: bigint;
  /** Most of `valued + parked` the account can release now (`MarginLedger.freeCollateral`). */
  free: bigint;
}

/** An open perp position, as the market reports it to the ledger (`accountMargin`). */
export interface AccountPosition {
  market: Address;
  /** Signed size in base units (18 decimals, long > 0). */
  size: bigint;
  /** Signed quote paid to open it. */
  openNotional: bigint;
  /** The price the market values it at: the mark price, or the last answer when that is unusable. */
  price: bigint;
  /** The mark price was fresh and in bounds. */
  priceOk: boolean;
  unrealizedPnl: bigint;
  /** |size| * price, rounded up. */
  notional: bigint;
  initialMargin: bigint;
  maintenanceMargin: bigint;
}

/** An account on one ledger chain. */
export interface LedgerAccount {
  eid: number;
  /** The chain's name in the manifest. */
  name: string;
  /** The block every figure was read at. */
  blockNumber: bigint;
  /** Decimals of the ledger's quote token: the unit of every value. */
  quoteDecimals: number;
  /** Signed quote cash; negative is debt. */
  cash: bigint;
  /** Non-zero balances per (srcEid, asset): the manifest's tokens of every chain and any valued slot. */
  collateral: AccountCollateral[];
  /** Open positions, per market of the ledger. */
  positions: AccountPosition[];
  /** LP shares held, per market. */
  lpShares: { market: Address; shares: bigint }[];
  /** The figures of `MarginLedger.health(account)`, to the wei. */
  health: Health;
  /** cash + unrealizedPnl + collateralValue. */
  equity: bigint;
  /** cash + unrealizedPnl + initialCollateral - initialMargin: free margin; >= 0 to take risk. */
  initialHealth: bigint;
  /** cash + unrealizedPnl + maintenanceCollateral - maintenanceMargin. */
  maintenanceHealth: bigint;
  /** maintenanceHealth < 0. */
  liquidatable: boolean;
}

/** What a vault chain holds for an account. */
export interface VaultAccount {
  eid: number;
  name: string;
  blockNumber: bigint;
  /** Non-zero claimable balances (releases the vault could not pay) of the chain's tokens. */
  claimable: { asset: Address; amount: bigint }[];
}

/** The return type of {@link getAccount}. */
export interface GetAccountReturnType {
  account: Address;
  /** One per chain of the manifest, in its order. */
  ledgers: LedgerAccount[];
  /** One per chain of the manifest, in its order. */
  vaults: VaultAccount[];
}

const tokensOf = (chain: ManifestChain): Address[] => [
  chain.tokens.usdc,
  chain.tokens.weth,
  chain.tokens.share,
];

/**
 * An account across every chain of a deployment: per ledger its collateral per (srcEid, asset)
 * (valued and parked, each valued with its price, rate and haircuts, and what is free to release),
 * cash, positions and LP shares, and its health (equity, initial and maintenance margin, free
 * margin), computed with `@ballast/margin` from the chain's state, so it equals
 * `MarginLedger.health` to the wei; per vault chain its claimable balances.
 *
 * Each chain is read at its latest block, all reads at that block: through Multicall3 when the
 * client's chain declares one, else as parallel `eth_call`s. Collateral prices are checked like
 * OracleLib at that block's timestamp. Every market of a ledger is read as a `PerpMarket`.
 * Throws ActionError when a chain has no client or a client is on another chain.
 *
 * @example
 * const account = await getAccount({ manifest, clients: { 40101: clientA, 40102: clientB }, account: alice });
 * account.ledgers[1].initialHealth; // free margin on chain B, in USDC units
 */
export async function getAccount(parameters: GetAccountParameters): Promise<GetAccountReturnType> {
  const { manifest, clients } = parameters;
  if (!isAddress(parameters.account, { strict: false })) {
    throw new ActionError(`account is not an address: ${String(parameters.account)}`);
  }
  const account = getAddress(parameters.account);
  const assets: CollateralKey[] = manifest.chains.flatMap((chain) =>
    tokensOf(chain).map((asset) => ({ srcEid: chain.eid, asset })),
  );
  const reads = await Promise.all(
    manifest.chains.map(async (chain) => {
      const client = clients[chain.eid];
      if (client === undefined) throw new ActionError(`no client for chain ${chain.name} (eid ${chain.eid})`);
      assertClientChain(client, chain);
      return readChain(client, chain, account, assets).catch((error: unknown) => {
        if (error instanceof SdkError) throw error;
        throw new ActionError(`could not read chain ${chain.name} (eid ${chain.eid})`, { cause: error });
      });
    }),
  );

  const prices: Record<string, PriceQuote> = {};
  for (const { ledger } of reads) Object.assign(prices, ledger.prices);
  const valuation = valueAccount(
    {
      address: account,
      ledgers: reads.map(({ ledger }) => ledger.view),
      inFlightLocks: [],
      inFlightReleases: [],
      claimable: [],
    },
    { ledgers: reads.map(({ ledger }) => ledger.config) },
    prices,
  );

  return {
    account,
    ledgers: reads.map(({ chain, ledger }, i) => toLedgerAccount(chain, ledger, valuation.ledgers[i])),
    vaults: reads.map(({ vault }) => vault),
  };
}

/** The latest block of `chain` and the account's ledger and vault there, all read at that block. */
async function readChain(
  client: BallastReadClient,
  chain: ManifestChain,
  account: Address,
  assets: readonly CollateralKey[],
): Promise<{ chain: ManifestChain; ledger: LedgerRead; vault: VaultAccount }> {
  const block = await getBlock(client, { blockTag: "latest" });
  const [ledger, claimable] = await Promise.all([
    readLedgerAccount(client, chain, account, assets, block),
    readContracts(
      client,
      tokensOf(chain).map(
        (asset) =>
          ({
            address: chain.contracts.collateralVault,
            abi: collateralVaultAbi,
            functionName: "claimable",
            args: [account, asset],
          }) as const,
      ),
      block.number,
    ),
  ]);
  const vault: VaultAccount = {
    eid: chain.eid,
    name: chain.name,
    blockNumber: block.number,
    claimable: tokensOf(chain)
      .map((asset, i) => ({ asset, amount: claimable[i] ?? 0n }))
      .filter(({ amount }) => amount > 0n),
  };
  return { chain, ledger, vault };
}

function toLedgerAccount(
  chain: ManifestChain,
  read: LedgerRead,
  valued: ReturnType<typeof valueAccount>["ledgers"][number] | undefined,
): LedgerAccount {
  // valueAccount values every ledger of the view, in order.
  if (valued === undefined) throw new ActionError(`no valuation for ledger ${chain.eid}`);
  // MarginLedger.freeCollateral needs the strict health, which reverts (nothing is free) when a
  // market with a position has no usable mark price; @ballast/margin does not know that flag.
  const marketPriceUnusable = valued.positions.some(
    (p) => read.priceOk.get(p.market.toLowerCase()) === false,
  );
  return {
    eid: chain.eid,
    name: chain.name,
    blockNumber: read.blockNumber,
    quoteDecimals: read.quoteDecimals,
    cash: read.view.cash,
    collateral: valued.collateral.map((c) => ({
      srcEid: c.srcEid,
      asset: c.asset,
      valued: c.valued,
      parked: c.parked,
      listed: c.listed,
      price: c.price,
      rate: c.rate,
      value: c.value,
      initialCollateral: c.initialCollateral,
      maintenanceCollateral: c.maintenanceCollateral,
      free: marketPriceUnusable ? 0n : c.free,
    })),
    positions: valued.positions.map((p) => ({
      market: p.market,
      size: p.size,
      openNotional: p.openNotional,
      price: p.price,
      priceOk: read.priceOk.get(p.market.toLowerCase()) ?? false,
      unrealizedPnl: p.unrealizedPnl,
      notional: p.notional,
      initialMargin: p.initialMargin,
      maintenanceMargin: p.maintenanceMargin,
    })),
    lpShares: read.view.lpShares.map(({ market, shares }) => ({ market, shares })),
    health: valued.health,
    equity: valued.equity,
    initialHealth: valued.initialHealth,
    maintenanceHealth: valued.maintenanceHealth,
    liquidatable: valued.liquidatable,
  };
}
