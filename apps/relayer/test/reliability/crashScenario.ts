import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { collateralVaultAbi, marginLedgerAbi } from "@ballast/contracts";
import { lock, requestRelease } from "@ballast/sdk";
import { type Address, erc20Abi, type Hex, maxUint256 } from "viem";
import type { MessageDetail, MessageView } from "../../src/delivery/MessageView.js";
import { devPrivateKey } from "../devKeys.js";
import { type DeliveryDevnet, fetchJson, packetDeliveries, waitFor } from "../support/deliveryHarness.js";
import type { ChainDriver } from "../support/devnetChains.js";
import { type RelayerExit, type RelayerProcess, spawnRelayerProcess } from "../support/relayerProcess.js";
import { type SeededRandom, seededRandom } from "../support/seededRandom.js";
import { unusedPort } from "../unusedPort.js";
import { describeStore } from "./describeStore.js";
import { type PlannedMessage, planCrashStream, type VaultChain } from "./planCrashStream.js";

/** The devnet's whitelisted SimpleMessageLib caller (development account #2). */
const VERIFIER_KEY = devPrivateKey(2);
/** An executor with ether and no other job on the devnet. */
const EXECUTOR_KEY = devPrivateKey(10);

/** Where the relayer keeps its state across restarts. */
export type CrashDatabase =
  /** Embedded PGlite in a folder (`database.dataDir`). */
  | { kind: "pglite"; dataDir: string }
  /** A PostgreSQL server (`DATABASE_URL`). */
  | { kind: "postgres"; url: string };

/** Parameters of {@link runCrashScenario}. */
export interface RunCrashScenarioParameters {
  net: DeliveryDevnet;
  database: CrashDatabase;
  seed: number;
  /** Messages in the stream; default 200. */
  messages?: number | undefined;
  /** Least SIGKILLs; default 20. The loop goes on (up to `maxKills`) until the stream is sent too. */
  kills?: number | undefined;
  /** Most SIGKILLs; default 60. */
  maxKills?: number | undefined;
  /** The uptime before a kill, uniform in this range (ms after `/health` answered); default 100 to 1,500. */
  uptimeMs?: readonly [number, number] | undefined;
  /** The share of kills that hit during boot (before `/health` answers); default 0.2 (never the first boot). */
  bootKillShare?: number | undefined;
}

/** One run of the relayer process. */
export interface CrashRun {
  /** Milliseconds from spawn to the first `/health` answer; undefined when killed before. */
  bootMs: number | undefined;
  /** Milliseconds from spawn to the SIGKILL. */
  killedAfterMs: number;
}

/** Everything {@link runCrashScenario} saw, for the test to assert on. */
export interface CrashScenarioReport {
  seed: number;
  plan: PlannedMessage[];
  /** The guid of each planned message (same order). */
  guids: Hex[];
  /** The killed runs, in order. */
  runs: CrashRun[];
  /** Boot of the last (unkilled) run. */
  finalBootMs: number;
  /** How the last run ended on SIGTERM. */
  finalExit: RelayerExit;
  /** Milliseconds the stream took to send, and the relayer (restarted) took to deliver the rest after the kills. */
  streamMs: number;
  drainMs: number;
  /** `PacketDelivered` count per guid on each destination chain (the endpoint's own record). */
  deliveries: Record<VaultChain, Map<string, number>>;
  /** `GET /messages?limit=1000` after the drain. */
  stored: MessageView[];
  /** `GET /messages/:guid` of each planned message after the drain. */
  details: MessageDetail[];
  /** Warning and error log lines of every run (pino JSON `msg`), for the report. */
  warnings: string[];
  /** How often each recovery path showed in the logs of all runs (see {@link RECOVERY_LOGS}). */
  recoveries: Record<RecoveryLog, number>;
  /** On-chain state before the stream and after the drain. */
  before: ChainState;
  after: ChainState;
}

