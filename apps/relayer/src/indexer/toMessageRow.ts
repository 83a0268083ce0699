import { type BallastMessage, decodeBallastMessage, type Packet } from "@ballast/sdk";
import type { Hex } from "viem";
import type { NewMessage } from "../store/MessageRepository.js";
import type { DecodedLog } from "./EventDecoder.js";

/** Parameters of {@link toMessageRow}. */
export interface ToMessageRowParameters {
  chainId: bigint;
  /** The `PacketSent` log. */
  log: DecodedLog;
  /** Its packet, decoded. */
  packet: Packet;
  encodedPacket: Hex;
  options: Hex;
  now: Date;
}

function ballastMessage(message: Hex): BallastMessage | undefined {
  try {
    return decodeBallastMessage(message);
  } catch {
    return undefined; // stored as UNKNOWN: delivery still carries it, the projection ignores it
  }
}

/** The `messages` row (status `sent`) of a `PacketSent` of one of our OApps. */
export function toMessageRow(parameters: ToMessageRowParameters): NewMessage {
  const { chainId, log, packet, encodedPacket, options, now } = parameters;
  const message = ballastMessage(packet.message);
  return {
    guid: packet.guid.toLowerCase(),
    src_eid: packet.srcEid,
    dst_eid: packet.dstEid,
    sender: packet.sender.toLowerCase(),
    receiver: packet.receiver.toLowerCase(),
    nonce: packet.nonce,
    message_type: message?.type ?? "UNKNOWN",
    asset: message?.asset.toLowerCase() ?? null,
    account:
      message?.type === "LOCK"
        ? message.beneficiary.toLowerCase()
        : message?.type === "RELEASE"
          ? message.recipient.toLowerCase()
          : null,
    amount: message?.type === "LOCK" || message?.type === "RELEASE" ? message.amount : null,
    rate: message?.type === "LOCK" || message?.type === "RATE" ? message.rate : null,
    payload: packet.message.toLowerCase(),
    encoded_packet: encodedPacket.toLowerCase(),
    options: options.toLowerCase(),
    status: "sent",
    attempts: 0,
    next_attempt_at: null,
    last_error: null,
    lease_owner: null,
    lease_until: null,
    sent_chain_id: chainId,
    sent_block_number: log.blockNumber,
    sent_block_hash: log.blockHash,
    sent_tx_hash: log.transactionHash,
    sent_log_index: log.logIndex,
    verified_block_number: null,
    verified_tx_hash: null,
    delivered_block_number: null,
    delivered_tx_hash: null,
    created_at: now,
    updated_at: now,
    verified_at: null,
    delivered_at: null,
  };
}
