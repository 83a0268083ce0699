import { collateralVaultAbi, collateralVaultBytecode, marginLedgerAbi } from "@ballast/contracts";
import { encodeExecutorLzReceiveOption, LOCK_GAS, MESSAGE_TYPE } from "@ballast/devnet";
import { addressToBytes32, getSentPackets, lock, requestRelease, verifyPacket } from "@ballast/sdk";
import { type Address, createPublicClient, custom, type EIP1193RequestFn, type Hash, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ChainRegistry } from "../../src/chains/ChainRegistry.js";
import { CANONICAL_MULTICALL3, Multicall3Resolver } from "../../src/projection/Multicall3Resolver.js";
import { readContractsBatched } from "../../src/projection/readContractsBatched.js";
import type { AlertWebhookBody } from "../../src/reconciliation/Alert.js";
import type { LaneReport, LanesReport } from "../../src/reconciliation/LanesReport.js";
import { ReconciliationService } from "../../src/reconciliation/ReconciliationService.js";
import { Database } from "../../src/store/Database.js";
import { devPrivateKey } from "../devKeys.js";
import { type ChainDriver, deliver } from "../support/devnetChains.js";
import { getJson, type RelayerDevnet, startRelayerDevnet } from "../support/relayerDevnet.js";
import { startWebhookServer, type WebhookServer } from "../support/webhookServer.js";

const USDC = 10n ** 6n;
const OPERATOR_TOKEN = "reconciliation-test-operator-token";
const WAD = 10n ** 18n;

let net: RelayerDevnet;
let webhook: WebhookServer;

beforeAll(async () => {
  webhook = await startWebhookServer();
  net = await startRelayerDevnet({
    config: {
      api: { port: 0, operatorToken: OPERATOR_TOKEN },
      alertWebhook: webhook.url,
      reconciliation: { pauseOnDiscrepancy: true },
    },
    env: { BALLAST_GUARDIAN_KEY: devPrivateKey(1) }, // the devnet's guardian (development account #1)
  });
});

afterAll(async () => {
  await net?.stop();
  await webhook?.close();
});

/** Verifies (without executing) the packets transaction `hash` on `from` sent: they stay in flight, later nonces can run. */
async function verifyOnly(from: ChainDriver, to: ChainDriver, hash: Hash): Promise<void> {
  const receipt = await from.publicClient.getTransactionReceipt({ hash });
  const messageLib = to.manifest.messageLib;
  if (messageLib === null) throw new Error("a devnet chain has a SimpleMessageLib");
  for (const { encodedPacket } of getSentPackets({ endpoint: from.manifest.endpoint, receipt })) {
    await verifyPacket({
      publicClient: to.publicClient,
      walletClient: to.wallet(net.devnet.roles.verifier),
      messageLib,
      packet: encodedPacket,
    });
  }
}

async function lanes(): Promise<LanesReport> {
  const { status, body } = await getJson<LanesReport>(`${net.url}/lanes`);
  expect(status).toBe(200);
  return body;
}

function laneOf(report: LanesReport, vault: ChainDriver, ledger: ChainDriver, asset: Address): LaneReport {
  const lane = report.lanes.find(
    (l) => l.vaultEid === vault.manifest.eid && l.ledgerEid === ledger.manifest.eid && l.asset === asset,
  );
  if (lane === undefined) throw new Error(`no lane ${vault.manifest.eid}->${ledger.manifest.eid} ${asset}`);
  return lane;
}

async function metrics(): Promise<string> {
  return (await fetch(`${net.url}/metrics`)).text();
}

