import { marginLedgerAbi } from "@ballast/contracts";
import type { LedgerAccount } from "@ballast/sdk";
import { Inject, Injectable, Logger } from "@nestjs/common";
import { type Address, encodeFunctionData, erc20Abi, formatUnits, parseEventLogs } from "viem";
import { RELAYER_CONFIG } from "../config/configTokens.js";
import type { RelayerConfig } from "../config/relayerConfigSchema.js";
import { type AssessProfitReturnType, assessProfit } from "./assessProfit.js";
import { type CollateralCandidate, chooseCollateral } from "./chooseCollateral.js";
import { describeRevert } from "./describeRevert.js";
import { KeeperMetrics } from "./KeeperMetrics.js";
import type { LiquidationOutcome, LiquidationSkipReason } from "./KeeperRunReport.js";
import { KeeperTransactions } from "./KeeperTransactions.js";
import type { LedgerContext } from "./LedgerContext.js";
import { SkipLog } from "./SkipLog.js";
import { withGasHeadroom } from "./withGasHeadroom.js";

/**
 * Liquidates the collateral of an account below maintenance margin with negative cash
 * (`MarginLedger.liquidate(account, srcEid, asset, repayAmount)`): the keeper repays debt with its
 * own quote tokens on that chain and receives the account's collateral credit, with the bonus, on
 * the ledger (`RiskEngine.liquidationAmounts`).
 *
 * It repays as much as it can: the whole debt, capped at its quote balance (skipped with a log when
 * it holds none), against the collateral whose bonus is worth the most (`chooseCollateral`). The
 * ledger pulls the repayment, so the keeper approves it first when its allowance is short (the exact
 * amount, never an unlimited approval; the approval's gas counts in the profit check). Sent only
 * when the bonus in wei beats the gas with the safety margin by `keeper.minProfitWei`, and when the
 * account is still liquidatable and in debt right before sending.
 */
@Injectable()
export class CollateralLiquidator {
  readonly #logger = new Logger("Keeper");
  readonly #skips = new SkipLog(this.#logger);

  constructor(
    @Inject(RELAYER_CONFIG) private readonly config: RelayerConfig,
    private readonly transactions: KeeperTransactions,
    private readonly metrics: KeeperMetrics,
  ) {}

