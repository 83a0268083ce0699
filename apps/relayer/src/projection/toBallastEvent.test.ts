import {
  collateralVaultAbi,
  endpointV2Abi,
  marginLedgerAbi,
  perpMarketAbi,
  riskEngineAbi,
} from "@ballast/contracts";
import { applyEvents, type BallastEvent, createProjection, getAccount, getLane } from "@ballast/margin";
import { type Abi, type Address, getAddress, pad } from "viem";
import { describe, expect, test } from "vitest";
import { fakeManifestChain, rpcLog } from "../../test/support/rpcLogs.js";
import { EventDecoder } from "../indexer/EventDecoder.js";
import { toEventRow } from "../indexer/toEventRow.js";
import { watchedContracts } from "../indexer/watchedContracts.js";
import type { StoredEvent } from "../store/EventRepository.js";
import type { JsonValue } from "../store/StoreSchema.js";
import { StoredEventError } from "./StoredEventError.js";
import { toBallastEvent } from "./toBallastEvent.js";

const chain = fakeManifestChain(1); // eid 40102, chain id 31402
const decoder = new EventDecoder(watchedContracts(chain));
const { collateralVault: vault, marginLedger: ledger, riskEngine, perpMarket: market } = chain.contracts;
const usdc = chain.tokens.usdc;
const alice = getAddress("0x00000000000000000000000000000000000a11ce");
const bob = getAddress("0x0000000000000000000000000000000000000b0b");
const guid = pad("0x1234", { size: 32 });
const WAD = 10n ** 18n;

/** The row the indexer stores for a log, read back as the store returns it (jsonb parsed, id assigned). */
function storedRow(
  address: Address,
  abi: Abi,
  eventName: string,
  args: Record<string, unknown>,
  logIndex: number,
): StoredEvent {
  const decoded = decoder.decode(rpcLog({ address, abi, eventName, args, blockNumber: 20n, logIndex }));
  if (decoded === undefined) throw new Error(`${eventName} did not decode`);
  const row = toEventRow({ chainId: BigInt(chain.chainId), log: decoded });
  // A jsonb column reads back as the parsed JSON of the text written.
  const parsed = JSON.parse(row.args) as JsonValue;
  return {
    ...row,
    id: BigInt(logIndex + 1),
    args: parsed,
    guid: row.guid ?? null,
    asset: row.asset ?? null,
    account: row.account ?? null,
    amount: row.amount ?? null,
  };
}

interface Case {
  address: Address;
  abi: Abi;
  type: BallastEvent["type"];
  args: Record<string, unknown>;
  /** PerpMarket events: margin's `market` is the emitting contract. */
  market?: Address;
}

const CASES: Case[] = [
  {
    address: vault,
    abi: collateralVaultAbi,
    type: "Locked",
    args: {
      guid,
      dstEid: 40_101,
      asset: usdc,
      sender: alice,
      beneficiary: bob,
      amount: 5n * 10n ** 6n,
      rate: WAD,
    },
  },
  {
    address: vault,
    abi: collateralVaultAbi,
    type: "Released",
    args: { guid, srcEid: 40_103, asset: usdc, recipient: alice, amount: 7n },
  },
  {
    address: vault,
    abi: collateralVaultAbi,
    type: "ReleaseClaimable",
    args: { guid, srcEid: 40_103, asset: usdc, recipient: alice, amount: 3n },
  },
  {
    address: vault,
    abi: collateralVaultAbi,
    type: "Claimed",
    args: { account: alice, asset: usdc, to: bob, amount: 3n },
  },
  {
    address: vault,
    abi: collateralVaultAbi,
    type: "RateSynced",
    args: { guid, dstEid: 40_101, asset: usdc, rate: WAD + 1n },
  },
  {
    address: ledger,
    abi: marginLedgerAbi,
    type: "Credited",
    args: {
      guid,
      srcEid: 40_101,
      asset: usdc,
      account: alice,
      amount: 2n ** 200n,
      valued: 2n ** 200n - 9n,
      parked: 9n,
    },
  },
  {
    address: ledger,
    abi: marginLedgerAbi,
    type: "ReleaseRequested",
    args: { guid, srcEid: 40_101, asset: usdc, account: alice, recipient: bob, amount: 11n },
  },
  {
    address: ledger,
    abi: marginLedgerAbi,
    type: "ParkedActivated",
    args: { account: alice, srcEid: 40_101, asset: usdc, amount: 4n },
  },
  {
    address: ledger,
    abi: marginLedgerAbi,
    type: "CashDeposited",
    args: { account: alice, from: bob, amount: 100n },
  },
  {
    address: ledger,
    abi: marginLedgerAbi,
    type: "CashWithdrawn",
    args: { account: alice, to: bob, amount: 40n },
  },
  {
    address: ledger,
    abi: marginLedgerAbi,
    type: "PnlSettled",
    args: { market, account: alice, amount: -25n },
  },
  {
    address: ledger,
    abi: marginLedgerAbi,
    type: "PenaltyCharged",
    args: { market, account: alice, penalty: 10n, keeper: bob, keeperReward: 4n },
  },
  {
    address: ledger,
    abi: marginLedgerAbi,
    type: "Liquidated",
    args: {
      liquidator: bob,
      account: alice,
      srcEid: 40_101,
      asset: usdc,
      repaid: 6n,
      seized: 8n,
      seizedAsParked: true,
    },
  },
  {
    address: ledger,
    abi: marginLedgerAbi,
    type: "LossSocialized",
    args: { market, account: alice, amount: 2n },
  },
  {
    address: ledger,
    abi: marginLedgerAbi,
    type: "BadDebtSettled",
    args: { account: alice, debt: 5n, fromInsurance: 3n, socialized: 2n },
  },
  { address: ledger, abi: marginLedgerAbi, type: "InsuranceDeposited", args: { from: bob, amount: 50n } },
  { address: ledger, abi: marginLedgerAbi, type: "InsuranceWithdrawn", args: { to: bob, amount: 5n } },
  {
    address: riskEngine,
    abi: riskEngineAbi,
    type: "RateUpdated",
    args: { srcEid: 40_101, asset: usdc, reported: WAD + 5n, applied: WAD + 4n, nonce: 2n ** 63n },
  },
  {
    address: market,
    abi: perpMarketAbi,
    type: "PositionChanged",
    market,
    args: {
      account: alice,
      sizeDelta: -WAD,
      size: -2n * WAD,
      openNotional: -6_000n,
      price: 3_000n,
      realizedPnl: -1n,
    },
  },
  {
    address: market,
    abi: perpMarketAbi,
    type: "PositionLiquidated",
    market,
    args: {
      account: alice,
      liquidator: bob,
      size: -WAD,
      price: 3_100n,
      realizedPnl: -100n,
      penalty: 9n,
      keeperReward: 3n,
    },
  },
  {
    address: market,
    abi: perpMarketAbi,
    type: "LiquidityDeposited",
    market,
    args: { provider: bob, amount: 1_000n, shares: 990n },
  },
  {
    address: market,
    abi: perpMarketAbi,
    type: "LiquidityWithdrawn",
    market,
    args: { provider: bob, to: alice, amount: 100n, shares: 99n },
  },
];

