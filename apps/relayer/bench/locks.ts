import { collateralVaultAbi, lockBatcherAbi } from "@ballast/contracts";
import type { Address, Hash } from "viem";
import type { BenchChain } from "./startBenchDevnet.ts";

/** Gas of one `lock` (about 60k cross-chain, 75k to the local ledger): a fixed limit skips the estimate. */
const LOCK_GAS = 400_000n;
/** Locks per LockBatcher transaction: about 14M gas at most, under the 16.7M per-transaction cap. */
export const LOCKS_PER_BATCH = 200;

/** The LayerZero fee of one lock from `src` to `dstEid` (zero to the local ledger). */
export async function lockFee(src: BenchChain, dstEid: number, sender: Address): Promise<bigint> {
  if (dstEid === src.manifest.eid) return 0n;
  const { nativeFee } = await src.publicClient.readContract({
    address: src.manifest.contracts.collateralVault,
    abi: collateralVaultAbi,
    functionName: "quoteLock",
    args: [src.manifest.tokens.usdc, 1n, dstEid, sender],
  });
  return nativeFee;
}

/** Parameters of {@link sendLock}. */
export interface SendLockParameters {
  src: BenchChain;
  dstEid: number;
  sender: Address;
  beneficiary: Address;
  /** Raw USDC units. */
  amount: bigint;
  fee: bigint;
}

/** Sends `CollateralVault.lock` of USDC (the sender approved the vault); returns the hash without waiting. */
export function sendLock(parameters: SendLockParameters): Promise<Hash> {
  const { src, dstEid, sender, beneficiary, amount, fee } = parameters;
  return src.wallet(sender).writeContract({
    address: src.manifest.contracts.collateralVault,
    abi: collateralVaultAbi,
    functionName: "lock",
    args: [src.manifest.tokens.usdc, amount, dstEid, beneficiary],
    value: fee,
    gas: LOCK_GAS,
  });
}

/** Parameters of {@link lockMany}. */
export interface LockManyParameters {
  src: BenchChain;
  dstEid: number;
  sender: Address;
  /** One lock each, in LockBatcher transactions of {@link LOCKS_PER_BATCH}. */
  beneficiaries: readonly Address[];
  /** Raw USDC units of beneficiary `i`'s lock. */
  amountOf: (index: number) => bigint;
  fee: bigint;
}

/**
 * Locks USDC for every beneficiary through the chain's LockBatcher, {@link LOCKS_PER_BATCH} per
 * transaction, each batch of one amount (consecutive beneficiaries of equal amounts share a batch).
 * Sends every transaction, then waits for their receipts; throws when one reverted.
 */
export async function lockMany(parameters: LockManyParameters): Promise<Hash[]> {
  const { src, dstEid, sender, beneficiaries, amountOf, fee } = parameters;
  const hashes: Hash[] = [];
  let start = 0;
  while (start < beneficiaries.length) {
    const amount = amountOf(start);
    let end = start + 1;
    while (end < beneficiaries.length && end - start < LOCKS_PER_BATCH && amountOf(end) === amount) end++;
    const batch = beneficiaries.slice(start, end);
    hashes.push(
      await src.wallet(sender).writeContract({
        address: src.batcher,
        abi: lockBatcherAbi,
        functionName: "lockMany",
        args: [src.manifest.contracts.collateralVault, src.manifest.tokens.usdc, amount, dstEid, fee, batch],
        value: fee * BigInt(batch.length),
        gas: 16_000_000n,
      }),
    );
    start = end;
  }
  for (const hash of hashes) {
    const receipt = await src.publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success")
      throw new LockBatchError(`${src.manifest.name}: lockMany ${hash} reverted`);
  }
  return hashes;
}

/** A LockBatcher transaction reverted. */
export class LockBatchError extends Error {
  override name = "LockBatchError";
}
