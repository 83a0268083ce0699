import type { StoredMessage } from "../store/MessageRepository.js";
import type { StoredTransaction } from "../store/TransactionRepository.js";
import type { MessageView, TransactionView } from "./MessageView.js";

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());
const decimal = (value: bigint | null): string | null => (value === null ? null : value.toString());

/** The API view of a stored message. */
export function toMessageView(message: StoredMessage): MessageView {
  return {
    guid: message.guid,
    srcEid: message.src_eid,
    dstEid: message.dst_eid,
    sender: message.sender,
    receiver: message.receiver,
    nonce: message.nonce.toString(),
    type: message.message_type,
    asset: message.asset,
    account: message.account,
    amount: decimal(message.amount),
    status: message.status,
    attempts: message.attempts,
    nextAttemptAt: iso(message.next_attempt_at),
    lastError: message.last_error,
    leaseOwner: message.lease_owner,
    leaseUntil: iso(message.lease_until),
    sentTxHash: message.sent_tx_hash,
    sentBlockNumber: message.sent_block_number.toString(),
    verifiedTxHash: message.verified_tx_hash,
    deliveredTxHash: message.delivered_tx_hash,
    deliveredBlockNumber: decimal(message.delivered_block_number),
    createdAt: message.created_at.toISOString(),
    verifiedAt: iso(message.verified_at),
    deliveredAt: iso(message.delivered_at),
  };
}

/** The API view of a recorded transaction. */
export function toTransactionView(tx: StoredTransaction): TransactionView {
  return {
    chainId: tx.chain_id.toString(),
    hash: tx.hash,
    from: tx.from_address,
    nonce: tx.nonce.toString(),
    purpose: tx.purpose,
    status: tx.status,
    blockNumber: decimal(tx.block_number),
    error: tx.error,
    createdAt: tx.created_at.toISOString(),
  };
}
