import { marginLedgerAbi, perpMarketAbi } from "@ballast/contracts";
import { Injectable, ServiceUnavailableException } from "@nestjs/common";
import { getAddress } from "viem";
import { ChainRegistry, type RelayerChain } from "../chains/ChainRegistry.js";
import type { LedgerMarketsReport, MarketReport, MarketsReport } from "./MarketsReport.js";
import { Multicall3Resolver } from "./Multicall3Resolver.js";
import { readContractsBatched } from "./readContractsBatched.js";

/**
 * GET /markets: per ledger chain its markets with open interest, pool value and mark price, read on
 * chain at the chain's latest block (batched: Multicall3 when the chain has it, else parallel
 * `eth_call`s). Every market of a ledger is read as a `PerpMarket`.
 */
@Injectable()
export class MarketService {
  constructor(
    private readonly chains: ChainRegistry,
    private readonly multicall3: Multicall3Resolver,
  ) {}

  /** Every ledger's markets; 503 naming the chain when one cannot be read. */
  async report(): Promise<MarketsReport> {
    const ledgers = await Promise.all(
      this.chains.all().map((chain) =>
        this.#ledger(chain).catch((error: unknown) => {
          const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
          throw new ServiceUnavailableException(`could not read chain ${chain.manifest.name}: ${reason}`, {
            cause: error,
          });
        }),
      ),
    );
    return { ledgers };
  }

  async #ledger(chain: RelayerChain): Promise<LedgerMarketsReport> {
    const client = chain.publicClient;
    const [blockNumber, multicall3] = await Promise.all([
      client.getBlockNumber({ cacheTime: 0 }),
      this.multicall3.resolve(chain),
    ]);
    const ledger = { address: chain.manifest.contracts.marginLedger, abi: marginLedgerAbi } as const;
    const [markets, quoteDecimals] = await readContractsBatched({
      client,
      blockNumber,
      multicall3,
      contracts: [
        { ...ledger, functionName: "markets" },
        { ...ledger, functionName: "quoteDecimals" },
      ],
    });
    const out = await Promise.all(
      markets.map(async (address): Promise<MarketReport> => {
        const market = { address, abi: perpMarketAbi } as const;
        const [[markPrice, markPriceOk], priceDecimals, long, short, netSize, poolValue, lpShares, config] =
          await readContractsBatched({
            client,
            blockNumber,
            multicall3,
            contracts: [
              { ...market, functionName: "markPrice" },
              { ...market, functionName: "priceDecimals" },
              { ...market, functionName: "longOpenInterest" },
              { ...market, functionName: "shortOpenInterest" },
              { ...market, functionName: "netSize" },
              { ...market, functionName: "poolValue" },
              { ...market, functionName: "totalLpShares" },
              { ...market, functionName: "config" },
            ],
          });
        return {
          address: getAddress(address),
          markPrice: markPrice.toString(),
          markPriceOk,
          priceDecimals,
          longOpenInterest: long.toString(),
          shortOpenInterest: short.toString(),
          netSize: netSize.toString(),
          poolValue: poolValue.toString(),
          totalLpShares: lpShares.toString(),
          initialMarginRate: config.initialMarginRate.toString(),
          maintenanceMarginRate: config.maintenanceMarginRate.toString(),
          maxOpenInterest: config.maxOpenInterest.toString(),
        };
      }),
    );
    return {
      eid: chain.manifest.eid,
      name: chain.manifest.name,
      blockNumber: blockNumber.toString(),
      quoteDecimals,
      markets: out,
    };
  }
}
