import { type LedgerAccount, parseManifest, toViemChain } from "@ballast/sdk";
import { SchedulerRegistry } from "@nestjs/schedule";
import { Registry } from "prom-client";
import {
  type Account,
  type Address,
  type Chain,
  createWalletClient,
  http,
  type Transport,
  type WalletClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterEach, describe, expect, test } from "vitest";
import { devPrivateKey } from "../../test/devKeys.js";
import { manifestFixture } from "../../test/manifestFixture.js";
import { relayerChain, StaticChainRegistry } from "../../test/support/devnetChains.js";
import type { KeyRole } from "../chains/ChainRegistry.js";
import { SystemClock } from "../clock/Clock.js";
import { relayerConfigSchema } from "../config/relayerConfigSchema.js";
import type { ReplicaLocks } from "../store/ReplicaLocks.js";
import type { AccountValuer } from "./AccountValuer.js";
import type { CandidateAccounts } from "./CandidateAccounts.js";
import type { CollateralLiquidator } from "./CollateralLiquidator.js";
import { KeeperMetrics } from "./KeeperMetrics.js";
import type { LiquidationOutcome } from "./KeeperRunReport.js";
import { KEEPER_INTERVAL, KEEPER_LOCK, KeeperService } from "./KeeperService.js";
import type { LedgerContext } from "./LedgerContext.js";
import type { PositionLiquidator } from "./PositionLiquidator.js";
import type { RateSyncer } from "./RateSyncer.js";

const manifest = parseManifest(manifestFixture());
const chains = manifest.chains.map((chain) => relayerChain({ manifest: chain }));
const B = manifest.chains[1]?.eid ?? 0;
const ALICE: Address = "0x00000000000000000000000000000000000a11ce";
const BOB: Address = "0x0000000000000000000000000000000000000b0b";

/** A registry whose keeper wallet exists (never used to send here) or not. */
class KeyedRegistry extends StaticChainRegistry {
  constructor(private readonly withKey: boolean) {
    super(chains);
  }
  override wallet(eid: number, role: KeyRole): WalletClient<Transport, Chain, Account> | undefined {
    if (!this.withKey || role !== "keeper") return undefined;
    const chain = this.byEid(eid);
    return createWalletClient({
      account: privateKeyToAccount(devPrivateKey(9)),
      chain: toViemChain(chain.manifest),
      transport: http(chain.rpcUrls[0]),
    });
  }
}

function ledgerAccount(overrides: Partial<LedgerAccount>): LedgerAccount {
  return {
    eid: B,
    name: "b",
    blockNumber: 1n,
    quoteDecimals: 6,
    cash: 0n,
    collateral: [],
    positions: [],
    lpShares: [],
    health: {
      collateralValue: 0n,
      initialCollateral: 0n,
      maintenanceCollateral: 0n,
      cash: 0n,
      unrealizedPnl: 0n,
      initialMargin: 0n,
      maintenanceMargin: 0n,
    },
    equity: 0n,
    initialHealth: 0n,
    maintenanceHealth: 0n,
    liquidatable: false,
    ...overrides,
  };
}

interface Fakes {
  /** Resolves the rate sync stage of the run in progress. */
  release(): void;
  rateRuns: number;
  liquidated: Address[];
  collateralChecked: { address: Address; cash: bigint }[];
  /** The lock names the service asked for. */
  lockRequests: string[];
}

const services: KeeperService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.onModuleDestroy();
});

