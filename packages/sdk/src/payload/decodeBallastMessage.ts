import type { ByteArray, Hex } from "viem";
import { checkPayload } from "./messageType.js";
import { addressAt, uint128At } from "./payloadBytes.js";
import type { BallastMessage } from "./types.js";

/**
 * Decodes any Ballast payload: LOCK, RELEASE or RATE, told apart by `type`. Strict like
 * `MsgCodecLib`: throws the errors of {@link messageType} for a short, unknown, other-version,
 * truncated or overlong payload.
 *
 * @example
 * const message = decodeBallastMessage(sent.packet.message);
 * if (message.type === "LOCK") message.beneficiary;
 */
export function decodeBallastMessage(message: Hex | ByteArray): BallastMessage {
  const { hex, type } = checkPayload(message);
  const asset = addressAt(hex, 2);
  switch (type) {
    case "LOCK":
      return {
        type,
        asset,
        beneficiary: addressAt(hex, 22),
        amount: uint128At(hex, 42),
        rate: uint128At(hex, 58),
      };
    case "RELEASE":
      return { type, asset, recipient: addressAt(hex, 22), amount: uint128At(hex, 42) };
    case "RATE":
      return { type, asset, rate: uint128At(hex, 22) };
  }
}
