import { collateralVaultAbi, riskEngineAbi } from "@ballast/contracts";
import { Inject, Injectable, Logger } from "@nestjs/common";
import { type Address, encodeFunctionData, type Hash, parseEventLogs, zeroAddress } from "viem";
import { getBlock, readContract } from "viem/actions";
import { ChainRegistry, type RelayerChain } from "../chains/ChainRegistry.js";
import { Clock } from "../clock/Clock.js";
import { RELAYER_CONFIG } from "../config/configTokens.js";
import type { RelayerConfig } from "../config/relayerConfigSchema.js";
import { decideRateSync } from "./decideRateSync.js";
import { describeRevert } from "./describeRevert.js";
import { KeeperMetrics } from "./KeeperMetrics.js";
import type { RateSyncOutcome } from "./KeeperRunReport.js";
import { KeeperTransactions } from "./KeeperTransactions.js";

/** A RATE sent and not yet seen on its ledger. */
interface PendingSync {
  sentAt: number;
  /** The ledger's `rateState` when it was sent: any change means a newer rate arrived. */
  nonce: bigint;
  updatedAt: bigint;
}

/**
 * Keeps every ledger's view of every ERC-4626 share current: for each vault chain's share (manifest
 * `tokens.share`) and each ledger chain that lists it, compares the share's rate on the vault chain
 * (`CollateralVault.currentRate`, which is `convertToAssets(1e18)` and what a RATE carries) with the
 * rate the ledger's RiskEngine values it at (`rateState(srcEid, share)`), and calls
 * `CollateralVault.syncRate(share, ledgerEid)` (fee from `quoteSyncRate`, paid by the keeper) when
 * `decideRateSync` says so: always when the rate fell, and when a rise moves the ledger's rate by
 * more than `keeper.rateSyncThresholdBps`.
 *
 * The vault chain's own ledger is included: its rate of the local share also only moves with locks
 * and syncs (applied in the same transaction, no fee). A RATE to another chain still has to be
 * delivered (the delivery module does it); until the ledger's rate state changes, or
 * `keeper.rateSyncRetryMs` passes, the pair is not synced again.
 */
@Injectable()
export class RateSyncer {
  readonly #logger = new Logger("Keeper");
  readonly #pending = new Map<string, PendingSync>();

  constructor(
    @Inject(RELAYER_CONFIG) private readonly config: RelayerConfig,
    private readonly chains: ChainRegistry,
    private readonly transactions: KeeperTransactions,
    private readonly metrics: KeeperMetrics,
    private readonly clock: Clock,
  ) {}

  /** One pass over every (share, ledger) pair whose vault chain has a keeper wallet. Errors are per pair. */
  async run(): Promise<{ outcomes: RateSyncOutcome[]; errors: string[] }> {
    const outcomes: RateSyncOutcome[] = [];
    const errors: string[] = [];
    const times = new Map<number, Promise<bigint>>();
    const timeOf = (chain: RelayerChain): Promise<bigint> => {
      let time = times.get(chain.manifest.eid);
      if (time === undefined) {
        time = getBlock(chain.publicClient, { blockTag: "latest" }).then((block) => block.timestamp);
        times.set(chain.manifest.eid, time);
      }
      return time;
    };
    for (const vault of this.chains.all()) {
      if (this.chains.wallet(vault.manifest.eid, "keeper") === undefined) continue;
      const share = vault.manifest.tokens.share;
      let vaultRate: bigint;
      try {
        vaultRate = await readContract(vault.publicClient, {
          address: vault.manifest.contracts.collateralVault,
          abi: collateralVaultAbi,
          functionName: "currentRate",
          args: [share],
        });
      } catch (error) {
        errors.push(`rate of ${share} on ${vault.manifest.name}: ${describeRevert(error).summary}`);
        continue;
      }
      if (vaultRate === 0n) continue; // not a share on this vault
      for (const ledger of this.chains.all()) {
        try {
          const outcome = await this.#syncPair(vault, ledger, share, vaultRate, await timeOf(ledger));
          if (outcome !== undefined) outcomes.push(outcome);
        } catch (error) {
          errors.push(
            `rate of ${share} from ${vault.manifest.name} on ${ledger.manifest.name}: ${describeRevert(error).summary}`,
          );
        }
      }
    }
    return { outcomes, errors };
  }

