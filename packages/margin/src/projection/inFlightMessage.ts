import type { Address, Hex } from "./address.js";
import type { EventKey } from "./events.js";
import { type MessageRecord, sideKey } from "./records.js";

/** A LayerZero message sent and not yet applied at the other end. */
export interface InFlightMessage {
  guid: Hex;
  /** LOCK (vault to ledger) or RELEASE (ledger to vault). */
  kind: "lock" | "release";
  vaultEid: number;
  ledgerEid: number;
  /** The asset on the vault's chain. */
  asset: Address;
  /** Beneficiary of a LOCK, account debited by a RELEASE. */
  account: Address;
  /** Recipient of a RELEASE. */
  recipient?: Address;
  amount: bigint;
  /** The log that sent it (Locked or ReleaseRequested). */
  sentIn: EventKey;
  /** Block timestamp of the send, when known. */
  sentAt?: bigint;
  /** `now - sentAt`, when the send's timestamp is known. */
  age?: bigint;
}

/** The in-flight view of a message whose send is known, aged at `now`. */
export function toInFlightMessage(message: MessageRecord, now: bigint): InFlightMessage | undefined {
  const send = message.send;
  if (send === undefined) return undefined;
  // Addresses and guids are stored lowercase 0x-hex (validated on the way in).
  const hex = (value: string) => value as Hex;
  return {
    guid: hex(message.guid),
    kind: message.kind,
    vaultEid: send.vaultEid,
    ledgerEid: send.ledgerEid,
    asset: hex(send.asset),
    account: hex(send.account),
    ...(send.recipient === undefined ? {} : { recipient: hex(send.recipient) }),
    amount: send.amount,
    sentIn: sideKey(send),
    ...(send.blockTimestamp === undefined
      ? {}
      : { sentAt: send.blockTimestamp, age: now > send.blockTimestamp ? now - send.blockTimestamp : 0n }),
  };
}

/** Oldest first, then by guid: a stable order for views. */
export function compareInFlight(a: InFlightMessage, b: InFlightMessage): number {
  const at = a.sentAt ?? -1n;
  const bt = b.sentAt ?? -1n;
  if (at !== bt) return at < bt ? -1 : 1;
  return a.guid < b.guid ? -1 : a.guid > b.guid ? 1 : 0;
}
