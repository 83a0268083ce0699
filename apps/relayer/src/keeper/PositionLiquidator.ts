import { perpMarketAbi } from "@ballast/contracts";
import type { AccountPosition, LedgerAccount } from "@ballast/sdk";
import { Inject, Injectable, Logger } from "@nestjs/common";
import { type Address, encodeFunctionData, formatUnits, parseEventLogs } from "viem";
import { RELAYER_CONFIG } from "../config/configTokens.js";
import type { RelayerConfig } from "../config/relayerConfigSchema.js";
import { assessProfit } from "./assessProfit.js";
import { describeRevert } from "./describeRevert.js";
import { KeeperMetrics } from "./KeeperMetrics.js";
import type { LiquidationOutcome, LiquidationSkipReason } from "./KeeperRunReport.js";
import { KeeperTransactions } from "./KeeperTransactions.js";
import type { LedgerContext } from "./LedgerContext.js";
import { positionReward } from "./positionReward.js";
import { SkipLog } from "./SkipLog.js";
import { withGasHeadroom } from "./withGasHeadroom.js";

/**
 * Liquidates the perp positions of an account below maintenance margin
 * (`PerpMarket.liquidatePosition(account)`): the keeper's reward is its share of the penalty on the
 * position's notional, paid into its cash on the ledger. Sent only when the ledger allows
 * liquidations, the mark price is usable, the reward in wei beats the gas estimate × gas price with
 * the safety margin by `keeper.minProfitWei`, and `isLiquidatable` still holds right before sending.
 */
@Injectable()
export class PositionLiquidator {
  readonly #logger = new Logger("Keeper");
  readonly #skips = new SkipLog(this.#logger);

  constructor(
    @Inject(RELAYER_CONFIG) private readonly config: RelayerConfig,
    private readonly transactions: KeeperTransactions,
    private readonly metrics: KeeperMetrics,
  ) {}

  /** One outcome per open position of the account on this ledger. */
  async liquidate(
    context: LedgerContext,
    account: LedgerAccount,
    address: Address,
  ): Promise<LiquidationOutcome[]> {
    const outcomes: LiquidationOutcome[] = [];
    for (const position of account.positions) {
      if (position.size === 0n) continue;
      outcomes.push(await this.#liquidateOne(context, account, address, position));
    }
    return outcomes;
  }

  async #liquidateOne(
    context: LedgerContext,
    account: LedgerAccount,
    address: Address,
    position: AccountPosition,
  ): Promise<LiquidationOutcome> {
    const base = {
      kind: "position",
      ledgerEid: context.eid,
      account: address,
      market: position.market,
    } as const;
    const where = `position of ${address} on ${context.name} (market ${position.market})`;
    const key = `position:${context.eid}:${position.market.toLowerCase()}:${address.toLowerCase()}`;
    const skip = (reason: LiquidationSkipReason, detail: string, extra: Partial<LiquidationOutcome> = {}) => {
      this.metrics.skipped.inc({ kind: "position", reason });
      this.#skips.skipped(key, reason, `skipped the ${where}: ${detail}`);
      return { ...base, ...extra, status: "skipped", reason } satisfies LiquidationOutcome;
    };

    if (await this.transactions.isPending(key))
      return skip("pending", "an earlier transaction is not mined yet");
    if (!(await context.liquidationsAllowed()))
      return skip("paused", "the ledger is paused or in its grace period");
    if (!position.priceOk) return skip("price_unusable", "the mark price is stale or out of bounds");

    const { reward } = positionReward({
      notional: position.notional,
      ...(await context.marketConfig(position.market)),
    });
    const call = {
      chain: context.chain,
      wallet: context.wallet,
      to: position.market,
      data: encodeFunctionData({ abi: perpMarketAbi, functionName: "liquidatePosition", args: [address] }),
    };
    let gas: bigint;
    try {
      gas = await this.transactions.estimate(call);
    } catch (error) {
      const { summary } = describeRevert(error);
      return skip("refused", `the gas estimate reverted with ${summary}`, { error: summary });
    }
    const [ethUsd, gasPrice] = await Promise.all([context.ethUsd(), context.gasPrice()]);
    const profit = assessProfit({
      rewardQuote: reward,
      quoteDecimals: account.quoteDecimals,
      ethUsd,
      gas,
      gasPrice,
      gasSafetyMarginBps: this.config.keeper.gasSafetyMarginBps,
      minProfitWei: this.config.keeper.minProfitWei,
    });
    const figures = { rewardQuote: reward, rewardWei: profit.rewardWei, costWei: profit.costWei };
    if (!profit.profitable) {
      return skip(
        "unprofitable",
        `reward ${formatUnits(reward, account.quoteDecimals)} (${profit.rewardWei} wei) against gas ${profit.costWei} wei and a minimum profit of ${this.config.keeper.minProfitWei} wei`,
        figures,
      );
    }

    // Never double-send: the account must still be liquidatable right now.
    try {
      const state = await context.accountState(address);
      if (!state.liquidatable) return skip("not_liquidatable", "healthy again at the re-check", figures);
    } catch (error) {
      const { summary } = describeRevert(error);
      return skip("refused", `isLiquidatable reverted with ${summary}`, { ...figures, error: summary });
    }

    this.metrics.sent.inc({ kind: "position" });
    const sent = await this.transactions.send(key, { ...call, gas: withGasHeadroom(gas) });
    if (sent.status === "success") {
      const [event] = parseEventLogs({
        abi: perpMarketAbi,
        eventName: "PositionLiquidated",
        logs: sent.receipt.logs,
      });
      this.metrics.succeeded.inc({ kind: "position" });
      this.#skips.clear(key);
      this.#logger.log(
        `liquidated the ${where}: size ${position.size}, reward ${formatUnits(event?.args.keeperReward ?? reward, account.quoteDecimals)} (tx ${sent.transactionHash})`,
      );
      return {
        ...base,
        ...figures,
        status: "succeeded",
        transactionHash: sent.transactionHash,
        keeperReward: event?.args.keeperReward,
      };
    }
    if (sent.status === "timeout") {
      this.#logger.warn(`the ${where}: transaction ${sent.transactionHash} has no receipt yet`);
      return {
        ...base,
        ...figures,
        status: "skipped",
        reason: "pending",
        transactionHash: sent.transactionHash,
      };
    }
    this.metrics.failed.inc({ kind: "position", reason: sent.reason });
    this.#logger.warn(`could not liquidate the ${where}: ${sent.error}; retried next run`);
    return {
      ...base,
      ...figures,
      status: "failed",
      error: sent.error,
      transactionHash: sent.status === "reverted" ? sent.transactionHash : undefined,
    };
  }
}
