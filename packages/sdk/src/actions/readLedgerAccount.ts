// Internal: what getAccount reads from one ledger chain, shaped for @ballast/margin.
import { iAggregatorV3Abi, marginLedgerAbi, perpMarketAbi, riskEngineAbi } from "@ballast/contracts";
import {
  type CollateralRiskConfig,
  type LedgerAccountView,
  type LedgerRiskConfig,
  type MarketRiskConfig,
  mulDivDown,
  type PriceQuote,
  SIZE_DECIMALS,
} from "@ballast/margin";
import { type Address, getAddress, zeroAddress } from "viem";
import type { ManifestChain } from "../config/manifestSchema.js";
import { readContracts } from "./readContracts.js";
import type { BallastReadClient } from "./types.js";
import { usableAnswer } from "./usableAnswer.js";

/** A (source eid, asset) collateral key. */
export interface CollateralKey {
  srcEid: number;
  asset: Address;
}

/** One ledger chain's reads. */
export interface LedgerRead {
  blockNumber: bigint;
  quoteDecimals: number;
  view: LedgerAccountView;
  config: LedgerRiskConfig;
  /** Usable prices by price id (ids are unique per ledger). */
  prices: Record<string, PriceQuote>;
  /** Per market (lowercase): whether its mark price was usable. */
  priceOk: Map<string, boolean>;
}

const keyOf = (srcEid: number, asset: string) => `${srcEid}:${asset.toLowerCase()}`;

/**
 * Reads an account on the ledger of `chain` at `block`: cash, balances of `assets` and of the
 * account's collateral slots, the RiskEngine's config and rate of each collateral it holds, the
 * usable price of each valued one (checked like OracleLib at the block's timestamp), and per
 * market of the ledger the position, LP shares, margin rates and the price `accountMargin` uses.
 */
