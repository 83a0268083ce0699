import { ApiProperty } from "@nestjs/swagger";
import {
  MESSAGE_STATUSES,
  type MessageKind,
  type MessageStatus,
  TRANSACTION_STATUSES,
} from "../store/StoreSchema.js";

/** A message as the API shows it: numbers that may exceed 2^53 are decimal strings, times ISO 8601. */
export class MessageView {
  @ApiProperty({ description: "LayerZero guid", example: `0x${"ab".repeat(32)}` })
  guid!: string;

  @ApiProperty({ example: 40101 })
  srcEid!: number;

  @ApiProperty({ example: 40102 })
  dstEid!: number;

  @ApiProperty({ description: "bytes32 sender (the source OApp)" })
  sender!: string;

  @ApiProperty({ description: "bytes32 receiver (the destination OApp)" })
  receiver!: string;

  @ApiProperty({ description: "Nonce on its pathway (decimal)", example: "1" })
  nonce!: string;

  @ApiProperty({ enum: ["LOCK", "RELEASE", "RATE", "UNKNOWN"] })
  type!: MessageKind;

  @ApiProperty({ type: String, nullable: true, description: "Asset on the vault's chain" })
  asset!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "LOCK beneficiary or RELEASE recipient" })
  account!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "Amount in the asset's smallest unit (decimal)" })
  amount!: string | null;

  @ApiProperty({ enum: MESSAGE_STATUSES })
  status!: MessageStatus;

  @ApiProperty({ description: "Failed delivery attempts" })
  attempts!: number;

  @ApiProperty({ type: String, nullable: true, description: "When delivery tries again (ISO 8601)" })
  nextAttemptAt!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "Why the last attempt failed or what it waits for",
  })
  lastError!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The replica working on it" })
  leaseOwner!: string | null;

  @ApiProperty({ type: String, nullable: true })
  leaseUntil!: string | null;

  @ApiProperty({ description: "PacketSent transaction on the source chain" })
  sentTxHash!: string;

  @ApiProperty({ example: "123" })
  sentBlockNumber!: string;

  @ApiProperty({ type: String, nullable: true })
  verifiedTxHash!: string | null;

  @ApiProperty({ type: String, nullable: true })
  deliveredTxHash!: string | null;

  @ApiProperty({ type: String, nullable: true })
  deliveredBlockNumber!: string | null;

  @ApiProperty({ description: "When the relayer stored it (ISO 8601)" })
  createdAt!: string;

  @ApiProperty({ type: String, nullable: true })
  verifiedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  deliveredAt!: string | null;
}

/** `GET /messages`' answer. */
export class MessageList {
  @ApiProperty({ type: [MessageView], description: "Oldest first" })
  messages!: MessageView[];
}

/** A delivery transaction of a message. */
export class TransactionView {
  @ApiProperty({ example: "31402" })
  chainId!: string;

  @ApiProperty()
  hash!: string;

  @ApiProperty()
  from!: string;

  @ApiProperty({ example: "7" })
  nonce!: string;

  @ApiProperty({ example: "execute" })
  purpose!: string;

  @ApiProperty({ enum: TRANSACTION_STATUSES })
  status!: string;

  @ApiProperty({ type: String, nullable: true })
  blockNumber!: string | null;

  @ApiProperty({ type: String, nullable: true })
  error!: string | null;

  @ApiProperty()
  createdAt!: string;
}

/** `GET /messages/:guid`' answer: the message and its transactions. */
export class MessageDetail extends MessageView {
  @ApiProperty({
    type: [TransactionView],
    description: "Transactions this relayer recorded for it, oldest first",
  })
  transactions!: TransactionView[];
}
