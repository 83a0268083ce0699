import { iAggregatorV3Abi, marginLedgerAbi, perpMarketAbi, riskEngineAbi } from "@ballast/contracts";
import { type Account, type Address, type Chain, erc20Abi, type Transport, type WalletClient } from "viem";
import { getBlock, getGasPrice, readContract } from "viem/actions";
import type { RelayerChain } from "../chains/ChainRegistry.js";
import type { FeedAnswer } from "./assessProfit.js";

/** A market's liquidation parameters (`PerpMarket.config`). */
export interface MarketLiquidationConfig {
  liquidationPenaltyRate: bigint;
  keeperRewardShare: bigint;
}

/** A collateral's liquidation parameters (`RiskEngine.collateralConfig`). */
export interface CollateralLiquidationConfig {
  liquidationBonus: bigint;
  tokenDecimals: number;
  priceDecimals: number;
}

/**
 * What a keeper run needs to know about one ledger chain, each read at most once per run (the
 * account checks right before a send are not cached): the latest block, whether liquidations are
 * allowed, gas price, the ETH/USD answer, market and collateral parameters, the keeper's quote
 * balance (lowered as the run spends it) and allowance.
 */
export class LedgerContext {
  readonly chain: RelayerChain;
  readonly wallet: WalletClient<Transport, Chain, Account>;
  readonly #memo = new Map<string, Promise<unknown>>();
  #spent = 0n;

  constructor(chain: RelayerChain, wallet: WalletClient<Transport, Chain, Account>) {
    this.chain = chain;
    this.wallet = wallet;
  }

  get eid(): number {
    return this.chain.manifest.eid;
  }

  get name(): string {
    return this.chain.manifest.name;
  }

  get keeper(): Address {
    return this.wallet.account.address;
  }

  get ledger(): Address {
    return this.chain.manifest.contracts.marginLedger;
  }

  /** The latest block's number and time. */
  block(): Promise<{ number: bigint; timestamp: bigint }> {
    return this.#once("block", async () => {
      const { number, timestamp } = await getBlock(this.chain.publicClient, { blockTag: "latest" });
      return { number, timestamp };
    });
  }

  /** The ledger is not paused and past `liquidationsAllowedAt` (else both liquidations revert). */
  liquidationsAllowed(): Promise<boolean> {
    return this.#once("allowed", async () => {
      const client = this.chain.publicClient;
      const ledger = { address: this.ledger, abi: marginLedgerAbi } as const;
      const [paused, allowedAt, block] = await Promise.all([
        readContract(client, { ...ledger, functionName: "paused" }),
        readContract(client, { ...ledger, functionName: "liquidationsAllowedAt" }),
        this.block(),
      ]);
      return !paused && block.timestamp >= allowedAt;
    });
  }

  /** Wei per gas (`eth_gasPrice`). */
  gasPrice(): Promise<bigint> {
    return this.#once("gasPrice", () => getGasPrice(this.chain.publicClient));
  }

  /** The chain's ETH/USD answer (manifest `feeds.ethUsd`), to price rewards in wei. */
  ethUsd(): Promise<FeedAnswer> {
    return this.#once("ethUsd", async () => {
      const feed = { address: this.chain.manifest.feeds.ethUsd, abi: iAggregatorV3Abi } as const;
      const [round, decimals] = await Promise.all([
        readContract(this.chain.publicClient, { ...feed, functionName: "latestRoundData" }),
        readContract(this.chain.publicClient, { ...feed, functionName: "decimals" }),
      ]);
      return { answer: round[1], decimals };
    });
  }

  /** The market's penalty rate and keeper share. */
  marketConfig(market: Address): Promise<MarketLiquidationConfig> {
    return this.#once(`market:${market.toLowerCase()}`, async () => {
      const config = await readContract(this.chain.publicClient, {
        address: market,
        abi: perpMarketAbi,
        functionName: "config",
      });
      return {
        liquidationPenaltyRate: config.liquidationPenaltyRate,
        keeperRewardShare: config.keeperRewardShare,
      };
    });
  }

  /** The collateral's bonus and decimals on this ledger's RiskEngine. */
  collateralConfig(srcEid: number, asset: Address): Promise<CollateralLiquidationConfig> {
    return this.#once(`collateral:${srcEid}:${asset.toLowerCase()}`, async () => {
      const config = await readContract(this.chain.publicClient, {
        address: this.chain.manifest.contracts.riskEngine,
        abi: riskEngineAbi,
        functionName: "collateralConfig",
        args: [srcEid, asset],
      });
      return {
        liquidationBonus: config.liquidationBonus,
        tokenDecimals: config.tokenDecimals,
        priceDecimals: config.priceDecimals,
      };
    });
  }

  /** The ledger's quote token: what a collateral liquidation repays in. */
  quote(): Promise<Address> {
    return this.#once("quote", () =>
      readContract(this.chain.publicClient, {
        address: this.ledger,
        abi: marginLedgerAbi,
        functionName: "quote",
      }),
    );
  }

  /** The keeper's quote tokens on this chain, less what this run already repaid. */
  async quoteBalance(): Promise<bigint> {
    const balance = await this.#once("quoteBalance", async () =>
      readContract(this.chain.publicClient, {
        address: await this.quote(),
        abi: erc20Abi,
        functionName: "balanceOf",
        args: [this.keeper],
      }),
    );
    return balance > this.#spent ? balance - this.#spent : 0n;
  }

  /** Records quote tokens this run paid (a collateral liquidation's repayment). */
  spend(amount: bigint): void {
    this.#spent += amount;
  }

  /** The keeper's allowance of quote tokens to the ledger, read now. */
  async allowance(): Promise<bigint> {
    return readContract(this.chain.publicClient, {
      address: await this.quote(),
      abi: erc20Abi,
      functionName: "allowance",
      args: [this.keeper, this.ledger],
    });
  }

  /** `MarginLedger.isLiquidatable` and `cash` of the account, read now (the check right before a send). */
  async accountState(account: Address): Promise<{ liquidatable: boolean; cash: bigint }> {
    const ledger = { address: this.ledger, abi: marginLedgerAbi } as const;
    const [liquidatable, cash] = await Promise.all([
      readContract(this.chain.publicClient, { ...ledger, functionName: "isLiquidatable", args: [account] }),
      readContract(this.chain.publicClient, { ...ledger, functionName: "cash", args: [account] }),
    ]);
    return { liquidatable, cash };
  }

  #once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let value = this.#memo.get(key);
    if (value === undefined) {
      value = read();
      // A failed read is not cached: the next caller tries again.
      value.catch(() => this.#memo.delete(key));
      this.#memo.set(key, value);
    }
    // Each key is always stored by the same method with the same T.
    return value as Promise<T>;
  }
}