/** The balances the stream changes, per vault chain. */
export interface ChainState {
  /** USDC of each user on the chain. */
  users: Record<VaultChain, bigint[]>;
  /** Each user's balance on the other chain's ledger for this vault's USDC: [valued, parked]. */
  ledger: Record<VaultChain, [bigint, bigint][]>;
  /** `claimable(user, usdc)` of the vault. */
  claimable: Record<VaultChain, bigint[]>;
  /** `locked(otherEid, usdc)` and `totalClaimable(usdc)` of the vault, and its USDC balance. */
  locked: Record<VaultChain, bigint>;
  totalClaimable: Record<VaultChain, bigint>;
  vaultUsdc: Record<VaultChain, bigint>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads the balances the stream changes. */
async function readChainState(net: DeliveryDevnet, users: readonly Address[]): Promise<ChainState> {
  const chains: Record<VaultChain, ChainDriver> = { a: net.a, b: net.b };
  const other: Record<VaultChain, ChainDriver> = { a: net.b, b: net.a };
  const state: ChainState = {
    users: { a: [], b: [] },
    ledger: { a: [], b: [] },
    claimable: { a: [], b: [] },
    locked: { a: 0n, b: 0n },
    totalClaimable: { a: 0n, b: 0n },
    vaultUsdc: { a: 0n, b: 0n },
  };
  for (const side of ["a", "b"] as const) {
    const { manifest, publicClient } = chains[side];
    const ledgerChain = other[side];
    const usdc = manifest.tokens.usdc;
    const vault = manifest.contracts.collateralVault;
    state.users[side] = await Promise.all(
      users.map((user) =>
        publicClient.readContract({ address: usdc, abi: erc20Abi, functionName: "balanceOf", args: [user] }),
      ),
    );
    state.ledger[side] = await Promise.all(
      users.map(async (user) => {
        const [valued, parked] = await ledgerChain.publicClient.readContract({
          address: ledgerChain.manifest.contracts.marginLedger,
          abi: marginLedgerAbi,
          functionName: "balanceOf",
          args: [user, manifest.eid, usdc],
        });
        return [valued, parked] as [bigint, bigint]; // viem's readonly tuple, copied
      }),
    );
    state.claimable[side] = await Promise.all(
      users.map((user) =>
        publicClient.readContract({
          address: vault,
          abi: collateralVaultAbi,
          functionName: "claimable",
          args: [user, usdc],
        }),
      ),
    );
    state.locked[side] = await publicClient.readContract({
      address: vault,
      abi: collateralVaultAbi,
      functionName: "locked",
      args: [ledgerChain.manifest.eid, usdc],
    });
    state.totalClaimable[side] = await publicClient.readContract({
      address: vault,
      abi: collateralVaultAbi,
      functionName: "totalClaimable",
      args: [usdc],
    });
    state.vaultUsdc[side] = await publicClient.readContract({
      address: usdc,
      abi: erc20Abi,
      functionName: "balanceOf",
      args: [vault],
    });
  }
  return state;
}

/** Parameters of {@link sendStream}. */
interface SendStreamParameters {
  net: DeliveryDevnet;
  users: readonly Address[];
  plan: readonly PlannedMessage[];
  guids: Hex[];
  random: SeededRandom;
  /** Resolves when message `index` may be sent (the stream keeps pace with the kills). */
  gate: (index: number) => Promise<void>;
  /** Set when the scenario gives up: senders stop. */
  aborted: () => boolean;
}

/**
 * Sends the stream: each user sends its messages in plan order (users in parallel), each when its
 * gate opens, then after a random pause of up to 300 ms. A RELEASE first waits for the user's
 * ledger balance to cover it (the earlier LOCKs delivered, by a relayer that keeps getting killed).
 */
async function sendStream(parameters: SendStreamParameters): Promise<void> {
  const { net, users, plan, guids, random, gate, aborted } = parameters;
  const chains: Record<VaultChain, ChainDriver> = { a: net.a, b: net.b };
  const other: Record<VaultChain, ChainDriver> = { a: net.b, b: net.a };
  const pauses = plan.map(() => random.between(0, 300));
  await Promise.all(
    users.map(async (user, u) => {
      for (const message of plan.filter((m) => m.user === u)) {
        await gate(message.index);
        await sleep(pauses[message.index] ?? 0);
        if (aborted()) return;
        const vault = chains[message.vault];
        const ledger = other[message.vault];
        if (message.kind === "LOCK") {
          const { guid } = await lock(vault.wallet(user), {
            chain: vault.manifest,
            asset: vault.manifest.tokens.usdc,
            amount: message.amount,
            dstEid: ledger.manifest.eid,
          });
          guids[message.index] = guid;
        } else {
          await waitFor(
            `user ${u}'s credit on ${ledger.manifest.name} for RELEASE #${message.index}`,
            async () => {
              if (aborted()) throw new Error("aborted");
              const [valued, parked] = await ledger.publicClient.readContract({
                address: ledger.manifest.contracts.marginLedger,
                abi: marginLedgerAbi,
                functionName: "balanceOf",
                args: [user, vault.manifest.eid, vault.manifest.tokens.usdc],
              });
              return valued + parked >= message.amount;
            },
            { timeoutMs: 60_000, intervalMs: 100 },
          );
          const { guid } = await requestRelease(ledger.wallet(user), {
            chain: ledger.manifest,
            srcEid: vault.manifest.eid,
            asset: vault.manifest.tokens.usdc,
            amount: message.amount,
          });
          guids[message.index] = guid;
        }
      }
    }),
  );
}

/** pino's numeric level of warn (and above: error, fatal). */
const WARN_LEVEL = 40;

/** Log lines (info) that show a restart went through a recovery path, by name. */
export const RECOVERY_LOGS = {
  /** A restart took back leases its killed run held (stable replica id). */
  leasesReclaimed: /^released \d+ leases .* held before it restarted/,
  /** A restart found delivery transactions its killed run recorded and had not settled. */
  transactionsSettled: /: settling \d+ recorded transactions of /,
  /** A message found executed on chain (the killed run's execution, its receipt never seen). */
  foundExecuted: /already executed on chain, marked delivered without a transaction/,
  /** A delivery by this relayer's own execution. */
  delivered: /: delivered by 0x/,
} as const;

/** The name of a {@link RECOVERY_LOGS} entry. */
export type RecoveryLog = keyof typeof RECOVERY_LOGS;

/**
 * The crash scenario of issue 6: a stream of LOCKs and RELEASEs between two devnet chains while the
 * real relayer process (`node dist/main.js --config FILE`, devnet mode, a stable replica id) is
 * killed with SIGKILL at random moments and restarted, at least `kills` times; then a last run
 * delivers the rest and is stopped with SIGTERM. Returns what the chains and the store show; the
 * caller asserts. The seed decides the stream, the pauses and the kill times.
 */
export async function runCrashScenario(parameters: RunCrashScenarioParameters): Promise<CrashScenarioReport> {
  const {
    net,
    database,
    seed,
    messages = 200,
    kills = 20,
    maxKills = 60,
    uptimeMs = [100, 1_500],
    bootKillShare = 0.2,
  } = parameters;
  const users = net.devnet.users;
  // Separate generators: the kill times do not depend on how the senders' tasks interleave.
  const plan = planCrashStream({ random: seededRandom(seed), users: users.length, messages });
  const killRandom = seededRandom((seed ^ 0x9e37_79b9) >>> 0);
  const paceRandom = seededRandom((seed + 0x7f4a_7c15) >>> 0);

  // Unlimited allowances first, so each LOCK is one transaction.
  await Promise.all(
    users.flatMap((user) =>
      [net.a, net.b].map(async (chain) => {
        const hash = await chain.wallet(user).writeContract({
          address: chain.manifest.tokens.usdc,
          abi: erc20Abi,
          functionName: "approve",
          args: [chain.manifest.contracts.collateralVault, maxUint256],
        });
        await chain.publicClient.waitForTransactionReceipt({ hash });
      }),
    ),
  );
  const before = await readChainState(net, users);

  const port = await unusedPort();
  const url = `http://127.0.0.1:${port}`;
  const configFile = join(net.dir, `relayer-crash-${database.kind}.json`);
  await writeFile(
    configFile,
    JSON.stringify({
      manifest: net.manifestPath,
      api: { port },
      ...(database.kind === "pglite" ? { database: { dataDir: database.dataDir } } : {}),
      // info, not warn: the recovery paths taken are counted from its lines (a few hundred in all).
      log: { level: "info" },
      intervals: { index: 50, deliver: 50, reconcile: 3_600_000, keeper: 3_600_000 },
      // Receipts of the devnet's instant blocks are polled for: every 25 ms.
      chains: { a: { pollingIntervalMs: 25 }, b: { pollingIntervalMs: 25 } },
    }),
  );
  const env: Record<string, string> = {
    BALLAST_EXECUTOR_KEY: EXECUTOR_KEY,
    BALLAST_VERIFIER_KEY: VERIFIER_KEY,
    BALLAST_REPLICA_ID: `crash-${database.kind}`,
    // Node's compile cache (bytecode of the app's modules, kept across restarts): each boot costs less.
    NODE_COMPILE_CACHE: join(net.dir, "node-compile-cache"),
    ...(database.kind === "postgres" ? { DATABASE_URL: database.url } : {}),
  };
  const warnings: string[] = [];
  const recoveries: Record<RecoveryLog, number> = {
    leasesReclaimed: 0,
    transactionsSettled: 0,
    foundExecuted: 0,
    delivered: 0,
  };
  const onLine = (line: string) => {
    let record: { level?: unknown; msg?: unknown };
    try {
      record = JSON.parse(line) as { level?: unknown; msg?: unknown }; // a pino JSON line
    } catch {
      warnings.push(line); // not JSON: stderr
      return;
    }
    const msg = String(record.msg);
    if (typeof record.level === "number" && record.level >= WARN_LEVEL) warnings.push(msg);
    for (const [name, pattern] of Object.entries(RECOVERY_LOGS)) {
      if (pattern.test(msg)) recoveries[name as RecoveryLog]++; // Object.entries loses the key type
    }
  };
  const spawnRelayer = (): RelayerProcess => spawnRelayerProcess({ configFile, env, url, onLine });

  // The stream's pace: message i waits until the kill loop is i/messages of the way through `kills` runs.
  let runStarted = Date.now();
  let expectedRunMs = 3_000;
  const runs: CrashRun[] = [];
  const progress = () => runs.length + Math.min(0.99, (Date.now() - runStarted) / expectedRunMs);
  const gate = async (index: number) => {
    while (!aborted && progress() < (index * kills) / messages) await sleep(20);
  };

  const guids: Hex[] = [];
  let aborted = false;
  let streamDone = false;
  const streamStarted = Date.now();
  let streamEnded = streamStarted;
  const stream = sendStream({
    net,
    users,
    plan,
    guids,
    random: paceRandom,
    gate,
    aborted: () => aborted,
  }).then(
    () => {
      streamDone = true;
      streamEnded = Date.now();
    },
    (error: unknown) => {
      aborted = true;
      throw error;
    },
  );
  stream.catch(() => undefined); // awaited below; the kill loop checks `aborted`

  let lastBootMs = 2_000;
  /** The process running now (killed on a failure, before the store is read). */
  let current: RelayerProcess | undefined;
  let finalBootMs = 0;
  let finalExit: RelayerExit | undefined;
  let stored: MessageView[] = [];
  let details: MessageDetail[] = [];
  let drainStarted = Date.now();
  try {
    while (!aborted && (runs.length < kills || !streamDone) && runs.length < maxKills) {
      const started = Date.now();
      runStarted = started;
      expectedRunMs = lastBootMs + (uptimeMs[0] + uptimeMs[1]) / 2;
      const relayer = spawnRelayer();
      current = relayer;
      if (runs.length > 0 && killRandom.next() < bootKillShare) {
        // Killed while it boots: opening the database, migrating, settling a previous run's transactions.
        await Promise.race([sleep(killRandom.between(0, lastBootMs)), relayer.exited]);
      } else {
        try {
          lastBootMs = await relayer.ready;
        } catch (error) {
          throw new Error(`run ${runs.length + 1} did not start`, { cause: error });
        }
        await Promise.race([sleep(killRandom.between(uptimeMs[0], uptimeMs[1])), relayer.exited]);
      }
      const killedAfterMs = Date.now() - started;
      const exit = await relayer.kill("SIGKILL");
      if (exit.signal !== "SIGKILL") {
        throw new Error(
          `run ${runs.length + 1} ended by itself (code ${exit.code}, signal ${exit.signal}):\n${relayer.tail()}`,
        );
      }
      runs.push({ bootMs: relayer.bootMs(), killedAfterMs });
    }
    if (!aborted && !streamDone) throw new Error(`the stream was not sent within ${maxKills} kills`);
    await stream;

    // The last run: delivers whatever is left, then stops gracefully.
    drainStarted = Date.now();
    const last = spawnRelayer();
    current = last;
    try {
      finalBootMs = await last.ready;
    } catch (error) {
      throw new Error("the last run did not start", { cause: error });
    }
    const wanted = new Set(guids.map((guid) => guid.toLowerCase()));
    stored = await waitFor(
      `all ${messages} messages delivered`,
      async () => {
        const { body } = await fetchJson<{ messages: MessageView[] }>(`${url}/messages?limit=1000`);
        const delivered = body.messages.filter(
          ({ guid, status }) => wanted.has(guid.toLowerCase()) && status === "delivered",
        );
        return delivered.length === wanted.size ? body.messages : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    // Transactions settle before their message is marked delivered, or in the same pass: a short wait.
    details = await waitFor(
      "every recorded transaction settled",
      async () => {
        const all = await Promise.all(
          guids.map(async (guid) => (await fetchJson<MessageDetail>(`${url}/messages/${guid}`)).body),
        );
        return all.every(({ transactions }) => transactions.every(({ status }) => status !== "pending"))
          ? all
          : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    finalExit = await last.kill("SIGTERM");
    current = undefined;
  } catch (error) {
    aborted = true;
    const tail = current?.tail() ?? "";
    await current?.kill("SIGKILL");
    await stream.catch(() => undefined);
    const store = await describeStore(database).catch(
      (cause: unknown) => `store unreadable: ${String(cause)}`,
    );
    const heads = await Promise.all(
      [net.a, net.b].map(
        async (chain) => `${chain.manifest.name} head ${await chain.publicClient.getBlockNumber()}`,
      ),
    );
    throw new Error(
      [
        `${error instanceof Error ? error.message : String(error)} (seed ${seed}, after ${runs.length} kills)`,
        `recovery paths seen: ${JSON.stringify(recoveries)}`,
        `warnings: ${JSON.stringify(warnings.slice(-20))}`,
        heads.join(", "),
        store,
        `last output:\n${tail}`,
      ].join("\n"),
      { cause: error },
    );
  }
  const drainMs = Date.now() - drainStarted;
  if (finalExit === undefined) throw new Error("unreachable: the last run was stopped above");
  const [deliveredA, deliveredB] = await Promise.all([packetDeliveries(net.a), packetDeliveries(net.b)]);
  return {
    seed,
    plan,
    guids,
    runs,
    finalBootMs,
    finalExit,
    streamMs: streamEnded - streamStarted,
    drainMs,
    deliveries: { a: deliveredA, b: deliveredB },
    stored,
    details,
    warnings,
    recoveries,
    before,
    after: await readChainState(net, users),
  };
}