  /** The outcome for the account, or undefined when it has no debt or is not below maintenance. */
  async liquidate(
    context: LedgerContext,
    account: LedgerAccount,
    address: Address,
  ): Promise<LiquidationOutcome | undefined> {
    if (!account.liquidatable || account.cash >= 0n) return undefined;
    const base = { kind: "collateral", ledgerEid: context.eid, account: address } as const;
    const where = `collateral of ${address} on ${context.name}`;
    const key = `collateral:${context.eid}:${address.toLowerCase()}`;
    const skip = (reason: LiquidationSkipReason, detail: string, extra: Partial<LiquidationOutcome> = {}) => {
      this.metrics.skipped.inc({ kind: "collateral", reason });
      this.#skips.skipped(key, reason, `skipped the ${where}: ${detail}`);
      return { ...base, ...extra, status: "skipped", reason } satisfies LiquidationOutcome;
    };
    const decimals = account.quoteDecimals;

    if (await this.transactions.isPending(key))
      return skip("pending", "an earlier transaction is not mined yet");
    if (!(await context.liquidationsAllowed()))
      return skip("paused", "the ledger is paused or in its grace period");
    const balance = await context.quoteBalance();
    const debt = -account.cash;
    if (balance === 0n) {
      return skip(
        "no_funds",
        `the keeper ${context.keeper} holds no quote tokens on ${context.name} to repay ${formatUnits(debt, decimals)} of debt`,
      );
    }
    let maxRepay = debt;
    if (balance < maxRepay) maxRepay = balance;

    const candidates: CollateralCandidate[] = [];
    for (const c of account.collateral) {
      if (c.valued === 0n || !c.listed || c.price === undefined || c.rate === undefined) continue;
      const config = await context.collateralConfig(c.srcEid, c.asset);
      candidates.push({
        srcEid: c.srcEid,
        asset: c.asset,
        valued: c.valued,
        rate: c.rate,
        price: c.price,
        bonus: config.liquidationBonus,
        tokenDecimals: config.tokenDecimals,
        priceDecimals: config.priceDecimals,
      });
    }
    const choice = chooseCollateral({ candidates, maxRepay, quoteDecimals: decimals });
    if (choice === undefined)
      return skip("no_collateral", "no valued collateral with a usable price to seize");
    const chosen = { ...base, srcEid: choice.srcEid, asset: choice.asset, rewardQuote: choice.bonusValue };

    const [ethUsd, gasPrice] = await Promise.all([context.ethUsd(), context.gasPrice()]);
    const assess = (gas: bigint): AssessProfitReturnType =>
      assessProfit({
        rewardQuote: choice.bonusValue,
        quoteDecimals: decimals,
        ethUsd,
        gas,
        gasPrice,
        gasSafetyMarginBps: this.config.keeper.gasSafetyMarginBps,
        minProfitWei: this.config.keeper.minProfitWei,
      });
    const unprofitable = (profit: AssessProfitReturnType) =>
      skip(
        "unprofitable",
        `bonus ${formatUnits(choice.bonusValue, decimals)} (${profit.rewardWei} wei) against gas ${profit.costWei} wei and a minimum profit of ${this.config.keeper.minProfitWei} wei`,
        { ...chosen, rewardWei: profit.rewardWei, costWei: profit.costWei },
      );
    // Before any transaction: the bonus must at least beat the minimum profit.
    const upfront = assess(0n);
    if (!upfront.profitable) return unprofitable(upfront);

    let approveGas = 0n;
    if ((await context.allowance()) < maxRepay) {
      const approve = {
        chain: context.chain,
        wallet: context.wallet,
        to: await context.quote(),
        data: encodeFunctionData({
          abi: erc20Abi,
          functionName: "approve",
          args: [context.ledger, maxRepay],
        }),
      };
      try {
        approveGas = await this.transactions.estimate(approve);
      } catch (error) {
        const { summary } = describeRevert(error);
        return skip("refused", `approving the ledger reverted with ${summary}`, {
          ...chosen,
          error: summary,
        });
      }
      const withApproval = assess(approveGas);
      if (!withApproval.profitable) return unprofitable(withApproval);
      const approved = await this.transactions.send(`approve:${context.eid}`, {
        ...approve,
        gas: withGasHeadroom(approveGas),
      });
      if (approved.status !== "success") {
        const error = approved.status === "timeout" ? "approval not mined in time" : approved.error;
        this.metrics.failed.inc({ kind: "collateral", reason: "approve" });
        this.#logger.warn(`could not approve ${context.ledger} for the ${where}: ${error}; retried next run`);
        return { ...chosen, status: "failed", error: `approve: ${error}` };
      }
    }

    const call = {
      chain: context.chain,
      wallet: context.wallet,
      to: context.ledger,
      data: encodeFunctionData({
        abi: marginLedgerAbi,
        functionName: "liquidate",
        args: [address, choice.srcEid, choice.asset, maxRepay],
      }),
    };
    let gas: bigint;
    try {
      gas = await this.transactions.estimate(call);
    } catch (error) {
      const { summary } = describeRevert(error);
      return skip("refused", `the gas estimate reverted with ${summary}`, { ...chosen, error: summary });
    }
    const profit = assess(approveGas + gas);
    if (!profit.profitable) return unprofitable(profit);
    const figures = { ...chosen, rewardWei: profit.rewardWei, costWei: profit.costWei };

    // Never double-send: still liquidatable and in debt right now.
    try {
      const state = await context.accountState(address);
      if (!state.liquidatable || state.cash >= 0n) {
        return skip("not_liquidatable", "healthy or out of debt at the re-check", figures);
      }
    } catch (error) {
      const { summary } = describeRevert(error);
      return skip("refused", `isLiquidatable reverted with ${summary}`, { ...figures, error: summary });
    }

    this.metrics.sent.inc({ kind: "collateral" });
    const sent = await this.transactions.send(key, { ...call, gas: withGasHeadroom(gas) });
    if (sent.status === "success") {
      const [event] = parseEventLogs({
        abi: marginLedgerAbi,
        eventName: "Liquidated",
        logs: sent.receipt.logs,
      });
      const repaid = event?.args.repaid ?? choice.repaid;
      context.spend(repaid);
      this.metrics.succeeded.inc({ kind: "collateral" });
      this.#skips.clear(key);
      this.#logger.log(
        `liquidated the ${where}: repaid ${formatUnits(repaid, decimals)}, seized ${event?.args.seized ?? choice.seized} of ${choice.asset} from eid ${choice.srcEid} (tx ${sent.transactionHash})`,
      );
      return {
        ...figures,
        status: "succeeded",
        transactionHash: sent.transactionHash,
        repaid,
        seized: event?.args.seized,
      };
    }
    if (sent.status === "timeout") {
      context.spend(maxRepay); // it may still be mined: do not count on those funds this run
      return { ...figures, status: "skipped", reason: "pending", transactionHash: sent.transactionHash };
    }
    this.metrics.failed.inc({ kind: "collateral", reason: sent.reason });
    this.#logger.warn(`could not liquidate the ${where}: ${sent.error}; retried next run`);
    return {
      ...figures,
      status: "failed",
      error: sent.error,
      transactionHash: sent.status === "reverted" ? sent.transactionHash : undefined,
    };
  }
}
