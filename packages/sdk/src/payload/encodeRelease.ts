import type { Hex } from "viem";
import { MESSAGE_TYPE, PAYLOAD_VERSION } from "./constants.js";
import { addressField, byteField, uint128Field } from "./payloadBytes.js";
import type { ReleaseMessage } from "./types.js";

/** Parameters of {@link encodeRelease}: the RELEASE's fields (a decoded {@link ReleaseMessage} also fits). */
export type EncodeReleaseParameters = Omit<ReleaseMessage, "type"> & { type?: "RELEASE" | undefined };

/**
 * Encodes a RELEASE as `MsgCodecLib.encodeRelease`: `0x02 | 0x01 | asset | recipient | uint128
 * amount` (58 bytes, lowercase hex). Throws `InvalidPayloadFieldError` for an address that is not
 * one or an amount outside uint128.
 *
 * @example
 * encodeRelease({ asset: usdc, recipient: alice, amount: 300_000_000n });
 */
export function encodeRelease(parameters: EncodeReleaseParameters): Hex {
  const { asset, recipient, amount } = parameters;
  return `0x${byteField(MESSAGE_TYPE.RELEASE)}${byteField(PAYLOAD_VERSION)}${addressField("asset", asset)}${addressField("recipient", recipient)}${uint128Field("amount", amount)}`;
}
