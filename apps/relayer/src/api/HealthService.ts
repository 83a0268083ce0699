import { Injectable, type OnModuleInit } from "@nestjs/common";
import { DiscoveryService } from "@nestjs/core";
import { ChainRegistry, type RelayerChain } from "../chains/ChainRegistry.js";
import { ChainMetrics } from "../metrics/ChainMetrics.js";
import { HealthIndicator } from "./HealthIndicator.js";
import type { ChainHealth, CheckHealth, HealthReport } from "./HealthReport.js";
import { withDeadline } from "./withDeadline.js";

/** Milliseconds a chain's RPC or a check gets to answer GET /health. */
export const HEALTH_CHECK_DEADLINE_MS = 3_000;

/**
 * Computes GET /health: every chain's latest block (which also sets `ballast_chain_head_block`) and
 * every {@link HealthIndicator} provider found in the application, all at once, each bounded by
 * {@link HEALTH_CHECK_DEADLINE_MS}.
 */
@Injectable()
export class HealthService implements OnModuleInit {
  #indicators: readonly HealthIndicator[] = [];

  constructor(
    private readonly chains: ChainRegistry,
    private readonly metrics: ChainMetrics,
    private readonly discovery: DiscoveryService,
  ) {}

  onModuleInit(): void {
    this.#indicators = this.discovery
      .getProviders()
      .map(({ instance }: { instance: unknown }) => instance)
      .filter((instance): instance is HealthIndicator => instance instanceof HealthIndicator);
  }

  /** The names of the indicators found at start. */
  indicatorNames(): readonly string[] {
    return this.#indicators.map(({ name }) => name);
  }

  async report(): Promise<HealthReport> {
    const [chains, checks] = await Promise.all([
      Promise.all(this.chains.all().map((chain) => this.#checkChain(chain))),
      Promise.all(this.#indicators.map((indicator) => this.#runIndicator(indicator))),
    ]);
    const ok = chains.every((chain) => chain.ok) && checks.every((check) => check.ok);
    return { status: ok ? "ok" : "degraded", chains, checks };
  }

  async #checkChain(chain: RelayerChain): Promise<ChainHealth> {
    const { name, eid, chainId } = chain.manifest;
    try {
      const blockNumber = await withDeadline(
        chain.publicClient.getBlockNumber({ cacheTime: 0 }),
        HEALTH_CHECK_DEADLINE_MS,
      );
      this.metrics.headBlock.set({ chain: name }, Number(blockNumber));
      return { name, eid, chainId, ok: true, blockNumber: Number(blockNumber) };
    } catch (error) {
      return { name, eid, chainId, ok: false, blockNumber: null, error: shortMessage(error) };
    }
  }

  async #runIndicator(indicator: HealthIndicator): Promise<CheckHealth> {
    try {
      const result = await withDeadline(indicator.check(), HEALTH_CHECK_DEADLINE_MS);
      return {
        name: indicator.name,
        ok: result.ok,
        ...(result.error === undefined ? {} : { error: result.error }),
      };
    } catch (error) {
      return { name: indicator.name, ok: false, error: shortMessage(error) };
    }
  }
}

/** The first line of an error: viem's `shortMessage` when it has one. */
function shortMessage(error: unknown): string {
  if (error instanceof Error) {
    // viem's BaseError adds `shortMessage`, a one-line summary without its docs and request details.
    const short = (error as Error & { shortMessage?: unknown }).shortMessage;
    return (typeof short === "string" ? short : error.message).split("\n")[0] ?? error.name;
  }
  return String(error);
}
