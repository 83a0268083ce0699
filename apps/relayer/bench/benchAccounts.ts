import type { Address } from "viem";

/** A credited account of the bench: one lock of `amount` USDC from chain `src` to the ledger of chain `ledger`. */
export interface BenchAccount {
  address: Address;
  /** Chain indexes (manifest order). */
  src: number;
  ledger: number;
  amount: bigint;
}

/** Accounts whose consecutive indexes share one amount (so a LockBatcher batch holds them). */
export const ACCOUNTS_PER_AMOUNT = 100;

/** The address of bench account `index`: `0xbe…` followed by the index, never a precompile. */
export function benchAccountAddress(index: number): Address {
  return `0xbe${index.toString(16).padStart(38, "0")}`;
}

/** The amount locked for bench account `index`: 1 USDC plus a raw unit per {@link ACCOUNTS_PER_AMOUNT}. */
export function benchAccountAmount(index: number): bigint {
  return 1_000_000n + BigInt(Math.floor(index / ACCOUNTS_PER_AMOUNT));
}
