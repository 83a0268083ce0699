import type { Hex } from "viem";
import { MESSAGE_TYPE, PAYLOAD_VERSION } from "./constants.js";
import { addressField, byteField, uint128Field } from "./payloadBytes.js";
import type { RateMessage } from "./types.js";

/** Parameters of {@link encodeRate}: the RATE's fields (a decoded {@link RateMessage} also fits). */
export type EncodeRateParameters = Omit<RateMessage, "type"> & { type?: "RATE" | undefined };

/**
 * Encodes a RATE as `MsgCodecLib.encodeRate`: `0x03 | 0x01 | asset | uint128 rate` (38 bytes,
 * lowercase hex). Throws `InvalidPayloadFieldError` for an address that is not one or a rate
 * outside uint128.
 *
 * @example
 * encodeRate({ asset: share, rate: 10n ** 18n });
 */
export function encodeRate(parameters: EncodeRateParameters): Hex {
  const { asset, rate } = parameters;
  return `0x${byteField(MESSAGE_TYPE.RATE)}${byteField(PAYLOAD_VERSION)}${addressField("asset", asset)}${uint128Field("rate", rate)}`;
}
