import type { Hex } from "viem";
import type { NewEvent } from "../store/EventRepository.js";
import { toJsonText } from "../store/pgValues.js";
import type { DecodedLog } from "./EventDecoder.js";

/** Parameters of {@link toEventRow}. */
export interface ToEventRowParameters {
  chainId: bigint;
  log: DecodedLog;
  /** The LayerZero guid the event concerns when it is not an argument (endpoint events). */
  guid?: Hex | undefined;
}

const asLowerHex = (value: unknown): string | null =>
  typeof value === "string" ? value.toLowerCase() : null;

/** The `events` row of a decoded log: args as JSON, and the guid, asset, account and amount pulled out. */
export function toEventRow(parameters: ToEventRowParameters): NewEvent {
  const { chainId, log, guid } = parameters;
  const { args } = log;
  return {
    chain_id: chainId,
    block_hash: log.blockHash,
    log_index: log.logIndex,
    block_number: log.blockNumber,
    tx_hash: log.transactionHash,
    tx_index: log.transactionIndex,
    address: log.address,
    contract: log.role,
    event_name: log.eventName,
    args: toJsonText(args),
    guid: guid?.toLowerCase() ?? asLowerHex(args.guid),
    asset: asLowerHex(args.asset),
    account: asLowerHex(args.account),
    amount: typeof args.amount === "bigint" ? args.amount : null,
  };
}
