import { keccak256, numberToHex, toHex } from "viem";
import type { NewEvent } from "../../src/store/EventRepository.js";
import type { NewMessage } from "../../src/store/MessageRepository.js";
import { toJsonText } from "../../src/store/pgValues.js";

/** A deterministic 32-byte hex for test rows. */
export function hash32(label: string): string {
  return keccak256(toHex(label));
}

/** A 20-byte lowercase address for test rows. */
export function address20(n: number): string {
  return numberToHex(n, { size: 20 });
}

/** An event row for store tests; `blockNumber` and `logIndex` make the key unless overridden. */
export function eventRow(overrides: Partial<NewEvent> & { blockNumber: bigint; logIndex: number }): NewEvent {
  const { blockNumber, logIndex, ...rest } = overrides;
  return {
    chain_id: 31_401n,
    block_hash: hash32(`block ${blockNumber}`),
    log_index: logIndex,
    block_number: blockNumber,
    tx_hash: hash32(`tx ${blockNumber}`),
    tx_index: 0,
    address: address20(1),
    contract: "collateralVault",
    event_name: "Locked",
    args: toJsonText({ amount: 2n ** 200n, asset: address20(9) }),
    guid: null,
    asset: address20(9),
    account: null,
    amount: 2n ** 200n,
    ...rest,
  };
}

/** A `sent` message row for store tests, of pathway (40101, sender 1) -> (40102, receiver 2). */
export function messageRow(overrides: Partial<NewMessage> & { nonce: bigint }): NewMessage {
  const now = overrides.created_at ?? new Date("2026-01-01T00:00:00Z");
  return {
    guid: hash32(`guid ${overrides.nonce}`),
    src_eid: 40_101,
    dst_eid: 40_102,
    sender: numberToHex(1, { size: 32 }),
    receiver: numberToHex(2, { size: 32 }),
    message_type: "LOCK",
    asset: address20(9),
    account: address20(7),
    amount: 10n ** 30n,
    rate: 0n,
    payload: "0x01",
    encoded_packet: "0x01",
    options: "0x",
    status: "sent",
    attempts: 0,
    next_attempt_at: null,
    last_error: null,
    lease_owner: null,
    lease_until: null,
    sent_chain_id: 31_401n,
    sent_block_number: 10n + overrides.nonce,
    sent_block_hash: hash32(`block ${10n + overrides.nonce}`),
    sent_tx_hash: hash32(`tx ${10n + overrides.nonce}`),
    sent_log_index: 1,
    verified_block_number: null,
    verified_tx_hash: null,
    delivered_block_number: null,
    delivered_tx_hash: null,
    created_at: now,
    updated_at: now,
    verified_at: null,
    delivered_at: null,
    ...overrides,
  };
}