function keeperService(options: {
  withKey: boolean;
  blockRates?: boolean;
  failValuationOf?: Address;
  /** Whether this replica gets the keeper lock (default true). */
  holdsLock?: boolean;
}) {
  const registry = new Registry();
  const scheduler = new SchedulerRegistry();
  const fakes: Fakes = {
    release: () => {},
    rateRuns: 0,
    liquidated: [],
    collateralChecked: [],
    lockRequests: [],
  };
  const rates = {
    run: async () => {
      fakes.rateRuns++;
      if (options.blockRates === true) await new Promise<void>((resolve) => (fakes.release = resolve));
      return { outcomes: [], errors: [] };
    },
  };
  const candidates = { refresh: async () => new Map([[B, [ALICE, BOB]]]) };
  let valuations = 0;
  const valuer = {
    value: async (_eid: number, address: Address) => {
      valuations++;
      if (address === options.failValuationOf) throw new Error("rpc down");
      // Alice: a position below maintenance, then (after it is closed) debt below maintenance.
      return address === ALICE
        ? ledgerAccount({ liquidatable: true, cash: valuations > 2 ? -5n : 0n, positions: [] })
        : ledgerAccount({});
    },
  };
  const positions = {
    liquidate: async (_context: LedgerContext, _account: LedgerAccount, address: Address) => {
      fakes.liquidated.push(address);
      const outcome: LiquidationOutcome = {
        kind: "position",
        ledgerEid: B,
        account: address,
        status: "succeeded",
      };
      return [outcome];
    },
  };
  const collateral = {
    liquidate: async (_context: LedgerContext, account: LedgerAccount, address: Address) => {
      fakes.collateralChecked.push({ address, cash: account.cash });
      return undefined;
    },
  };
  const locks = {
    tryHold: async (name: string) => {
      fakes.lockRequests.push(name);
      return options.holdsLock ?? true;
    },
  };
  const config = relayerConfigSchema.parse({ manifest: "m.json", intervals: { keeper: 60_000 } });
  const service = new KeeperService(
    config,
    new KeyedRegistry(options.withKey),
    // Each fake implements the one method KeeperService calls on it.
    candidates as unknown as CandidateAccounts,
    valuer as unknown as AccountValuer,
    positions as unknown as PositionLiquidator,
    collateral as unknown as CollateralLiquidator,
    rates as unknown as RateSyncer,
    new KeeperMetrics(registry),
    locks as unknown as ReplicaLocks,
    scheduler,
    new SystemClock(),
  );
  services.push(service);
  const metric = async (name: string, labels: Record<string, string> = {}) =>
    (await registry.getSingleMetric(name)?.get())?.values.find((v) =>
      Object.entries(labels).every(([key, value]) => v.labels[key] === value),
    )?.value ?? 0;
  return { service, scheduler, fakes, metric };
}

describe("KeeperService", () => {
  test("without a key: nothing scheduled, and a run reads nothing", async () => {
    const { service, scheduler, fakes } = keeperService({ withKey: false });
    service.onApplicationBootstrap();
    expect(scheduler.doesExist("interval", KEEPER_INTERVAL)).toBe(false);
    expect(service.keeperAddress()).toBeUndefined();
    expect(await service.run()).toMatchObject({ idle: true, liquidations: [] });
    expect(fakes.rateRuns).toBe(0);
  });

  test("with a key: scheduled every intervals.keeper, removed at shutdown", async () => {
    const { service, scheduler } = keeperService({ withKey: true });
    service.onApplicationBootstrap();
    expect(scheduler.doesExist("interval", KEEPER_INTERVAL)).toBe(true);
    expect(service.keeperAddress()).toBe(privateKeyToAccount(devPrivateKey(9)).address);
    await service.onModuleDestroy();
    expect(scheduler.doesExist("interval", KEEPER_INTERVAL)).toBe(false);
  });

  test("a tick during a run is skipped, never overlapped; run() waits for it and runs after", async () => {
    const { service, fakes, metric } = keeperService({ withKey: true, blockRates: true });
    const first = service.tick();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await service.tick(); // returns at once: the first run is still in progress
    expect(fakes.rateRuns).toBe(1);
    expect(await metric("ballast_keeper_runs_total", { outcome: "overlap" })).toBe(1);
    const queued = service.run();
    fakes.release();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fakes.rateRuns).toBe(2); // the queued run started after the first ended
    fakes.release();
    expect((await queued).idle).toBe(false);
    expect(await metric("ballast_keeper_runs_total", { outcome: "ok" })).toBe(2);
    expect(await metric("ballast_keeper_last_run_duration_seconds")).toBeGreaterThan(0);
  });

  test("a replica that does not hold the keeper lock stands by: nothing read or sent, counted", async () => {
    const { service, fakes, metric } = keeperService({ withKey: true, holdsLock: false });
    const report = await service.run();
    expect(report).toMatchObject({ idle: false, standby: true, candidates: 0, liquidations: [] });
    expect(fakes.lockRequests).toEqual([KEEPER_LOCK]);
    expect(fakes.rateRuns).toBe(0);
    expect(fakes.liquidated).toEqual([]);
    expect(await metric("ballast_keeper_runs_total", { outcome: "standby" })).toBe(1);
    expect(await metric("ballast_keeper_runs_total", { outcome: "ok" })).toBe(0);
  });

  test("positions first, then collateral on a fresh valuation; an account that cannot be valued is reported", async () => {
    const { service, fakes, metric } = keeperService({ withKey: true, failValuationOf: BOB });
    const report = await service.run();
    expect(report.candidates).toBe(2);
    expect(report.liquidatable).toBe(1);
    expect(fakes.liquidated).toEqual([ALICE]);
    // Valued again after its position was liquidated: the collateral stage sees the debt.
    expect(fakes.collateralChecked).toEqual([{ address: ALICE, cash: -5n }]);
    expect(report.errors).toEqual([`could not value ${BOB} on eid ${B}: rpc down`]);
    expect(await metric("ballast_keeper_runs_total", { outcome: "error" })).toBe(1);
    expect(await metric("ballast_keeper_candidate_accounts")).toBe(2);
    expect(service.last()).toBe(report);
  });
});
