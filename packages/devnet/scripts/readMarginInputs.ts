import { iAggregatorV3Abi, marginLedgerAbi, perpMarketAbi, riskEngineAbi } from "@ballast/contracts";
import type {
  AccountView,
  CollateralBalanceView,
  CollateralRiskConfig,
  MarginConfig,
  MarketRiskConfig,
  PositionView,
  PriceQuote,
} from "@ballast/margin";
import type { Address, Chain, PublicClient, Transport } from "viem";

/** Parameters of {@link readMarginInputs}. */
export interface ReadMarginInputsParameters {
  publicClient: PublicClient<Transport, Chain>;
  marginLedger: Address;
  accounts: readonly Address[];
}

/** The return type of {@link readMarginInputs}: what `@ballast/margin`'s `accountHealth` takes. */
export interface ReadMarginInputsReturnType {
  ledgerEid: number;
  config: MarginConfig;
  /** Keyed `collateral:<srcEid>:<asset>` (present only when the price is usable) and `market:<address>`. */
  prices: Record<string, PriceQuote>;
  /** One per account, in the order of `accounts`. */
  views: AccountView[];
}

/** Thrown when the chain holds something the inputs cannot express (a market without a positive answer). */
export class MarginInputsError extends Error {
  override name = "MarginInputsError";
}

/**
 * Reads from the ledger's chain, at its latest block, everything the ledger's `health` view
 * values an account with, as `@ballast/margin` inputs: the ledger's quote decimals and markets,
 * each market's margin rates, price decimals and mark price (the usable answer, else the last
 * one, as `PerpMarket._lastPrice`); each collateral the accounts hold (`accountCollaterals`) with
 * its RiskEngine config and effective rate, and its price when usable (fresh and within bounds, as
 * `OracleLib.tryReadPrice`: an unusable one is left out, so margin counts the collateral as zero
 * like the view); and each account's cash, valued and parked balances and positions.
 */
export async function readMarginInputs(
  parameters: ReadMarginInputsParameters,
): Promise<ReadMarginInputsReturnType> {
  const { publicClient, marginLedger, accounts } = parameters;
  const read = publicClient.readContract;
  const ledger = { address: marginLedger, abi: marginLedgerAbi } as const;
  const blockNumber = await publicClient.getBlockNumber();
  const { timestamp: now } = await publicClient.getBlock({ blockNumber });
  const at = { blockNumber } as const;

  const ledgerEid = await read({ ...ledger, functionName: "localEid", ...at });
  const quoteDecimals = await read({ ...ledger, functionName: "quoteDecimals", ...at });
  const riskEngine = {
    address: await read({ ...ledger, functionName: "riskEngine", ...at }),
    abi: riskEngineAbi,
  };
  const marketAddresses = await read({ ...ledger, functionName: "markets", ...at });
  const prices: Record<string, PriceQuote> = {};

  const markets: MarketRiskConfig[] = [];
  for (const address of marketAddresses) {
    const market = { address, abi: perpMarketAbi } as const;
    const config = await read({ ...market, functionName: "config", ...at });
    const decimals = await read({ ...market, functionName: "priceDecimals", ...at });
    const [, answer] = await read({
      address: config.feed,
      abi: iAggregatorV3Abi,
      functionName: "latestRoundData",
      ...at,
    });
    // A stale or out-of-bounds answer still marks the position (priceOk false, which `health` ignores).
    if (answer <= 0n) throw new MarginInputsError(`market ${address} has no positive answer`);
    const priceId = `market:${address.toLowerCase()}`;
    prices[priceId] = { answer, decimals };
    markets.push({
      market: address,
      priceId,
      initialMarginRate: config.initialMarginRate,
      maintenanceMarginRate: config.maintenanceMarginRate,
    });
  }

  const keysOf = new Map<Address, readonly { srcEid: number; asset: Address }[]>();
  const collaterals = new Map<string, CollateralRiskConfig>();
  for (const account of accounts) {
    const keys = await read({ ...ledger, functionName: "accountCollaterals", args: [account], ...at });
    keysOf.set(account, keys);
    for (const { srcEid, asset } of keys) {
      const priceId = `collateral:${srcEid}:${asset.toLowerCase()}`;
      if (collaterals.has(priceId)) continue;
      const config = await read({
        ...riskEngine,
        functionName: "collateralConfig",
        args: [srcEid, asset],
        ...at,
      });
      const rate = await read({ ...riskEngine, functionName: "effectiveRate", args: [srcEid, asset], ...at });
      const [, answer, , updatedAt] = await read({
        address: config.feed,
        abi: iAggregatorV3Abi,
        functionName: "latestRoundData",
        ...at,
      });
      const fresh = updatedAt <= now && now - updatedAt <= BigInt(config.maxStaleness);
      if (fresh && answer > 0n && answer >= config.minAnswer && answer <= config.maxAnswer) {
        prices[priceId] = { answer, decimals: config.priceDecimals };
      }
      collaterals.set(priceId, {
        srcEid,
        asset,
        priceId,
        tokenDecimals: config.tokenDecimals,
        isShare: config.isShare,
        ...(config.isShare ? { rate } : {}),
        collateralFactor: config.collateralFactor,
        liquidationFactor: config.liquidationFactor,
        liquidationBonus: config.liquidationBonus,
      });
    }
  }

  const views: AccountView[] = [];
  for (const account of accounts) {
    const cash = await read({ ...ledger, functionName: "cash", args: [account], ...at });
    const collateral: CollateralBalanceView[] = [];
    for (const { srcEid, asset } of keysOf.get(account) ?? []) {
      const [valued, parked] = await read({
        ...ledger,
        functionName: "balanceOf",
        args: [account, srcEid, asset],
        ...at,
      });
      collateral.push({ srcEid, asset: lower(asset), valued, parked });
    }
    const positions: PositionView[] = [];
    for (const market of marketAddresses) {
      const { size, openNotional } = await read({
        address: market,
        abi: perpMarketAbi,
        functionName: "position",
        args: [account],
        ...at,
      });
      if (size !== 0n) positions.push({ market: lower(market), size, openNotional });
    }
    views.push({
      address: lower(account),
      ledgers: [{ ledgerEid, cash, collateral, positions, lpShares: [] }],
      inFlightLocks: [],
      inFlightReleases: [],
      claimable: [],
    });
  }
  return {
    ledgerEid,
    config: { ledgers: [{ ledgerEid, quoteDecimals, collaterals: [...collaterals.values()], markets }] },
    prices,
    views,
  };
}

/** Margin's views hold addresses lowercase. */
function lower(address: Address): Address {
  // toLowerCase keeps the 0x-prefixed hex shape of an Address.
  return address.toLowerCase() as Address;
}
