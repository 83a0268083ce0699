import { perpMarketAbi } from "@ballast/contracts";
import {
  type BallastReadClient,
  depositCash,
  getAccount,
  lock,
  openPosition,
  requestRelease,
} from "@ballast/sdk";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HttpErrorBody } from "../../src/api/HttpErrorFilter.js";
import type { AccountReport } from "../../src/projection/AccountReport.js";
import type { MarketsReport } from "../../src/projection/MarketsReport.js";
import { deliver } from "../support/devnetChains.js";
import { getJson, type RelayerDevnet, startRelayerDevnet } from "../support/relayerDevnet.js";

const USDC = 10n ** 6n;
const WAD = 10n ** 18n;

let net: RelayerDevnet;

beforeAll(async () => {
  net = await startRelayerDevnet();
});

afterAll(async () => {
  await net?.stop();
});

/** The sdk's live account as the API writes it: bigints as decimal strings, absent values as null. */
async function liveLedgers(): Promise<unknown> {
  const clients: Record<number, BallastReadClient> = {
    [net.a.manifest.eid]: net.a.publicClient,
    [net.b.manifest.eid]: net.b.publicClient,
  };
  const live = await getAccount({ manifest: net.devnet.manifest, clients, account: net.user });
  return JSON.parse(
    JSON.stringify(live.ledgers, (_key, value: unknown) =>
      typeof value === "bigint" ? value.toString() : value === undefined ? null : value,
    ),
  );
}

async function account(): Promise<AccountReport> {
  const { status, body } = await getJson<AccountReport>(`${net.url}/accounts/${net.user.toLowerCase()}`);
  expect(status).toBe(200);
  return body;
}

const balanceOf = (report: AccountReport, ledgerEid: number, srcEid: number) =>
  report.balances.find((row) => row.ledgerEid === ledgerEid && row.srcEid === srcEid);

