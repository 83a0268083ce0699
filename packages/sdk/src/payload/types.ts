import type { Address } from "viem";

/** LOCK (vault -> ledger): `asset | beneficiary | uint128 amount | uint128 rate`, 74 bytes. */
export interface LockMessage {
  type: "LOCK";
  /** The asset on the vault's chain. */
  asset: Address;
  /** Credited on the ledger. */
  beneficiary: Address;
  /** Raw units credited. */
  amount: bigint;
  /** ERC-4626 rate (assets per 1e18 shares) for a share, 0 for a plain token. */
  rate: bigint;
}

/** RELEASE (ledger -> vault): `asset | recipient | uint128 amount`, 58 bytes. */
export interface ReleaseMessage {
  type: "RELEASE";
  /** The asset on the vault's chain. */
  asset: Address;
  /** Paid by the vault (or given a claimable balance). */
  recipient: Address;
  /** Raw units released. */
  amount: bigint;
}

/** RATE (vault -> ledger): `asset | uint128 rate`, 38 bytes. */
export interface RateMessage {
  type: "RATE";
  /** The ERC-4626 share on the vault's chain. */
  asset: Address;
  /** Assets per 1e18 shares. */
  rate: bigint;
}

/** Any Ballast payload, decoded; `type` tells which. */
export type BallastMessage = LockMessage | ReleaseMessage | RateMessage;
