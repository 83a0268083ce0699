import type { Hex } from "viem";
import { MESSAGE_TYPE, PAYLOAD_VERSION } from "./constants.js";
import { addressField, byteField, uint128Field } from "./payloadBytes.js";
import type { LockMessage } from "./types.js";

/** Parameters of {@link encodeLock}: the LOCK's fields (a decoded {@link LockMessage} also fits). */
export type EncodeLockParameters = Omit<LockMessage, "type"> & { type?: "LOCK" | undefined };

/**
 * Encodes a LOCK as `MsgCodecLib.encodeLock`: `0x01 | 0x01 | asset | beneficiary | uint128 amount |
 * uint128 rate` (74 bytes, lowercase hex). Throws `InvalidPayloadFieldError` for an address that is
 * not one or an amount or rate outside uint128.
 *
 * @example
 * encodeLock({ asset: usdc, beneficiary: alice, amount: 1_000_000_000n, rate: 0n });
 */
export function encodeLock(parameters: EncodeLockParameters): Hex {
  const { asset, beneficiary, amount, rate } = parameters;
  return `0x${byteField(MESSAGE_TYPE.LOCK)}${byteField(PAYLOAD_VERSION)}${addressField("asset", asset)}${addressField("beneficiary", beneficiary)}${uint128Field("amount", amount)}${uint128Field("rate", rate)}`;
}