  async #syncPair(
    vault: RelayerChain,
    ledger: RelayerChain,
    share: Address,
    vaultRate: bigint,
    now: bigint,
  ): Promise<RateSyncOutcome | undefined> {
    const srcEid = vault.manifest.eid;
    const ledgerEid = ledger.manifest.eid;
    const engine = { address: ledger.manifest.contracts.riskEngine, abi: riskEngineAbi } as const;
    const [state, config] = await Promise.all([
      readContract(ledger.publicClient, { ...engine, functionName: "rateState", args: [srcEid, share] }),
      readContract(ledger.publicClient, {
        ...engine,
        functionName: "collateralConfig",
        args: [srcEid, share],
      }),
    ]);
    if (config.feed === zeroAddress || !config.isShare) return undefined; // the ledger does not list it as a share
    const base = { vaultEid: srcEid, ledgerEid, share, vaultRate, ledgerRate: state.rate };
    const key = `${srcEid}:${ledgerEid}:${share.toLowerCase()}`;

    const pending = this.#pending.get(key);
    if (pending !== undefined) {
      const arrived = state.nonce !== pending.nonce || state.updatedAt !== pending.updatedAt;
      const expired = this.clock.now() - pending.sentAt >= this.config.keeper.rateSyncRetryMs;
      if (!arrived && !expired) return { ...base, reason: "pending", status: "skipped" };
      this.#pending.delete(key);
    }

    const decision = decideRateSync({
      vaultRate,
      ledgerRate: state.rate,
      ledgerUpdatedAt: state.updatedAt,
      now,
      maxRateGrowthPerDay: config.maxRateGrowthPerDay,
      thresholdBps: this.config.keeper.rateSyncThresholdBps,
    });
    if (!decision.sync) return { ...base, reason: decision.reason, status: "skipped" };

    const wallet = this.chains.wallet(srcEid, "keeper");
    if (wallet === undefined) return undefined; // checked by the caller
    const vaultAddress = vault.manifest.contracts.collateralVault;
    const fee = await readContract(vault.publicClient, {
      address: vaultAddress,
      abi: collateralVaultAbi,
      functionName: "quoteSyncRate",
      args: [share, ledgerEid],
    });
    const labels = { vault: vault.manifest.name, ledger: ledger.manifest.name };
    this.metrics.rateSyncs.inc(labels);
    const sent = await this.transactions.send(`rate:${key}`, {
      chain: vault,
      wallet,
      to: vaultAddress,
      data: encodeFunctionData({
        abi: collateralVaultAbi,
        functionName: "syncRate",
        args: [share, ledgerEid],
      }),
      value: fee.nativeFee,
    });
    const what = `rate ${vaultRate} of ${share} (${decision.reason} from ${state.rate}) from ${vault.manifest.name} to ${ledger.manifest.name}`;
    if (sent.status !== "success") {
      const error = sent.status === "timeout" ? "not mined in time" : sent.error;
      this.metrics.rateSyncFailures.inc(labels);
      this.#logger.warn(`could not sync the ${what}: ${error}`);
      return {
        ...base,
        reason: decision.reason,
        status: "failed",
        error,
        transactionHash: sent.status === "failed" ? undefined : sent.transactionHash,
      };
    }
    const [event] = parseEventLogs({
      abi: collateralVaultAbi,
      eventName: "RateSynced",
      logs: sent.receipt.logs,
    });
    const guid: Hash | undefined = event?.args.guid;
    if (ledgerEid !== srcEid) {
      this.#pending.set(key, { sentAt: this.clock.now(), nonce: state.nonce, updatedAt: state.updatedAt });
    }
    this.#logger.log(
      `synced the ${what} (tx ${sent.transactionHash}${ledgerEid !== srcEid ? `, guid ${guid}` : ""})`,
    );
    return {
      ...base,
      reason: decision.reason,
      status: "sent",
      transactionHash: sent.transactionHash,
      guid,
      nativeFee: fee.nativeFee,
    };
  }
}
