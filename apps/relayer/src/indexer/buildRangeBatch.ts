import { computeGuid, decodePacket, InvalidPacketError } from "@ballast/sdk";
import { type Address, type Hex, pad, type RpcLog } from "viem";
import type { NewEvent } from "../store/EventRepository.js";
import type { NewMessage } from "../store/MessageRepository.js";
import type { EventDecoder } from "./EventDecoder.js";
import { IndexerError } from "./errors.js";
import { toEventRow } from "./toEventRow.js";
import { toMessageRow } from "./toMessageRow.js";

/** Ballast events that go with a `PacketSent` of the same guid in the same transaction. */
export const SEND_EVENTS = ["Locked", "RateSynced", "ReleaseRequested"] as const;

const ZERO_GUID = pad("0x00", { size: 32 });

/** Parameters of {@link buildRangeBatch}. */
export interface BuildRangeBatchParameters {
  chainId: bigint;
  /** The chain's LayerZero eid. */
  eid: number;
  decoder: EventDecoder;
  /** Our OApps on the chain (vault and ledger): endpoint events of other OApps are not ours. */
  oapps: readonly Address[];
  logs: readonly RpcLog[];
  now: Date;
}

/** What a range's logs become. */
export interface RangeBatch {
  events: NewEvent[];
  /** One per `PacketSent` of our OApps. */
  messages: NewMessage[];
  /** Guids of our `PacketVerified`/`PacketDelivered` events: their messages' status may move. */
  factGuids: string[];
  /** Guids of our `PacketSent` events. */
  packetGuids: Set<string>;
  /** Guids of Locked/RateSynced/ReleaseRequested (non-zero): each has a `PacketSent` in its transaction. */
  sendEventGuids: Set<string>;
  /** Logs dropped because their contract or event is not watched (a foreign contract, another OApp's packet). */
  ignored: number;
}

/** The deduplicated logs (by block hash and log index), in chain order. */
export function uniqueLogs(logs: readonly RpcLog[]): RpcLog[] {
  const byKey = new Map<string, RpcLog>();
  for (const log of logs) {
    if (log.removed) continue;
    byKey.set(`${log.blockHash?.toLowerCase()}:${log.logIndex}`, log);
  }
  return [...byKey.values()].sort(
    (a, b) =>
      Number(BigInt(a.blockNumber ?? "0x0") - BigInt(b.blockNumber ?? "0x0")) ||
      Number(a.logIndex ?? "0x0") - Number(b.logIndex ?? "0x0"),
  );
}

/**
 * Turns a range's raw logs into store rows: every watched event once, a message per `PacketSent`
 * of our OApps (packet and Ballast payload decoded), and the guids delivery facts and send checks
 * need. Endpoint events of other OApps and logs of unwatched contracts are counted and dropped.
 */
export function buildRangeBatch(parameters: BuildRangeBatchParameters): RangeBatch {
  const { chainId, eid, decoder, logs, now } = parameters;
  const oapps = new Set(parameters.oapps.map((oapp) => oapp.toLowerCase()));
  const oappsBytes32 = new Set(parameters.oapps.map((oapp) => pad(oapp, { size: 32 }).toLowerCase()));
  const batch: RangeBatch = {
    events: [],
    messages: [],
    factGuids: [],
    packetGuids: new Set(),
    sendEventGuids: new Set(),
    ignored: 0,
  };
  for (const raw of uniqueLogs(logs)) {
    const log = decoder.decode(raw);
    if (log === undefined) {
      batch.ignored++;
      continue;
    }
    const { args } = log;
    if (log.role !== "endpoint") {
      batch.events.push(toEventRow({ chainId, log }));
      const guid = typeof args.guid === "string" ? args.guid.toLowerCase() : undefined;
      if (
        (SEND_EVENTS as readonly string[]).includes(log.eventName) &&
        guid !== undefined &&
        guid !== ZERO_GUID
      ) {
        batch.sendEventGuids.add(guid);
      }
      continue;
    }
    if (log.eventName === "PacketSent") {
      const encodedPacket = args.encodedPayload;
      const options = args.options;
      if (typeof encodedPacket !== "string" || typeof options !== "string") {
        throw new IndexerError(`PacketSent log ${log.logIndex} has no payload`);
      }
      let packet: ReturnType<typeof decodePacket>;
      try {
        packet = decodePacket(encodedPacket as Hex); // an ABI `bytes` value is hex
      } catch (cause) {
        if (!(cause instanceof InvalidPacketError)) throw cause;
        batch.ignored++; // a packet our OApps cannot have sent
        continue;
      }
      if (packet.srcEid !== eid || !oappsBytes32.has(packet.sender.toLowerCase())) {
        batch.ignored++;
        continue;
      }
      batch.events.push(toEventRow({ chainId, log, guid: packet.guid }));
      batch.messages.push(
        toMessageRow({
          chainId,
          log,
          packet,
          encodedPacket: encodedPacket as Hex,
          options: options as Hex,
          now,
        }), // ABI bytes are hex
      );
      batch.packetGuids.add(packet.guid.toLowerCase());
      continue;
    }
    // PacketVerified / PacketDelivered(origin, receiver, ...): ours when the receiver is
    const origin = args.origin;
    const receiver = args.receiver;
    if (
      typeof receiver !== "string" ||
      typeof origin !== "object" ||
      origin === null ||
      !("srcEid" in origin && "sender" in origin && "nonce" in origin)
    ) {
      throw new IndexerError(`${log.eventName} log ${log.logIndex} has no origin`);
    }
    if (!oapps.has(receiver.toLowerCase())) {
      batch.ignored++;
      continue;
    }
    const { srcEid, sender, nonce } = origin;
    if (typeof srcEid !== "number" || typeof sender !== "string" || typeof nonce !== "bigint") {
      throw new IndexerError(`${log.eventName} log ${log.logIndex} has a malformed origin`);
    }
    const guid = computeGuid(nonce, srcEid, sender as Hex, eid, receiver as Address).toLowerCase(); // decoded bytes32 / address
    batch.events.push(toEventRow({ chainId, log, guid: guid as Hex })); // lowercase hex stays hex
    batch.factGuids.push(guid);
  }
  return batch;
}