export async function readLedgerAccount(
  client: BallastReadClient,
  chain: ManifestChain,
  account: Address,
  assets: readonly CollateralKey[],
  block: { number: bigint; timestamp: bigint },
): Promise<LedgerRead> {
  const at = block.number;
  const ledger = { address: chain.contracts.marginLedger, abi: marginLedgerAbi } as const;
  const risk = { address: chain.contracts.riskEngine, abi: riskEngineAbi } as const;

  const balanceCall = ({ srcEid, asset }: CollateralKey) =>
    ({ ...ledger, functionName: "balanceOf", args: [account, srcEid, asset] }) as const;
  const [[cash, quoteDecimals, markets, slots], balances] = await Promise.all([
    readContracts(
      client,
      [
        { ...ledger, functionName: "cash", args: [account] },
        { ...ledger, functionName: "quoteDecimals" },
        { ...ledger, functionName: "markets" },
        { ...ledger, functionName: "accountCollaterals", args: [account] },
      ],
      at,
    ),
    readContracts(client, assets.map(balanceCall), at),
  ]);

  // Valued collateral outside the manifest's tokens still counts: read the slots' balances too.
  const known = new Set(assets.map(({ srcEid, asset }) => keyOf(srcEid, asset)));
  const extra = slots.filter(({ srcEid, asset }) => !known.has(keyOf(srcEid, asset)));
  const marketCalls = <const name extends "position" | "lpShares">(functionName: name) =>
    markets.map((address) => ({ address, abi: perpMarketAbi, functionName, args: [account] }) as const);
  const marketViews = <const name extends "config" | "priceDecimals" | "markPrice">(functionName: name) =>
    markets.map((address) => ({ address, abi: perpMarketAbi, functionName }) as const);
  const [extraBalances, positions, lpShares, marketConfigs, priceDecimals, markPrices] = await Promise.all([
    readContracts(client, extra.map(balanceCall), at),
    readContracts(client, marketCalls("position"), at),
    readContracts(client, marketCalls("lpShares"), at),
    readContracts(client, marketViews("config"), at),
    readContracts(client, marketViews("priceDecimals"), at),
    readContracts(client, marketViews("markPrice"), at),
  ]);

  const held: { key: CollateralKey; valued: bigint; parked: bigint }[] = [];
  for (const [i, key] of [...assets, ...extra].entries()) {
    const [valued, parked] = (i < assets.length ? balances[i] : extraBalances[i - assets.length]) ?? [0n, 0n];
    if (valued > 0n || parked > 0n)
      held.push({ key: { srcEid: key.srcEid, asset: getAddress(key.asset) }, valued, parked });
  }
  const [configs, rates] = await Promise.all([
    readContracts(
      client,
      held.map(
        ({ key }) => ({ ...risk, functionName: "collateralConfig", args: [key.srcEid, key.asset] }) as const,
      ),
      at,
    ),
    readContracts(
      client,
      held.map(
        ({ key }) => ({ ...risk, functionName: "effectiveRate", args: [key.srcEid, key.asset] }) as const,
      ),
      at,
    ),
  ]);
  const feeds = [
    ...new Set(
      held.flatMap((h, i) => {
        const feed = configs[i]?.feed;
        return feed !== undefined && feed !== zeroAddress && h.valued > 0n ? [feed] : [];
      }),
    ),
  ];
  const rounds = await readContracts(
    client,
    feeds.map((address) => ({ address, abi: iAggregatorV3Abi, functionName: "latestRoundData" }) as const),
    at,
  );
  const roundOf = new Map(feeds.map((feed, i) => [feed, rounds[i]]));

  const prices: Record<string, PriceQuote> = {};
  const collaterals: CollateralRiskConfig[] = [];
  for (const [i, { key, valued }] of held.entries()) {
    const config = configs[i];
    if (config === undefined || config.feed === zeroAddress) continue; // not listed: counts as zero
    const priceId = `${chain.eid}/collateral/${keyOf(key.srcEid, key.asset)}`;
    collaterals.push({
      srcEid: key.srcEid,
      asset: key.asset,
      priceId,
      tokenDecimals: config.tokenDecimals,
      isShare: config.isShare,
      rate: rates[i] ?? 0n,
      collateralFactor: config.collateralFactor,
      liquidationFactor: config.liquidationFactor,
      liquidationBonus: config.liquidationBonus,
    });
    const round = roundOf.get(config.feed);
    if (valued === 0n || round === undefined) continue;
    const [, answer, , updatedAt] = round;
    const price = usableAnswer(answer, updatedAt, block.timestamp, config);
    if (price !== undefined) prices[priceId] = { answer: price, decimals: config.priceDecimals };
  }

  const marketConfigsOut: MarketRiskConfig[] = [];
  const viewPositions: LedgerAccountView["positions"][number][] = [];
  const viewLpShares: LedgerAccountView["lpShares"][number][] = [];
  const priceOk = new Map<string, boolean>();
  for (const [i, market] of markets.entries()) {
    const position = positions[i];
    const config = marketConfigs[i];
    const decimals = priceDecimals[i];
    const mark = markPrices[i];
    if (position === undefined || config === undefined || decimals === undefined || mark === undefined)
      continue;
    const shares = lpShares[i] ?? 0n;
    if (shares > 0n) viewLpShares.push({ market, shares });
    const priceId = `${chain.eid}/market/${market.toLowerCase()}`;
    marketConfigsOut.push({
      market,
      priceId,
      initialMarginRate: config.initialMarginRate,
      maintenanceMarginRate: config.maintenanceMarginRate,
    });
    if (position.size === 0n) continue;
    viewPositions.push({ market, size: position.size, openNotional: position.openNotional });
    // PerpMarket._lastPrice: the usable price, else the last positive answer, else the entry price.
    const [markPrice, ok] = mark;
    const abs = (x: bigint) => (x < 0n ? -x : x);
    const price =
      markPrice > 0n
        ? markPrice
        : mulDivDown(
            abs(position.openNotional),
            10n ** BigInt(SIZE_DECIMALS + decimals - quoteDecimals),
            abs(position.size),
          );
    prices[priceId] = { answer: price, decimals };
    priceOk.set(market.toLowerCase(), ok);
  }

  return {
    blockNumber: at,
    quoteDecimals,
    view: {
      ledgerEid: chain.eid,
      cash,
      collateral: held.map(({ key, valued, parked }) => ({ ...key, valued, parked })),
      positions: viewPositions,
      lpShares: viewLpShares,
    },
    config: { ledgerEid: chain.eid, quoteDecimals, collaterals, markets: marketConfigsOut },
    prices,
    priceOk,
  };
}
