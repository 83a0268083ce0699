import type { ByteArray, Hex } from "viem";
import { UnexpectedMessageTypeError } from "../errors.js";
import { MESSAGE_TYPE } from "./constants.js";
import { checkPayload } from "./messageType.js";
import { addressAt, uint128At } from "./payloadBytes.js";
import type { LockMessage } from "./types.js";

/**
 * Decodes a LOCK payload (`MsgCodecLib.decodeLock` after `messageType`). Throws the errors of
 * {@link messageType}, and `UnexpectedMessageTypeError` for a valid payload of another type.
 * Addresses come back checksummed.
 *
 * @example
 * decodeLock(sent.packet.message); // { type: "LOCK", asset, beneficiary, amount: 1_000_000_000n, rate: 0n }
 */
export function decodeLock(message: Hex | ByteArray): LockMessage {
  const { hex, type } = checkPayload(message);
  if (type !== "LOCK") throw new UnexpectedMessageTypeError(MESSAGE_TYPE[type]);
  return {
    type,
    asset: addressAt(hex, 2),
    beneficiary: addressAt(hex, 22),
    amount: uint128At(hex, 42),
    rate: uint128At(hex, 58),
  };
}
