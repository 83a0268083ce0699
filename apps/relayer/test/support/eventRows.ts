import type { ManifestChain } from "@ballast/sdk";
import type { Abi, Address, Hex } from "viem";
import { EventDecoder } from "../../src/indexer/EventDecoder.js";
import { toEventRow } from "../../src/indexer/toEventRow.js";
import { watchedContracts } from "../../src/indexer/watchedContracts.js";
import type { NewEvent } from "../../src/store/EventRepository.js";
import { rpcLog } from "./rpcLogs.js";

/** Parameters of {@link eventRowOf}. */
export interface EventRowOfParameters {
  chain: ManifestChain;
  address: Address;
  abi: Abi;
  eventName: string;
  args: Record<string, unknown>;
  blockNumber: bigint;
  logIndex: number;
  /** Default: the block number as 32 bytes (another hash makes the same position on another fork). */
  blockHash?: Hex | undefined;
}

/** The `events` row the indexer would store for a log of `chain` (encoded by viem, decoded by the indexer's decoder). */
export function eventRowOf(parameters: EventRowOfParameters): NewEvent {
  const { chain, address, abi, eventName, args, blockNumber, logIndex, blockHash } = parameters;
  const decoded = new EventDecoder(watchedContracts(chain)).decode(
    rpcLog({ address, abi, eventName, args, blockNumber, logIndex }),
  );
  if (decoded === undefined) throw new Error(`${eventName} of ${address} is not a watched event`);
  const row = toEventRow({ chainId: BigInt(chain.chainId), log: decoded });
  return blockHash === undefined ? row : { ...row, block_hash: blockHash.toLowerCase() };
}
