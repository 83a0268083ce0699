import { getAddress, type Hex, hexToBigInt, hexToNumber, size, sliceHex } from "viem";
import { MESSAGE_TYPE } from "../ballast/config.js";

/** A Ballast payload (`MsgCodecLib`), decoded; `amount` is 0 for RATE, `rate` 0 for RELEASE. */
export interface BallastMessage {
  type: "LOCK" | "RELEASE" | "RATE";
  asset: `0x${string}`;
  /** LOCK beneficiary or RELEASE recipient; undefined for RATE. */
  account: `0x${string}` | undefined;
  amount: bigint;
  rate: bigint;
}

const LENGTH = { LOCK: 74, RELEASE: 58, RATE: 38 } as const;

/**
 * Decodes `type (1) | version (1) | body` (test helper; strict like the contracts' codec):
 * LOCK `asset | beneficiary | uint128 amount | uint128 rate`, RELEASE `asset | recipient | uint128
 * amount`, RATE `asset | uint128 rate`.
 */
export function decodeBallastMessage(message: Hex): BallastMessage {
  const typeByte = hexToNumber(sliceHex(message, 0, 1));
  const type = (Object.keys(MESSAGE_TYPE) as (keyof typeof MESSAGE_TYPE)[]).find(
    (name) => MESSAGE_TYPE[name] === typeByte,
  );
  if (type === undefined) throw new Error(`unknown Ballast message type ${typeByte}`);
  if (hexToNumber(sliceHex(message, 1, 2)) !== 1) throw new Error("unsupported Ballast message version");
  if (size(message) !== LENGTH[type]) throw new Error(`${type} of ${size(message)} bytes`);
  const asset = getAddress(sliceHex(message, 2, 22));
  if (type === "RATE") {
    return { type, asset, account: undefined, amount: 0n, rate: hexToBigInt(sliceHex(message, 22, 38)) };
  }
  const account = getAddress(sliceHex(message, 22, 42));
  const amount = hexToBigInt(sliceHex(message, 42, 58));
  const rate = type === "LOCK" ? hexToBigInt(sliceHex(message, 58, 74)) : 0n;
  return { type, asset, account, amount, rate };
}
