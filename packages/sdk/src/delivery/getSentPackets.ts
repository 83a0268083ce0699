import { endpointV2Abi } from "@ballast/contracts";
import {
  type Address,
  decodeEventLog,
  getAbiItem,
  type Hash,
  type Hex,
  isAddressEqual,
  type Log,
  toEventSelector,
} from "viem";
import { InvalidPacketError } from "../errors.js";
import { decodePacket } from "../packet/decodePacket.js";
import type { Packet } from "../packet/types.js";

/** topic0 of `PacketSent(bytes encodedPayload, bytes options, address sendLibrary)`. */
const packetSentSelector = toEventSelector(getAbiItem({ abi: endpointV2Abi, name: "PacketSent" }));

/** Parameters of {@link getSentPackets}: the source endpoint and a receipt or some logs. */
export type GetSentPacketsParameters = {
  /** The source chain's EndpointV2; logs of other contracts are ignored. */
  endpoint: Address;
} & ({ receipt: { logs: readonly Log[] }; logs?: undefined } | { logs: readonly Log[]; receipt?: undefined });

/** A packet the source endpoint emitted, with where its log sits. */
export interface SentPacket {
  /** The decoded packet. */
  packet: Packet;
  /** Its bytes (`PacketSent.encodedPayload`): what the receive library verifies. */
  encodedPacket: Hex;
  /** The executor options the sender passed (or the library's defaults were used when empty). */
  options: Hex;
  /** The send library that emitted it. */
  sendLibrary: Address;
  /** Position of the log; `null` fields for a pending block. */
  blockNumber: bigint | null;
  blockHash: Hash | null;
  transactionHash: Hash | null;
  transactionIndex: number | null;
  logIndex: number | null;
}

/** The return type of {@link getSentPackets}: the packets in log order. */
export type GetSentPacketsReturnType = SentPacket[];

/**
 * The packets in a source endpoint's `PacketSent` logs, decoded. Logs are matched on address
 * and topic0 before decoding, so a block's worth of unrelated logs costs little.
 *
 * Throws {@link InvalidPacketError} when a `PacketSent` log from the endpoint carries a malformed packet.
 *
 * @example
 * const receipt = await publicClient.waitForTransactionReceipt({ hash });
 * const [sent] = getSentPackets({ endpoint, receipt });
 * sent.packet.nonce; // 1n
 */
export function getSentPackets(parameters: GetSentPacketsParameters): GetSentPacketsReturnType {
  const { endpoint } = parameters;
  const logs = parameters.receipt?.logs ?? parameters.logs ?? [];
  const sent: SentPacket[] = [];
  for (const log of logs) {
    if (log.topics[0] !== packetSentSelector || !isAddressEqual(log.address, endpoint)) continue;
    let args: { encodedPayload: Hex; options: Hex; sendLibrary: Address };
    try {
      ({ args } = decodeEventLog({
        abi: endpointV2Abi,
        eventName: "PacketSent",
        topics: log.topics,
        data: log.data,
      }));
    } catch (cause) {
      throw new InvalidPacketError(`PacketSent log ${String(log.logIndex)} could not be decoded`, { cause });
    }
    sent.push({
      packet: decodePacket(args.encodedPayload),
      encodedPacket: args.encodedPayload,
      options: args.options,
      sendLibrary: args.sendLibrary,
      blockNumber: log.blockNumber,
      blockHash: log.blockHash,
      transactionHash: log.transactionHash,
      transactionIndex: log.transactionIndex,
      logIndex: log.logIndex,
    });
  }
  return sent;
}
