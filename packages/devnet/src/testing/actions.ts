import { collateralVaultAbi, marginLedgerAbi, mockAggregatorAbi, mockERC20Abi } from "@ballast/contracts";
import { getSentPackets, type SentPacket } from "@ballast/sdk";
import type { Address, TransactionReceipt } from "viem";
import { ROLE, type TestChain } from "./createTestNetwork.js";

/** A confirmed transaction and the packets it sent. */
export interface Sent {
  receipt: TransactionReceipt;
  packets: SentPacket[];
}

/** The owner mints `amount` of a mock token to `to`. */
export async function mint(chain: TestChain, token: Address, to: Address, amount: bigint): Promise<void> {
  await chain.confirm(
    chain.wallet(ROLE.owner).writeContract({
      address: token,
      abi: mockERC20Abi,
      functionName: "mint",
      args: [to, amount],
    }),
  );
}

/** Account `who` approves `spender` for `amount` of `token`. */
export async function approve(
  chain: TestChain,
  who: number,
  token: Address,
  spender: Address,
  amount: bigint,
): Promise<void> {
  await chain.confirm(
    chain.wallet(who).writeContract({
      address: token,
      abi: mockERC20Abi,
      functionName: "approve",
      args: [spender, amount],
    }),
  );
}

/** Mints `amount` of a mock token to account `who` and approves `spender` for it. */
export async function fund(
  chain: TestChain,
  token: Address,
  who: number,
  spender: Address,
  amount: bigint,
): Promise<void> {
  await mint(chain, token, chain.address(who), amount);
  await approve(chain, who, token, spender, amount);
}

/** Account `who` locks `amount` of `asset` on `chain` for `beneficiary` (itself) on `dstEid`, paying the quoted fee. */
export async function lock(
  chain: TestChain,
  who: number,
  asset: Address,
  amount: bigint,
  dstEid: number,
  beneficiary: Address = chain.address(who),
): Promise<Sent> {
  const vault = { address: chain.deployment.contracts.collateralVault, abi: collateralVaultAbi } as const;
  const { nativeFee } = await chain.publicClient.readContract({
    ...vault,
    functionName: "quoteLock",
    args: [asset, amount, dstEid, beneficiary],
  });
  const receipt = await chain.confirm(
    chain.wallet(who).writeContract({
      ...vault,
      functionName: "lock",
      args: [asset, amount, dstEid, beneficiary],
      value: nativeFee,
    }),
  );
  return { receipt, packets: packetsOf(chain, receipt) };
}

/** Account `who` asks the ledger on `chain` to release `amount` of (srcEid, asset) to `recipient` (itself). */
export async function requestRelease(
  chain: TestChain,
  who: number,
  srcEid: number,
  asset: Address,
  amount: bigint,
  recipient: Address = chain.address(who),
): Promise<Sent> {
  const ledger = { address: chain.deployment.contracts.marginLedger, abi: marginLedgerAbi } as const;
  const { nativeFee } = await chain.publicClient.readContract({
    ...ledger,
    functionName: "quoteRelease",
    args: [srcEid, asset, amount, recipient],
  });
  const receipt = await chain.confirm(
    chain.wallet(who).writeContract({
      ...ledger,
      functionName: "requestRelease",
      args: [srcEid, asset, amount, recipient],
      value: nativeFee,
    }),
  );
  return { receipt, packets: packetsOf(chain, receipt) };
}

/** The owner publishes `answer` on a mock feed, updated now. */
export async function setPrice(chain: TestChain, feed: Address, answer: bigint): Promise<void> {
  await chain.confirm(
    chain.wallet(ROLE.owner).writeContract({
      address: feed,
      abi: mockAggregatorAbi,
      functionName: "setAnswer",
      args: [answer],
    }),
  );
}

/** Balance of `token` held by `holder`. */
export function balanceOf(chain: TestChain, token: Address, holder: Address): Promise<bigint> {
  return chain.publicClient.readContract({
    address: token,
    abi: mockERC20Abi,
    functionName: "balanceOf",
    args: [holder],
  });
}

function packetsOf(chain: TestChain, receipt: TransactionReceipt): SentPacket[] {
  return getSentPackets({ endpoint: chain.deployment.endpoint, receipt });
}
