import type { ByteArray, Hex } from "viem";
import { UnexpectedMessageTypeError } from "../errors.js";
import { MESSAGE_TYPE } from "./constants.js";
import { checkPayload } from "./messageType.js";
import { addressAt, uint128At } from "./payloadBytes.js";
import type { ReleaseMessage } from "./types.js";

/**
 * Decodes a RELEASE payload (`MsgCodecLib.decodeRelease` after `messageType`). Throws the errors
 * of {@link messageType}, and `UnexpectedMessageTypeError` for a valid payload of another type.
 * Addresses come back checksummed.
 *
 * @example
 * decodeRelease(sent.packet.message); // { type: "RELEASE", asset, recipient, amount: 300_000_000n }
 */
export function decodeRelease(message: Hex | ByteArray): ReleaseMessage {
  const { hex, type } = checkPayload(message);
  if (type !== "RELEASE") throw new UnexpectedMessageTypeError(MESSAGE_TYPE[type]);
  return { type, asset: addressAt(hex, 2), recipient: addressAt(hex, 22), amount: uint128At(hex, 42) };
}
