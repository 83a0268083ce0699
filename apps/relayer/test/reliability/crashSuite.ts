import { afterAll, beforeAll, expect, test } from "vitest";
import { type DeliveryDevnet, startDeliveryDevnet } from "../support/deliveryHarness.js";
import { testSeed } from "../support/seededRandom.js";
import { type CrashDatabase, type CrashScenarioReport, runCrashScenario } from "./crashScenario.js";
import { netLocked, type VaultChain } from "./planCrashStream.js";

/** A database for the scenario, and how to clean it up. */
export interface CrashSuiteDatabase {
  database: CrashDatabase;
  stop(): Promise<void>;
}

/** Parameters of {@link defineCrashSuite}. */
export interface DefineCrashSuiteParameters {
  /** The database's name in the test's title. */
  name: string;
  /** Starts the database (in parallel with the devnet). */
  database: () => Promise<CrashSuiteDatabase>;
}

const MESSAGES = 200;
const KILLS = 20;
const OTHER: Record<VaultChain, VaultChain> = { a: "b", b: "a" };

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** A one-line summary of the run for the test output (the seed replays it: TEST_SEED=...). */
function summary(name: string, report: CrashScenarioReport): string {
  const boots = report.runs.flatMap(({ bootMs }) => (bootMs === undefined ? [] : [bootMs]));
  const duringBoot = report.runs.length - boots.length;
  const distinct = new Map<string, number>();
  for (const warning of report.warnings) {
    const key = warning
      .replace(/0x[0-9a-f]{64}/g, "<guid>")
      .replace(/\d+/g, "N")
      .slice(0, 400);
    distinct.set(key, (distinct.get(key) ?? 0) + 1);
  }
  const top = [...distinct].sort((x, y) => y[1] - x[1]).slice(0, 8);
  return [
    `[crash ${name}] seed ${report.seed} (TEST_SEED=${report.seed} replays it): ${report.runs.length} SIGKILLs (${duringBoot} during boot)`,
    `  boot ms: min ${Math.min(...boots)} median ${median(boots)} max ${Math.max(...boots)}; last run ${report.finalBootMs}`,
    `  runs (boot ms/killed after ms): ${report.runs.map(({ bootMs, killedAfterMs }) => `${bootMs ?? "-"}/${killedAfterMs}`).join(" ")}`,
    `  stream sent in ${report.streamMs} ms; drain after the last kill ${report.drainMs} ms`,
    `  recovery paths seen in the logs: ${JSON.stringify(report.recoveries)}`,
    `  ${report.warnings.length} warning/error log lines${top.map(([text, n]) => `\n    ${n}x ${text}`).join("")}`,
  ].join("\n");
}

/**
 * Defines the crash-reliability test of issue 6 on one database: a 2-chain devnet, a stream of 200
 * LOCKs and RELEASEs, the relayer process killed with SIGKILL at least 20 times and restarted;
 * every message delivered exactly once (the endpoints' `PacketDelivered`, the store) and the final
 * balances those the planned stream implies. `TEST_SEED` replays a run.
 */