describe("GET /accounts/:address and GET /markets on a devnet", () => {
  test("a LOCK shows in flight, exactly, until it is delivered; then it is credited and equals the sdk's account", async () => {
    const { a, b, user } = net;
    const usdcA = a.manifest.tokens.usdc;
    const sent = await lock(a.wallet(user), {
      chain: a.manifest,
      asset: usdcA,
      amount: 1_000n * USDC,
      dstEid: b.manifest.eid,
    });
    await net.sync();

    const inFlight = await account();
    expect(inFlight.address).toBe(user);
    expect(inFlight.inFlight).toEqual([
      {
        guid: sent.guid.toLowerCase(),
        kind: "lock",
        vaultEid: a.manifest.eid,
        ledgerEid: b.manifest.eid,
        asset: usdcA,
        amount: (1_000n * USDC).toString(),
        status: "sent",
        sentChainId: a.manifest.chainId,
        sentBlockNumber: sent.receipt.blockNumber.toString(),
        sentBlockHash: sent.receipt.blockHash.toLowerCase(),
        sentLogIndex: expect.any(Number),
        ageSeconds: expect.any(Number),
      },
    ]);
    expect(balanceOf(inFlight, b.manifest.eid, a.manifest.eid)).toEqual({
      ledgerEid: b.manifest.eid,
      srcEid: a.manifest.eid,
      asset: usdcA,
      valued: "0",
      parked: "0",
      value: "0",
      free: "0",
      inFlightLock: (1_000n * USDC).toString(),
      inFlightRelease: "0",
    });
    expect(inFlight.projection.map(({ eid, blockNumber }) => [eid, blockNumber])).toEqual([
      [a.manifest.eid, (await a.publicClient.getBlockNumber({ cacheTime: 0 })).toString()],
      [b.manifest.eid, (await b.publicClient.getBlockNumber({ cacheTime: 0 })).toString()],
    ]);
    expect(inFlight.ledgers).toEqual(await liveLedgers());

    await deliver(net.devnet, a, b, sent.transactionHash);
    await net.sync();
    const credited = await account();
    expect(credited.inFlight).toEqual([]);
    expect(balanceOf(credited, b.manifest.eid, a.manifest.eid)).toMatchObject({
      valued: (1_000n * USDC).toString(),
      parked: "0",
      inFlightLock: "0",
      inFlightRelease: "0",
    });
    expect(credited.ledgers).toEqual(await liveLedgers());
  });

  test("with cash and a position: health, positions and a RELEASE in flight, equal to the sdk's figures", async () => {
    const { a, b, user } = net;
    const usdcA = a.manifest.tokens.usdc;
    await depositCash(b.wallet(user), { chain: b.manifest, amount: 500n * USDC });
    await openPosition(b.wallet(user), { chain: b.manifest, sizeDelta: WAD / 10n });
    const released = await requestRelease(b.wallet(user), {
      chain: b.manifest,
      srcEid: a.manifest.eid,
      asset: usdcA,
      amount: 400n * USDC,
    });
    await net.sync();

    const report = await account();
    expect(report.inFlight).toMatchObject([
      {
        guid: released.guid.toLowerCase(),
        kind: "release",
        amount: (400n * USDC).toString(),
        recipient: user,
      },
    ]);
    expect(balanceOf(report, b.manifest.eid, a.manifest.eid)).toMatchObject({
      valued: (600n * USDC).toString(),
      inFlightLock: "0",
      inFlightRelease: (400n * USDC).toString(),
    });
    const ledgerB = report.ledgers.find(({ eid }) => eid === b.manifest.eid);
    expect(ledgerB?.cash).toBe((500n * USDC).toString());
    expect(ledgerB?.positions.map(({ size }) => size)).toEqual([(WAD / 10n).toString()]);
    expect(BigInt(ledgerB?.health.initialMargin ?? "0")).toBeGreaterThan(0n);
    expect(report.ledgers).toEqual(await liveLedgers());

    await deliver(net.devnet, b, a, released.transactionHash);
    await net.sync();
    const paid = await account();
    expect(paid.inFlight).toEqual([]);
    expect(balanceOf(paid, b.manifest.eid, a.manifest.eid)?.inFlightRelease).toBe("0");
  });

  test("GET /markets: open interest, pool value and mark price of each ledger's market, as the market reports them", async () => {
    const { a, b } = net;
    const { status, body } = await getJson<MarketsReport>(`${net.url}/markets`);
    expect(status).toBe(200);
    expect(body.ledgers.map(({ eid, name }) => [eid, name])).toEqual([
      [a.manifest.eid, a.manifest.name],
      [b.manifest.eid, b.manifest.name],
    ]);
    const onB = body.ledgers[1];
    const [market] = onB?.markets ?? [];
    expect(market?.address).toBe(b.manifest.contracts.perpMarket);
    const at = {
      address: b.manifest.contracts.perpMarket,
      abi: perpMarketAbi,
      blockNumber: BigInt(onB?.blockNumber ?? 0),
    } as const;
    const [markPrice, ok] = await b.publicClient.readContract({ ...at, functionName: "markPrice" });
    expect(market).toMatchObject({
      markPrice: markPrice.toString(),
      markPriceOk: ok,
      longOpenInterest: (WAD / 10n).toString(),
      shortOpenInterest: "0",
      netSize: (WAD / 10n).toString(),
      poolValue: (await b.publicClient.readContract({ ...at, functionName: "poolValue" })).toString(),
      totalLpShares: (await b.publicClient.readContract({ ...at, functionName: "totalLpShares" })).toString(),
    });
    expect(body.ledgers[0]?.markets[0]?.longOpenInterest).toBe("0");
  });

  test("GET /accounts/not-an-address: 400 with a message naming the parameter", async () => {
    const { status, body } = await getJson<HttpErrorBody>(`${net.url}/accounts/not-an-address`);
    expect(status).toBe(400);
    expect(body).toEqual({
      statusCode: 400,
      message: "address: not an address (0x followed by 40 hex digits)",
    });
    const short = await getJson<HttpErrorBody>(`${net.url}/accounts/0x1234`);
    expect(short.status).toBe(400);
  });

  test("the OpenAPI document declares the routes and their schemas", async () => {
    const { body } = await getJson<{
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    }>(`${net.url}/openapi.json`);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(["/accounts/{address}", "/markets", "/lanes"]),
    );
    expect(Object.keys(body.components.schemas)).toEqual(
      expect.arrayContaining([
        "AccountReport",
        "AccountLedgerReport",
        "AccountBalanceReport",
        "AccountInFlightMessageReport",
        "MarketsReport",
        "LanesReport",
        "LaneReport",
        "DiscrepancyReport",
      ]),
    );
  });
});
