// LayerZero messages by guid, seen from both ends: the send (Locked on the vault, ReleaseRequested
// on the ledger) and the delivery (Credited on the ledger, Released or ReleaseClaimable on the
// vault). Either end may be seen first; a message is in flight while its send is seen and no
// delivery is, whatever the order the events arrive in.
import type { Draft } from "./draft.js";
import { isBefore, type MessageRecord, type MessageSide } from "./records.js";

/** Which end of a message an event is. */
export type MessageEnd = "send" | "delivery";

/** The earliest of `first`, `more` and `side` by chain order, and the others, sorted. */
function withSide(
  first: MessageSide | undefined,
  more: readonly MessageSide[] | undefined,
  side: MessageSide,
): { first: MessageSide; more: readonly MessageSide[] | undefined } {
  if (first === undefined) return { first: side, more };
  if (more === undefined && isBefore(first, side)) return { first, more: [side] };
  const all = [first, ...(more ?? []), side].sort((a, b) => (isBefore(a, b) ? -1 : isBefore(b, a) ? 1 : 0));
  const [earliest = side, ...rest] = all;
  return { first: earliest, more: rest };
}

/**
 * Adds (sign 1) or removes (sign -1) what `message` contributes to its lane's in-flight amounts
 * and to the open messages (in flight, or delivered without a seen send).
 */
function contribute(draft: Draft, message: MessageRecord, sign: 1 | -1): void {
  const { send, delivery } = message;
  if (send !== undefined && delivery === undefined) {
    const lane = draft.lane(send.vaultEid, send.ledgerEid, send.asset);
    const delta = sign === 1 ? send.amount : -send.amount;
    if (message.kind === "lock") lane.inFlightLock += delta;
    else lane.inFlightRelease += delta;
  }
  if ((send === undefined) !== (delivery === undefined)) {
    if (sign === 1) draft.open.set(message.guid, message);
    else draft.open.delete(message.guid);
  }
}

/** Whether a send and a delivery describe the same message. */
export function sidesAgree(kind: MessageRecord["kind"], send: MessageSide, delivery: MessageSide): boolean {
  return (
    send.vaultEid === delivery.vaultEid &&
    send.ledgerEid === delivery.ledgerEid &&
    send.asset === delivery.asset &&
    send.amount === delivery.amount &&
    (kind === "lock" ? send.account === delivery.account : send.recipient === delivery.recipient)
  );
}

/** Whether a message breaks exactly-once or disagrees with itself (invariant 4). */
export function isAnomalous(message: MessageRecord): boolean {
  if (message.moreSends !== undefined || message.moreDeliveries !== undefined) return true;
  const { send, delivery } = message;
  if (send !== undefined && send.kind !== message.kind) return true;
  if (delivery !== undefined && delivery.kind !== message.kind) return true;
  return send !== undefined && delivery !== undefined && !sidesAgree(message.kind, send, delivery);
}

/** Records one end of message `guid` (never the zero guid of a same-chain lock or release). */
export function recordMessageEnd(draft: Draft, guid: string, end: MessageEnd, side: MessageSide): void {
  const previous = draft.message(guid);
  if (previous === undefined) {
    const fresh: MessageRecord = {
      gen: 0,
      guid,
      kind: side.kind,
      send: end === "send" ? side : undefined,
      delivery: end === "delivery" ? side : undefined,
      moreSends: undefined,
      moreDeliveries: undefined,
    };
    draft.setMessage(fresh);
    contribute(draft, fresh, 1);
    return;
  }
  contribute(draft, previous, -1);
  const next = draft.writableMessage(previous);
  if (end === "send") {
    const { first, more } = withSide(next.send, next.moreSends, side);
    next.send = first;
    next.moreSends = more;
  } else {
    const { first, more } = withSide(next.delivery, next.moreDeliveries, side);
    next.delivery = first;
    next.moreDeliveries = more;
  }
  // The kind is the earliest send's (else the earliest delivery's): the same whatever the arrival order.
  next.kind = (next.send ?? next.delivery ?? side).kind;
  contribute(draft, next, 1);
  if (isAnomalous(next)) draft.flagged.add(guid);
}