describe("toBallastEvent", () => {
  test("covers every event type @ballast/margin projects", () => {
    const types: BallastEvent["type"][] = CASES.map(({ type }) => type);
    expect(new Set(types).size).toBe(22);
  });

  test.each(CASES)(
    "$type: the stored row becomes margin's event, field by field",
    ({ address, abi, type, args, market }) => {
      const row = storedRow(address, abi, type, args, 5);
      expect(toBallastEvent(row, chain.eid)).toEqual({
        type,
        key: { chainId: chain.chainId, blockHash: row.block_hash, logIndex: 5 },
        eid: chain.eid,
        blockNumber: 20n,
        ...args,
        ...(market === undefined ? {} : { market: market.toLowerCase() }),
      });
    },
  );

  test("margin accepts the converted events and projects balances from them", () => {
    const lock = storedRow(vault, collateralVaultAbi, "Locked", { ...CASES[0]?.args }, 1);
    const credit = storedRow(
      ledger,
      marginLedgerAbi,
      "Credited",
      {
        guid: pad("0x99", { size: 32 }),
        srcEid: 40_101,
        asset: usdc,
        account: alice,
        amount: 9n,
        valued: 6n,
        parked: 3n,
      },
      2,
    );
    const events = [lock, credit].flatMap((row) => toBallastEvent(row, chain.eid) ?? []);
    const state = applyEvents(createProjection(), events);
    const lane = getLane(state, chain.eid, 40_101, usdc);
    expect(lane.inFlightLock).toBe(5n * 10n ** 6n);
    expect(getAccount(state, alice).ledgers[0]?.collateral).toEqual([
      { srcEid: 40_101, asset: usdc.toLowerCase(), valued: 6n, parked: 3n },
    ]);
    // Applying the same rows again changes nothing (margin keys events by chain, block hash, log index).
    expect(applyEvents(state, events)).toStrictEqual(state);
  });

  test("rows the projection has no use for give undefined: endpoint, admin, and a name from another contract", () => {
    const packet = storedRow(
      chain.endpoint,
      endpointV2Abi,
      "PacketDelivered",
      { origin: { srcEid: 40_101, sender: pad(vault, { size: 32 }), nonce: 1n }, receiver: ledger },
      1,
    );
    expect(toBallastEvent(packet, chain.eid)).toBeUndefined();
    const admin = storedRow(ledger, marginLedgerAbi, "MarketAdded", { market }, 2);
    expect(toBallastEvent(admin, chain.eid)).toBeUndefined();
    const locked = storedRow(vault, collateralVaultAbi, "Locked", { ...CASES[0]?.args }, 3);
    expect(toBallastEvent({ ...locked, contract: "marginLedger" }, chain.eid)).toBeUndefined();
  });

  test("a malformed field throws StoredEventError naming the row and the field", () => {
    const row = storedRow(vault, collateralVaultAbi, "Locked", { ...CASES[0]?.args }, 4);
    const args = row.args as { [key: string]: JsonValue }; // a Locked row's args are an object
    const broken: StoredEvent = { ...row, args: { ...args, amount: "12.5" } };
    expect(() => toBallastEvent(broken, chain.eid)).toThrow(StoredEventError);
    expect(() => toBallastEvent(broken, chain.eid)).toThrow(
      /event 5 \(Locked on chain 31402\): args\.amount/,
    );
    const { dstEid: _dstEid, ...missing } = args;
    expect(() => toBallastEvent({ ...row, args: missing }, chain.eid)).toThrow(/args\.dstEid/);
    expect(() => toBallastEvent({ ...row, args: [1, 2] }, chain.eid)).toThrow(/args is missing or malformed/);
  });
});
