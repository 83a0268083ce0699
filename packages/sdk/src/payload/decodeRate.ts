import type { ByteArray, Hex } from "viem";
import { UnexpectedMessageTypeError } from "../errors.js";
import { MESSAGE_TYPE } from "./constants.js";
import { checkPayload } from "./messageType.js";
import { addressAt, uint128At } from "./payloadBytes.js";
import type { RateMessage } from "./types.js";

/**
 * Decodes a RATE payload (`MsgCodecLib.decodeRate` after `messageType`). Throws the errors of
 * {@link messageType}, and `UnexpectedMessageTypeError` for a valid payload of another type.
 *
 * @example
 * decodeRate(sent.packet.message); // { type: "RATE", asset, rate: 1_050_000_000_000_000_000n }
 */
export function decodeRate(message: Hex | ByteArray): RateMessage {
  const { hex, type } = checkPayload(message);
  if (type !== "RATE") throw new UnexpectedMessageTypeError(MESSAGE_TYPE[type]);
  return { type, asset: addressAt(hex, 2), rate: uint128At(hex, 22) };
}