export function defineCrashSuite(parameters: DefineCrashSuiteParameters): void {
  let net: DeliveryDevnet | undefined;
  let db: CrashSuiteDatabase | undefined;

  beforeAll(async () => {
    const [startedNet, startedDb] = await Promise.allSettled([startDeliveryDevnet(), parameters.database()]);
    if (startedNet.status === "fulfilled") net = startedNet.value;
    if (startedDb.status === "fulfilled") db = startedDb.value;
    if (startedNet.status === "rejected") throw startedNet.reason;
    if (startedDb.status === "rejected") throw startedDb.reason;
  });

  afterAll(async () => {
    await db?.stop();
    await net?.stop();
  });

  test(`${parameters.name}: ${MESSAGES} LOCKs and RELEASEs, the relayer SIGKILLed and restarted at least ${KILLS} times: each delivered exactly once, balances exact`, async () => {
    if (net === undefined || db === undefined) throw new Error("beforeAll failed");
    const seed = testSeed(`[crash ${parameters.name}]`);
    const report = await runCrashScenario({
      net,
      database: db.database,
      seed,
      messages: MESSAGES,
      kills: KILLS,
    });
    console.info(summary(parameters.name, report));
    const { plan, guids } = report;
    const seedNote = `seed ${seed}`;

    expect(report.runs.length, seedNote).toBeGreaterThanOrEqual(KILLS);
    // The kills did land mid-work: restarts took back leases a killed run held (by its stable
    // replica id). Over 20 kills, none doing so would mean the scenario exercised nothing.
    expect(report.recoveries.leasesReclaimed, `${seedNote}: restarts that reclaimed leases`).toBeGreaterThan(
      0,
    );
    expect(guids, seedNote).toHaveLength(MESSAGES);
    expect(new Set(guids.map((guid) => guid.toLowerCase())).size, seedNote).toBe(MESSAGES);

    // The chains' own record: one PacketDelivered per message on its destination, nothing else.
    const destination = (index: number): VaultChain => {
      const message = plan[index];
      if (message === undefined) throw new Error(`no message ${index}`);
      return message.kind === "LOCK" ? OTHER[message.vault] : message.vault;
    };
    for (const side of ["a", "b"] as const) {
      const expected = new Map(
        guids.flatMap((guid, i) => (destination(i) === side ? [[guid.toLowerCase(), 1] as const] : [])),
      );
      expect(report.deliveries[side], `${seedNote}: PacketDelivered on ${side}`).toEqual(expected);
    }

    // The store: each planned message once, delivered, with what was sent.
    const stored = new Map(report.stored.map((view) => [view.guid.toLowerCase(), view]));
    expect(report.stored, seedNote).toHaveLength(MESSAGES);
    plan.forEach((message, i) => {
      const view = stored.get(guids[i]?.toLowerCase() ?? "");
      expect(view, `${seedNote}: message ${i}`).toMatchObject({
        status: "delivered",
        type: message.kind,
        amount: message.amount.toString(),
        account: net?.devnet.users[message.user]?.toLowerCase(),
      });
    });
    // Its transactions: all settled, none reverted, and exactly one mined verification and one mined
    // execution per message (the relayer verifies every devnet packet itself; nothing wasted on a
    // packet a killed run had already handled).
    for (const detail of report.details) {
      const note = `${seedNote}: ${detail.guid} ${JSON.stringify(detail.transactions)}`;
      const mined = (purpose: string) =>
        detail.transactions.filter((tx) => tx.purpose === purpose && tx.status === "mined");
      expect(
        detail.transactions.filter(({ status }) => status === "pending" || status === "reverted"),
        note,
      ).toEqual([]);
      expect(mined("verify"), note).toHaveLength(1);
      expect(mined("execute"), note).toHaveLength(1);
      expect(detail.deliveredTxHash, note).toBe(mined("execute")[0]?.hash);
    }
    expect(report.finalExit, seedNote).toEqual({ code: 0, signal: null });

    // Balances: what the planned stream implies, from the balances before it.
    const net_ = netLocked(plan, net.devnet.users.length);
    const { before, after } = report;
    for (const side of ["a", "b"] as const) {
      const moved = net_[side];
      const total = moved.reduce((x, y) => x + y, 0n);
      expect(after.users[side], `${seedNote}: users' USDC on ${side}`).toEqual(
        before.users[side].map((balance, u) => balance - (moved[u] ?? 0n)),
      );
      expect(after.ledger[side], `${seedNote}: ledger balances for vault ${side}`).toEqual(
        before.ledger[side].map(([valued, parked], u) => [valued + (moved[u] ?? 0n), parked]),
      );
      expect(after.claimable[side], `${seedNote}: claimable on ${side}`).toEqual(before.claimable[side]);
      expect(after.totalClaimable[side], seedNote).toBe(before.totalClaimable[side]);
      expect(after.locked[side], `${seedNote}: locked on ${side}`).toBe(before.locked[side] + total);
      expect(after.vaultUsdc[side], `${seedNote}: vault USDC on ${side}`).toBe(
        before.vaultUsdc[side] + total,
      );
    }
  }, 300_000);
}