/** The value of one Prometheus series, or undefined when absent. */
function series(text: string, name: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

const laneLabel = (vault: ChainDriver, ledger: ChainDriver, asset: Address) =>
  `${vault.manifest.eid}:${ledger.manifest.eid}:${asset.toLowerCase()}`;

describe("reconciliation on a devnet", () => {
  let inFlightGuid: Hex;
  let inFlightHash: Hash;

  test("after locks and releases, every lane and vault is consistent; a LOCK in flight counts on its lane", async () => {
    const { a, b, user } = net;
    const usdcA = a.manifest.tokens.usdc;
    const wethB = b.manifest.tokens.weth;
    const first = await lock(a.wallet(user), {
      chain: a.manifest,
      asset: usdcA,
      amount: 100n * USDC,
      dstEid: b.manifest.eid,
    });
    await deliver(net.devnet, a, b, first.transactionHash);
    const second = await lock(a.wallet(user), {
      chain: a.manifest,
      asset: usdcA,
      amount: 50n * USDC,
      dstEid: b.manifest.eid,
    });
    inFlightGuid = second.guid;
    inFlightHash = second.transactionHash;
    const weth = await lock(b.wallet(user), {
      chain: b.manifest,
      asset: wethB,
      amount: 2n * WAD,
      dstEid: a.manifest.eid,
    });
    await deliver(net.devnet, b, a, weth.transactionHash);
    const release = await requestRelease(b.wallet(user), {
      chain: b.manifest,
      srcEid: a.manifest.eid,
      asset: usdcA,
      amount: 30n * USDC,
    });
    await deliver(net.devnet, b, a, release.transactionHash);
    await net.sync();

    const run = await net.app.get(ReconciliationService).run();
    expect(run.unread).toEqual([]);
    // Account level: the user's USDC (from A) on B and WETH (from B) on A, each equal to balanceOf.
    // (The other accounts on the ledgers, the devnet's LP and the markets, hold cash and LP shares only.)
    expect(run.accounts).toMatchObject({ balances: 2, mismatches: 0, unread: [] });
    const report = await lanes();
    expect(report.reconciledAt).not.toBeNull();
    expect(report.runs).toBe(1);
    expect(report.lanes).toHaveLength(2 * 2 * 3);
    expect(report.lanes.filter((lane) => lane.status !== "consistent")).toEqual([]);
    expect(report.vaults).toHaveLength(2 * 3);
    expect(report.vaults.filter((vault) => vault.status !== "consistent")).toEqual([]);

    const usdcLane = laneOf(report, a, b, usdcA);
    expect(usdcLane).toMatchObject({
      vaultChain: "a",
      ledgerChain: "b",
      token: "usdc",
      vaultLocked: (120n * USDC).toString(),
      ledgerCredited: (70n * USDC).toString(),
      inFlightLock: (50n * USDC).toString(),
      inFlightRelease: "0",
      discrepancies: [],
    });
    expect(usdcLane.inFlight.map(({ guid, kind, amount }) => ({ guid, kind, amount }))).toEqual([
      { guid: second.guid.toLowerCase(), kind: "lock", amount: (50n * USDC).toString() },
    ]);
    expect(laneOf(report, b, a, wethB)).toMatchObject({
      vaultLocked: (2n * WAD).toString(),
      ledgerCredited: (2n * WAD).toString(),
    });
    // Both chains read at the block the projection is exact at.
    expect(report.blocks.map(({ blockNumber }) => blockNumber)).toEqual([
      (await a.publicClient.getBlockNumber({ cacheTime: 0 })).toString(),
      (await b.publicClient.getBlockNumber({ cacheTime: 0 })).toString(),
    ]);

    const text = await metrics();
    expect(series(text, 'ballast_lanes{status="consistent"}')).toBe(12);
    expect(series(text, 'ballast_reconciliation_runs_total{outcome="ok"}')).toBe(1);
    expect(text).not.toMatch(/^ballast_lane_discrepancies\{/m);
    expect(webhook.bodies).toEqual([]);
  });

  test("a delivery indexed before its send (the vault chain's indexer behind) is pending, not alerted, then consistent", async () => {
    const { a, b, user } = net;
    const usdcA = a.manifest.tokens.usdc;
    const sent = await lock(a.wallet(user), {
      chain: a.manifest,
      asset: usdcA,
      amount: 10n * USDC,
      dstEid: b.manifest.eid,
    });
    // The 50 USDC LOCK stays in flight but verified, so this later nonce can execute.
    await verifyOnly(a, b, inFlightHash);
    await deliver(net.devnet, a, b, sent.transactionHash);
    await net.sync(b.manifest.eid); // the ledger's chain sees the credit; the vault's chain is not indexed that far

    await net.app.get(ReconciliationService).run();
    const skewed = laneOf(await lanes(), a, b, usdcA);
    expect(skewed.status).toBe("pending");
    expect(skewed.discrepancies).toEqual([]);
    expect(skewed.pending.map(({ kind }) => kind).sort()).toEqual(["laneConservation", "unmatchedDelivery"]);
    expect(skewed.pending.find(({ kind }) => kind === "unmatchedDelivery")).toMatchObject({
      guids: [sent.guid.toLowerCase()],
      actual: (10n * USDC).toString(),
    });
    expect(webhook.bodies).toEqual([]);
    expect(await metrics()).not.toMatch(/^ballast_reconciliation_alerts_total\{/m);

    await net.sync(a.manifest.eid);
    await net.app.get(ReconciliationService).run();
    const caughtUp = laneOf(await lanes(), a, b, usdcA);
    expect(caughtUp.status).toBe("consistent");
    expect(caughtUp.pending).toEqual([]);
  });

  test("a credit forged through a rogue vault peer breaks lane conservation: reported with its amounts and messages, counted, posted, and the vault's locks paused", async () => {
    const { a, b, user, devnet } = net;
    const usdcA = a.manifest.tokens.usdc;
    const owner = devnet.roles.owner;
    // A second CollateralVault on chain A, not in the manifest, made the ledger's peer for chain A
    // (a compromised or misconfigured peer: the failure mode behind the largest bridge losses). Its
    // LOCK credits the ledger on B while the real vault on A holds nothing for it.
    const deployed = await a.publicClient.waitForTransactionReceipt({
      hash: await a.wallet(owner).deployContract({
        abi: collateralVaultAbi,
        bytecode: collateralVaultBytecode,
        args: [a.manifest.endpoint, owner],
      }),
    });
    const rogue = deployed.contractAddress;
    if (rogue === null || rogue === undefined) throw new Error("no rogue vault deployed");
    const send = async (hash: Promise<Hash>, on: ChainDriver) => {
      const receipt = await on.publicClient.waitForTransactionReceipt({ hash: await hash });
      expect(receipt.status).toBe("success");
    };
    const rogueVault = { address: rogue, abi: collateralVaultAbi } as const;
    await send(
      a.wallet(owner).writeContract({
        ...rogueVault,
        functionName: "configureAsset",
        args: [usdcA, true, false, 10n ** 30n],
      }),
      a,
    );
    await send(
      a.wallet(owner).writeContract({
        ...rogueVault,
        functionName: "setPeer",
        args: [b.manifest.eid, addressToBytes32(b.manifest.contracts.marginLedger)],
      }),
      a,
    );
    await send(
      a.wallet(owner).writeContract({
        ...rogueVault,
        functionName: "setEnforcedOptions",
        args: [
          [
            {
              eid: b.manifest.eid,
              msgType: MESSAGE_TYPE.LOCK,
              options: encodeExecutorLzReceiveOption({ gas: LOCK_GAS }),
            },
          ],
        ],
      }),
      a,
    );
    const ledgerB = { address: b.manifest.contracts.marginLedger, abi: marginLedgerAbi } as const;
    await send(
      b.wallet(owner).writeContract({
        ...ledgerB,
        functionName: "setPeer",
        args: [a.manifest.eid, addressToBytes32(rogue)],
      }),
      b,
    );
    const forged = await lock(a.wallet(user), {
      chain: { ...a.manifest, contracts: { ...a.manifest.contracts, collateralVault: rogue } },
      asset: usdcA,
      amount: 25n * USDC,
      dstEid: b.manifest.eid,
    });
    await deliver(net.devnet, a, b, forged.transactionHash);
    await send(
      b.wallet(owner).writeContract({
        ...ledgerB,
        functionName: "setPeer",
        args: [a.manifest.eid, addressToBytes32(a.manifest.contracts.collateralVault)],
      }),
      b,
    );
    await net.sync();

    const service = net.app.get(ReconciliationService);
    const run = await service.run();
    const report = await lanes();
    const lane = laneOf(report, a, b, usdcA);
    expect(lane.status).toBe("discrepancy");
    const vaultLocked = await a.publicClient.readContract({
      address: a.manifest.contracts.collateralVault,
      abi: collateralVaultAbi,
      functionName: "locked",
      args: [b.manifest.eid, usdcA],
      blockNumber: BigInt(lane.vaultBlock ?? 0),
    });
    const credited = await b.publicClient.readContract({
      ...ledgerB,
      functionName: "credited",
      args: [a.manifest.eid, usdcA],
      blockNumber: BigInt(lane.ledgerBlock ?? 0),
    });
    expect(lane.vaultLocked).toBe(vaultLocked.toString());
    expect(lane.ledgerCredited).toBe(credited.toString());
    const conservation = lane.discrepancies.find(({ kind }) => kind === "laneConservation");
    expect(conservation).toMatchObject({
      invariant: 1,
      expected: vaultLocked.toString(),
      actual: (credited + 50n * USDC).toString(),
    });
    expect(BigInt(conservation?.actual ?? 0) - BigInt(conservation?.expected ?? 0)).toBe(25n * USDC);
    expect(conservation?.guids).toEqual(
      expect.arrayContaining([forged.guid.toLowerCase(), inFlightGuid.toLowerCase()]),
    );
    expect(lane.discrepancies.find(({ kind }) => kind === "unmatchedDelivery")).toMatchObject({
      invariant: 4,
      guids: [forged.guid.toLowerCase()],
      actual: (25n * USDC).toString(),
    });
    // Only that lane: the others, and every vault's solvency, still hold.
    expect(report.lanes.filter(({ status }) => status !== "consistent")).toHaveLength(1);

    const text = await metrics();
    const label = laneLabel(a, b, usdcA);
    expect(series(text, `ballast_lane_discrepancies{lane="${label}",kind="laneConservation"}`)).toBe(1);
    expect(series(text, `ballast_lane_discrepancies{lane="${label}",kind="unmatchedDelivery"}`)).toBe(1);
    expect(series(text, 'ballast_reconciliation_alerts_total{kind="laneConservation"}')).toBe(1);
    expect(series(text, 'ballast_lanes{status="discrepancy"}')).toBe(1);

    expect(webhook.bodies).toHaveLength(1);
    const [posted] = webhook.bodies as AlertWebhookBody[]; // what AlertWebhook posts
    expect(posted?.source).toBe("ballast-relayer");
    expect(posted?.resolved).toEqual([]);
    expect(posted?.opened).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "laneConservation",
          invariant: 1,
          vaultEid: a.manifest.eid,
          ledgerEid: b.manifest.eid,
          asset: usdcA.toLowerCase(),
          expected: vaultLocked.toString(),
          actual: (credited + 50n * USDC).toString(),
          guids: expect.arrayContaining([forged.guid.toLowerCase()]),
        }),
        expect.objectContaining({ kind: "unmatchedDelivery", guids: [forged.guid.toLowerCase()] }),
      ]),
    );

    // pauseOnDiscrepancy with the guardian key: the vault on A takes no more locks.
    expect(run.paused).toEqual([
      { vaultEid: a.manifest.eid, alreadyPaused: false, transactionHash: expect.any(String) },
    ]);
    expect(
      await a.publicClient.readContract({
        address: a.manifest.contracts.collateralVault,
        abi: collateralVaultAbi,
        functionName: "locksPaused",
      }),
    ).toBe(true);
    const recorded = await net.app
      .get(Database)
      .selectFrom("transactions")
      .select(["purpose", "status", "hash"])
      .where("purpose", "=", "pauseLocks")
      .execute();
    expect(recorded).toEqual([
      { purpose: "pauseLocks", status: "mined", hash: run.paused[0]?.transactionHash?.toLowerCase() },
    ]);

    // The same discrepancy again: still reported, not alerted twice.
    await service.run();
    expect(laneOf(await lanes(), a, b, usdcA).status).toBe("discrepancy");
    expect(webhook.bodies).toHaveLength(1);
    expect(series(await metrics(), 'ballast_reconciliation_alerts_total{kind="laneConservation"}')).toBe(1);
  });

  test("POST /lanes/:vaultEid/:ledgerEid/:asset/pause: operator only; pauses the lane's vault with the guardian key", async () => {
    const { a, b } = net;
    const wethB = b.manifest.tokens.weth;
    const path = `${net.url}/lanes/${b.manifest.eid}/${a.manifest.eid}/${wethB}/pause`;
    const post = (url: string, token?: string) =>
      getJson<Record<string, unknown>>(url, {
        method: "POST",
        headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      });
    expect((await post(path)).status).toBe(401);
    expect((await post(path, "not-the-operator-token")).status).toBe(401);
    expect(
      await post(`${net.url}/lanes/${b.manifest.eid}/${a.manifest.eid}/0x12/pause`, OPERATOR_TOKEN),
    ).toEqual({
      status: 400,
      body: { statusCode: 400, message: "asset: not an address (0x followed by 40 hex digits)" },
    });
    expect(await post(`${net.url}/lanes/1/${a.manifest.eid}/${wethB}/pause`, OPERATOR_TOKEN)).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        message: `not a chain of the manifest: 1 (known: ${a.manifest.eid}, ${b.manifest.eid})`,
      },
    });

    const vaultB = { address: b.manifest.contracts.collateralVault, abi: collateralVaultAbi } as const;
    expect(await b.publicClient.readContract({ ...vaultB, functionName: "locksPaused" })).toBe(false);
    const paused = await post(path, OPERATOR_TOKEN);
    expect(paused).toEqual({
      status: 200,
      body: {
        vaultEid: b.manifest.eid,
        ledgerEid: a.manifest.eid,
        asset: wethB,
        alreadyPaused: false,
        transactionHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
        note: expect.stringContaining("every lane from eid"),
      },
    });
    expect(await b.publicClient.readContract({ ...vaultB, functionName: "locksPaused" })).toBe(true);
    expect((await post(path, OPERATOR_TOKEN)).body).toMatchObject({
      alreadyPaused: true,
      transactionHash: null,
    });
  });

  test("reads batch through Multicall3 where a chain has one: the same figures in fewer eth_calls", async () => {
    const { a } = net;
    // The devnet puts Multicall3 at its canonical address, as real chains have it.
    const multicall3Code = await a.publicClient.getCode({ address: CANONICAL_MULTICALL3 });
    if (multicall3Code === undefined) throw new Error("the devnet has no Multicall3");
    let ethCalls = 0;
    // The chain's EIP-1193 request function, counting eth_calls.
    const request = a.publicClient.request as EIP1193RequestFn;
    const client = createPublicClient({
      chain: a.publicClient.chain,
      transport: custom({
        request: (args) => {
          if (args.method === "eth_call") ethCalls++;
          return request(args);
        },
      }),
    });
    const vault = { address: a.manifest.contracts.collateralVault, abi: collateralVaultAbi } as const;
    const contracts = Object.values(a.manifest.tokens).flatMap((asset) => [
      { ...vault, functionName: "totalLocked", args: [asset] } as const,
      { ...vault, functionName: "totalClaimable", args: [asset] } as const,
    ]);
    const blockNumber = await a.publicClient.getBlockNumber({ cacheTime: 0 });
    const plain = await readContractsBatched({ client, contracts, blockNumber });
    const plainCalls = ethCalls;
    ethCalls = 0;
    const batched = await readContractsBatched({
      client,
      contracts,
      blockNumber,
      multicall3: CANONICAL_MULTICALL3,
    });
    expect(batched).toEqual(plain);
    expect(plain.some((value) => value > 0n)).toBe(true);
    expect(plainCalls).toBe(contracts.length);
    expect(ethCalls).toBe(1);

    // The canonical address is found by its code; a chain without code there reads one eth_call each.
    const chain = net.app.get(ChainRegistry).byEid(a.manifest.eid);
    expect(await new Multicall3Resolver().resolve(chain)).toBe(CANONICAL_MULTICALL3);
    await a.test.setCode({ address: CANONICAL_MULTICALL3, bytecode: "0x" });
    try {
      expect(await new Multicall3Resolver().resolve(chain)).toBeUndefined();
    } finally {
      await a.test.setCode({ address: CANONICAL_MULTICALL3, bytecode: multicall3Code });
    }
  });

  test("a credit the projection puts on the wrong account: lane sums still agree, account reconciliation names both balances", async () => {
    const { a, b, user, app } = net;
    const other = net.devnet.users[1] as Address; // seven funded users
    const usdcA = a.manifest.tokens.usdc;
    const vaultA = { address: a.manifest.contracts.collateralVault, abi: collateralVaultAbi } as const;
    if (await a.publicClient.readContract({ ...vaultA, functionName: "locksPaused" })) {
      // Paused by the tests above; unpausing is the owner's.
      const owner = a.wallet(net.devnet.roles.owner);
      await a.publicClient.waitForTransactionReceipt({
        hash: await owner.writeContract({ ...vaultA, functionName: "unpauseLocks" }),
      });
    }
    await app.get(ReconciliationService).run();
    const accountFields = (lane: LaneReport) =>
      lane.discrepancies.filter(({ field }) => field?.startsWith("balanceOf(") === true);
    const before = laneOf(await lanes(), a, b, usdcA);
    expect(accountFields(before)).toEqual([]);
    const sent = await lock(a.wallet(user), {
      chain: a.manifest,
      asset: usdcA,
      amount: 7n * USDC,
      dstEid: b.manifest.eid,
    });
    await deliver(net.devnet, a, b, sent.transactionHash);
    await net.sync();
    // An indexer bug, simulated: the stored Credited event names another account.
    const db = app.get(Database);
    const credited = await db
      .selectFrom("events")
      .select(["id", "args"])
      .where("event_name", "=", "Credited")
      .where("guid", "=", sent.guid.toLowerCase())
      .executeTakeFirstOrThrow();
    if (typeof credited.args !== "object" || credited.args === null || Array.isArray(credited.args))
      throw new Error("Credited args are a JSON object");
    await db
      .updateTable("events")
      .set({
        args: JSON.stringify({ ...credited.args, account: other }),
        account: other.toLowerCase(),
      })
      .where("id", "=", credited.id)
      .execute();

    const run = await app.get(ReconciliationService).run();
    expect(run.accounts.mismatches).toBe(2);
    const report = await lanes();
    const lane = laneOf(report, a, b, usdcA);
    expect(lane.status).toBe("discrepancy");
    // The lane's totals agree: only the two account balances differ.
    expect(
      lane.discrepancies.map(({ kind, field, expected, actual }) => ({ kind, field, expected, actual })),
    ).toEqual(
      expect.arrayContaining([
        {
          kind: "projectionMismatch",
          field: `balanceOf(${other.toLowerCase()}).valued`,
          expected: (7n * USDC).toString(),
          actual: "0",
        },
        expect.objectContaining({
          kind: "projectionMismatch",
          field: `balanceOf(${user.toLowerCase()}).valued`,
        }),
      ]),
    );
    expect(accountFields(lane)).toHaveLength(2);
    // The LOCK's own check (invariant 4) sees the beneficiary differ too; the earlier findings stay.
    expect(lane.discrepancies.map(({ id }) => id)).toEqual(
      expect.arrayContaining([
        ...before.discrepancies.map(({ id }) => id),
        `messageMismatch:${laneLabel(a, b, usdcA)}:${sent.guid.toLowerCase()}`,
      ]),
    );
    const mine = lane.discrepancies.find(({ field }) => field === `balanceOf(${user.toLowerCase()}).valued`);
    expect(BigInt(mine?.actual ?? "0") - BigInt(mine?.expected ?? "0")).toBe(7n * USDC);
  });
});
