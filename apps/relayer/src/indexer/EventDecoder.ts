import {
  type AbiParameter,
  type Address,
  decodeAbiParameters,
  type Hex,
  type RpcLog,
  toEventSelector,
} from "viem";
import type { ContractRole } from "../store/StoreSchema.js";
import { IndexerError } from "./errors.js";
import type { WatchedContract } from "./watchedContracts.js";

/** A log of a watched contract, decoded. */
export interface DecodedLog {
  role: ContractRole;
  /** Lowercase. */
  address: Address;
  eventName: string;
  /** Arguments by name: bigints, checksummed addresses, hex bytes; an indexed dynamic value is its topic hash. */
  args: Record<string, unknown>;
  blockNumber: bigint;
  /** Lowercase. */
  blockHash: Hex;
  logIndex: number;
  /** Lowercase. */
  transactionHash: Hex;
  transactionIndex: number;
}

interface CompiledEvent {
  name: string;
  indexed: readonly AbiParameter[];
  data: readonly AbiParameter[];
}

/** Indexed values of these types are stored as their keccak hash, not decodable from the topic. */
function isHashedTopic(type: string): boolean {
  return type === "string" || type === "bytes" || type.endsWith("]") || type.startsWith("tuple");
}

/**
 * Decodes the logs of watched contracts through a precomputed (address, topic0) -> event map: one
 * lookup and the ABI decoding per log, no signature hashing (viem's `parseEventLogs` over a merged
 * ABI hashes every event of it per log). Logs of other addresses, or with a topic0 that is not a
 * kept event of their contract, decode to `undefined`.
 */
export class EventDecoder {
  private readonly byAddress = new Map<string, Map<Hex, CompiledEvent>>();
  private readonly roles = new Map<string, ContractRole>();

  constructor(contracts: readonly WatchedContract[]) {
    for (const { role, address, events } of contracts) {
      const byTopic = new Map<Hex, CompiledEvent>();
      for (const event of events) {
        if (event.anonymous === true) continue;
        byTopic.set(toEventSelector(event), {
          name: event.name,
          indexed: event.inputs.filter((input) => "indexed" in input && input.indexed === true),
          data: event.inputs.filter((input) => !("indexed" in input && input.indexed === true)),
        });
      }
      this.byAddress.set(address.toLowerCase(), byTopic);
      this.roles.set(address.toLowerCase(), role);
    }
  }

  /** The watched addresses (lowercase), for the `eth_getLogs` filter. */
  addresses(): Address[] {
    // the map's keys are the lowercase addresses it was built from
    return [...this.byAddress.keys()] as Address[];
  }

  /** Every kept topic0, for the `eth_getLogs` filter. */
  topics(): Hex[] {
    const all = new Set<Hex>();
    for (const byTopic of this.byAddress.values()) for (const topic of byTopic.keys()) all.add(topic);
    return [...all];
  }

  /**
   * The log decoded, or `undefined` when it is not a kept event of a watched contract (the address
   * is checked here too, whatever the RPC filtered). Throws {@link IndexerError} for a log of a
   * watched contract and event that does not decode, or that lacks its position (a pending log).
   */
  decode(log: RpcLog): DecodedLog | undefined {
    const address = log.address.toLowerCase();
    const byTopic = this.byAddress.get(address);
    const [topic0, ...argTopics] = log.topics;
    if (byTopic === undefined || topic0 === undefined) return undefined;
    const event = byTopic.get(topic0.toLowerCase() as Hex); // lowercase hex stays hex
    if (event === undefined) return undefined;
    const role = this.roles.get(address);
    if (
      role === undefined ||
      log.blockNumber === null ||
      log.blockHash === null ||
      log.logIndex === null ||
      log.transactionHash === null ||
      log.transactionIndex === null
    ) {
      throw new IndexerError(`${event.name} log of ${address} has no block position`);
    }
    const args: Record<string, unknown> = {};
    try {
      event.indexed.forEach((input, i) => {
        const topic = argTopics[i];
        if (topic === undefined) throw new IndexerError(`topic ${i + 1} missing`);
        args[input.name ?? String(i)] = isHashedTopic(input.type)
          ? topic
          : decodeAbiParameters([input], topic)[0];
      });
      const values = event.data.length === 0 ? [] : decodeAbiParameters(event.data, log.data);
      event.data.forEach((input, i) => {
        args[input.name ?? String(i)] = values[i];
      });
    } catch (cause) {
      throw new IndexerError(`${event.name} log ${log.logIndex} of ${address} does not decode`, { cause });
    }
    return {
      role,
      address: address as Address, // lowercased from an address
      eventName: event.name,
      args,
      blockNumber: BigInt(log.blockNumber),
      blockHash: log.blockHash.toLowerCase() as Hex, // lowercase hex stays hex
      logIndex: Number(log.logIndex),
      transactionHash: log.transactionHash.toLowerCase() as Hex, // lowercase hex stays hex
      transactionIndex: Number(log.transactionIndex),
    };
  }
}
