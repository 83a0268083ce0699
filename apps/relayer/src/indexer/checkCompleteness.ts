import type { NewMessage, PathwayHead } from "../store/MessageRepository.js";
import type { NonceGap } from "./errors.js";

/** The pathway key of a message or head: `srcEid/sender->dstEid/receiver`. */
export function pathwayKey(srcEid: number, sender: string, dstEid: number, receiver: string): string {
  return `${srcEid}/${sender.toLowerCase()}->${dstEid}/${receiver.toLowerCase()}`;
}

/**
 * Holes in outbound nonces: per pathway, the batch's nonces above the stored head must continue it
 * one by one (from 1 for a pathway with nothing stored). A hole means the RPC dropped a `PacketSent`.
 */
export function findNonceGaps(
  srcEid: number,
  messages: readonly Pick<NewMessage, "src_eid" | "sender" | "dst_eid" | "receiver" | "nonce">[],
  heads: readonly PathwayHead[],
): NonceGap[] {
  const headOf = new Map(
    heads.map((head) => [pathwayKey(srcEid, head.sender, head.dst_eid, head.receiver), head]),
  );
  const nonces = new Map<string, bigint[]>();
  for (const message of messages) {
    const key = pathwayKey(message.src_eid, message.sender, message.dst_eid, message.receiver);
    nonces.set(key, [...(nonces.get(key) ?? []), message.nonce]);
  }
  const gaps: NonceGap[] = [];
  for (const [pathway, list] of nonces) {
    const head = headOf.get(pathway);
    let expected = (head?.nonce ?? 0n) + 1n;
    const fresh = [...new Set(list)]
      .filter((nonce) => nonce >= expected)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const nonce of fresh) {
      if (nonce !== expected) {
        gaps.push({ pathway, expected, found: nonce, lastKnownBlock: head?.sent_block_number });
        break;
      }
      expected = nonce + 1n;
    }
  }
  return gaps;
}

/**
 * Guids present on one side only: every `PacketSent` of our OApps comes with its Ballast event
 * (Locked, RateSynced, ReleaseRequested) in the same transaction, so a lone one means a dropped log.
 */
export function findUnpairedSends(
  packetGuids: ReadonlySet<string>,
  sendEventGuids: ReadonlySet<string>,
): string[] {
  return [
    ...[...packetGuids].filter((guid) => !sendEventGuids.has(guid)),
    ...[...sendEventGuids].filter((guid) => !packetGuids.has(guid)),
  ];
}
