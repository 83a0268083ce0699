import type { BallastEvent, BallastEventBase } from "@ballast/margin";
import type { StoredEvent } from "../store/EventRepository.js";
import type { ContractRole, JsonValue } from "../store/StoreSchema.js";
import { StoredEventError } from "./StoredEventError.js";

/** A `0x`-prefixed string: what `@ballast/margin` takes for addresses and hashes (it checks the length). */
type HexString = `0x${string}`;

function isHexString(value: unknown): value is HexString {
  return typeof value === "string" && /^0x[0-9a-fA-F]*$/.test(value);
}

/** Reads the decoded arguments of one stored row, naming the row and field in every error. */
class ArgsReader {
  readonly #args: { readonly [key: string]: JsonValue };

  constructor(private readonly row: StoredEvent) {
    const { args } = row;
    if (typeof args !== "object" || args === null || Array.isArray(args)) {
      throw this.#error("args", args);
    }
    this.#args = args;
  }

  /** An address or bytes32 (hex). */
  hex(field: string): HexString {
    const value = this.#args[field];
    if (!isHexString(value)) throw this.#error(field, value);
    return value;
  }

  /** A uint32 (an eid): viem decodes it as a number; a decimal string is accepted too. */
  number(field: string): number {
    const value = this.#args[field];
    const parsed = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof parsed !== "number" || !Number.isSafeInteger(parsed) || parsed < 0) {
      throw this.#error(field, value);
    }
    return parsed;
  }

  /** A uint256 or int256: stored as a decimal string (`toJsonArgs`). */
  bigint(field: string): bigint {
    const value = this.#args[field];
    if (typeof value === "string" && /^-?\d+$/.test(value)) return BigInt(value);
    if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
    throw this.#error(field, value);
  }

  bool(field: string): boolean {
    const value = this.#args[field];
    if (typeof value !== "boolean") throw this.#error(field, value);
    return value;
  }

  #error(field: string, value: unknown): StoredEventError {
    const { id, event_name: name, chain_id: chainId } = this.row;
    return new StoredEventError(
      `event ${id} (${name} on chain ${chainId}): args.${field} is missing or malformed: ${JSON.stringify(value)}`,
    );
  }
}

/** The contract each projected event must come from (an event of the same name elsewhere is not ours to apply). */
const EMITTER: Readonly<Record<BallastEvent["type"], ContractRole>> = {
  Locked: "collateralVault",
  Released: "collateralVault",
  ReleaseClaimable: "collateralVault",
  Claimed: "collateralVault",
  RateSynced: "collateralVault",
  Credited: "marginLedger",
  ReleaseRequested: "marginLedger",
  ParkedActivated: "marginLedger",
  CashDeposited: "marginLedger",
  CashWithdrawn: "marginLedger",
  PnlSettled: "marginLedger",
  PenaltyCharged: "marginLedger",
  Liquidated: "marginLedger",
  LossSocialized: "marginLedger",
  BadDebtSettled: "marginLedger",
  InsuranceDeposited: "marginLedger",
  InsuranceWithdrawn: "marginLedger",
  RateUpdated: "riskEngine",
  PositionChanged: "perpMarket",
  PositionLiquidated: "perpMarket",
  LiquidityDeposited: "perpMarket",
  LiquidityWithdrawn: "perpMarket",
};

function isProjectedType(name: string): name is BallastEvent["type"] {
  return Object.hasOwn(EMITTER, name);
}

/**
 * The `@ballast/margin` event of a stored row, or `undefined` for a row the projection has no use
 * for (endpoint packet events, admin events such as `PeerSet` or `MarketAdded`).
 *
 * The key is the row's (chain id, block hash, log index), which margin applies at most once; `eid`
 * is the LayerZero endpoint id of the row's chain; PerpMarket events take the emitting contract as
 * `market`. Arguments are read from the row's jsonb `args` as the indexer stored them: bigints as
 * decimal strings, uint32 as numbers, addresses checksummed (margin lowercases them). No
 * `blockTimestamp`: the store keeps none (message ages come from the messages table instead).
 *
 * Throws {@link StoredEventError} when a field of a projected event is missing or malformed.
 */
