import { decodeBallastMessage as decodePayload } from "@ballast/sdk";
import type { Hex } from "viem";

/** A Ballast payload (`MsgCodecLib`), decoded; `amount` is 0 for RATE, `rate` 0 for RELEASE. */
export interface BallastMessage {
  type: "LOCK" | "RELEASE" | "RATE";
  asset: `0x${string}`;
  /** LOCK beneficiary or RELEASE recipient; undefined for RATE. */
  account: `0x${string}` | undefined;
  amount: bigint;
  rate: bigint;
}

/**
 * Decodes a Ballast payload with the sdk's codec (strict like the contracts' `MsgCodecLib`: throws
 * its `PayloadError`s) into the flat shape the devnet's tests compare.
 */
export function decodeBallastMessage(message: Hex): BallastMessage {
  const decoded = decodePayload(message);
  switch (decoded.type) {
    case "LOCK":
      return {
        type: "LOCK",
        asset: decoded.asset,
        account: decoded.beneficiary,
        amount: decoded.amount,
        rate: decoded.rate,
      };
    case "RELEASE":
      return {
        type: "RELEASE",
        asset: decoded.asset,
        account: decoded.recipient,
        amount: decoded.amount,
        rate: 0n,
      };
    case "RATE":
      return { type: "RATE", asset: decoded.asset, account: undefined, amount: 0n, rate: decoded.rate };
  }
}
