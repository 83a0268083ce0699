import { tripleKey } from "./internKey.js";
import type { InternalState, MessageRecord } from "./records.js";
import { shardValues } from "./shards.js";

/** The open messages of a projection, by account and by lane. */
export interface OpenIndex {
  /** Messages in flight by the account of their send (LOCK beneficiary, RELEASE requester). */
  inFlightByAccount: ReadonlyMap<string, readonly MessageRecord[]>;
  /** Messages in flight by the lane of their send (`${vaultEid}:${ledgerEid}:${asset}`). */
  inFlightByLane: ReadonlyMap<string, readonly MessageRecord[]>;
  /** Messages delivered without a seen send, by the lane of their delivery. */
  unmatchedByLane: ReadonlyMap<string, readonly MessageRecord[]>;
}

const cache = new WeakMap<InternalState, OpenIndex>();

function push(map: Map<string, MessageRecord[]>, key: string, message: MessageRecord): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [message]);
  else list.push(message);
}

/**
 * The open messages indexed for queries, built on the first query of a state and kept for it
 * (states are immutable). Building it costs one pass over the open messages, which are few: the
 * reducer keeps only the set, so applying an event stays cheap.
 */
export function openIndex(s: InternalState): OpenIndex {
  let index = cache.get(s);
  if (index !== undefined) return index;
  const inFlightByAccount = new Map<string, MessageRecord[]>();
  const inFlightByLane = new Map<string, MessageRecord[]>();
  const unmatchedByLane = new Map<string, MessageRecord[]>();
  for (const message of shardValues(s.open)) {
    {
      const { send, delivery } = message;
      if (send !== undefined) {
        push(inFlightByAccount, send.account, message);
        push(inFlightByLane, tripleKey(send.vaultEid, send.ledgerEid, send.asset), message);
      } else if (delivery !== undefined) {
        push(unmatchedByLane, tripleKey(delivery.vaultEid, delivery.ledgerEid, delivery.asset), message);
      }
    }
  }
  index = { inFlightByAccount, inFlightByLane, unmatchedByLane };
  cache.set(s, index);
  return index;
}