export function toBallastEvent(row: StoredEvent, eid: number): BallastEvent | undefined {
  const type = row.event_name;
  if (!isProjectedType(type) || EMITTER[type] !== row.contract) return undefined;
  if (!isHexString(row.block_hash) || !isHexString(row.address)) {
    throw new StoredEventError(`event ${row.id} (${type}): block hash or address is not hex`);
  }
  const chainId = Number(row.chain_id);
  const base: BallastEventBase = {
    key: { chainId, blockHash: row.block_hash, logIndex: row.log_index },
    eid,
    blockNumber: row.block_number,
  };
  const a = new ArgsReader(row);
  switch (type) {
    case "Locked":
      return {
        ...base,
        type,
        guid: a.hex("guid"),
        dstEid: a.number("dstEid"),
        asset: a.hex("asset"),
        sender: a.hex("sender"),
        beneficiary: a.hex("beneficiary"),
        amount: a.bigint("amount"),
        rate: a.bigint("rate"),
      };
    case "Released":
    case "ReleaseClaimable":
      return {
        ...base,
        type,
        guid: a.hex("guid"),
        srcEid: a.number("srcEid"),
        asset: a.hex("asset"),
        recipient: a.hex("recipient"),
        amount: a.bigint("amount"),
      };
    case "Claimed":
      return {
        ...base,
        type,
        account: a.hex("account"),
        asset: a.hex("asset"),
        to: a.hex("to"),
        amount: a.bigint("amount"),
      };
    case "RateSynced":
      return {
        ...base,
        type,
        guid: a.hex("guid"),
        dstEid: a.number("dstEid"),
        asset: a.hex("asset"),
        rate: a.bigint("rate"),
      };
    case "Credited":
      return {
        ...base,
        type,
        guid: a.hex("guid"),
        srcEid: a.number("srcEid"),
        asset: a.hex("asset"),
        account: a.hex("account"),
        amount: a.bigint("amount"),
        valued: a.bigint("valued"),
        parked: a.bigint("parked"),
      };
    case "ReleaseRequested":
      return {
        ...base,
        type,
        guid: a.hex("guid"),
        srcEid: a.number("srcEid"),
        asset: a.hex("asset"),
        account: a.hex("account"),
        recipient: a.hex("recipient"),
        amount: a.bigint("amount"),
      };
    case "ParkedActivated":
      return {
        ...base,
        type,
        account: a.hex("account"),
        srcEid: a.number("srcEid"),
        asset: a.hex("asset"),
        amount: a.bigint("amount"),
      };
    case "CashDeposited":
      return { ...base, type, account: a.hex("account"), from: a.hex("from"), amount: a.bigint("amount") };
    case "CashWithdrawn":
      return { ...base, type, account: a.hex("account"), to: a.hex("to"), amount: a.bigint("amount") };
    case "PnlSettled":
      return {
        ...base,
        type,
        market: a.hex("market"),
        account: a.hex("account"),
        amount: a.bigint("amount"),
      };
    case "PenaltyCharged":
      return {
        ...base,
        type,
        market: a.hex("market"),
        account: a.hex("account"),
        penalty: a.bigint("penalty"),
        keeper: a.hex("keeper"),
        keeperReward: a.bigint("keeperReward"),
      };
    case "Liquidated":
      return {
        ...base,
        type,
        liquidator: a.hex("liquidator"),
        account: a.hex("account"),
        srcEid: a.number("srcEid"),
        asset: a.hex("asset"),
        repaid: a.bigint("repaid"),
        seized: a.bigint("seized"),
        seizedAsParked: a.bool("seizedAsParked"),
      };
    case "LossSocialized":
      return {
        ...base,
        type,
        market: a.hex("market"),
        account: a.hex("account"),
        amount: a.bigint("amount"),
      };
    case "BadDebtSettled":
      return {
        ...base,
        type,
        account: a.hex("account"),
        debt: a.bigint("debt"),
        fromInsurance: a.bigint("fromInsurance"),
        socialized: a.bigint("socialized"),
      };
    case "InsuranceDeposited":
      return { ...base, type, from: a.hex("from"), amount: a.bigint("amount") };
    case "InsuranceWithdrawn":
      return { ...base, type, to: a.hex("to"), amount: a.bigint("amount") };
    case "RateUpdated":
      return {
        ...base,
        type,
        srcEid: a.number("srcEid"),
        asset: a.hex("asset"),
        reported: a.bigint("reported"),
        applied: a.bigint("applied"),
        nonce: a.bigint("nonce"),
      };
    case "PositionChanged":
      return {
        ...base,
        type,
        market: row.address,
        account: a.hex("account"),
        sizeDelta: a.bigint("sizeDelta"),
        size: a.bigint("size"),
        openNotional: a.bigint("openNotional"),
        price: a.bigint("price"),
        realizedPnl: a.bigint("realizedPnl"),
      };
    case "PositionLiquidated":
      return {
        ...base,
        type,
        market: row.address,
        account: a.hex("account"),
        liquidator: a.hex("liquidator"),
        size: a.bigint("size"),
        price: a.bigint("price"),
        realizedPnl: a.bigint("realizedPnl"),
        penalty: a.bigint("penalty"),
        keeperReward: a.bigint("keeperReward"),
      };
    case "LiquidityDeposited":
      return {
        ...base,
        type,
        market: row.address,
        provider: a.hex("provider"),
        amount: a.bigint("amount"),
        shares: a.bigint("shares"),
      };
    case "LiquidityWithdrawn":
      return {
        ...base,
        type,
        market: row.address,
        provider: a.hex("provider"),
        to: a.hex("to"),
        amount: a.bigint("amount"),
        shares: a.bigint("shares"),
      };
  }
}
