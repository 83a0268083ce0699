import type { MessageStatus } from "./StoreSchema.js";

/** What the destination endpoint's indexed events say about a packet. */
export interface EndpointFacts {
  /** A `PacketVerified` for the packet is indexed. */
  verified: boolean;
  /** A `PacketDelivered` for the packet is indexed. */
  delivered: boolean;
}

/**
 * A message's status after the destination's events changed (indexed, or removed by a reorg).
 * Chain facts move `sent` forward and win over the delivery's judgments once delivered; a reorg
 * that removes them moves the status back. `failed`, `stuck` and `dead` stay until delivered:
 * they are the delivery's to change.
 */
export function nextMessageStatus(current: MessageStatus, facts: EndpointFacts): MessageStatus {
  if (facts.delivered) return "delivered";
  if (current === "delivered") return facts.verified ? "verified" : "sent";
  if (current === "sent" && facts.verified) return "verified";
  if (current === "verified" && !facts.verified) return "sent";
  return current;
}
