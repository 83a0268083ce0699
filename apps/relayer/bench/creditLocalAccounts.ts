import { type BenchAccount, benchAccountAddress, benchAccountAmount } from "./benchAccounts.ts";
import { lockMany } from "./locks.ts";
import type { BenchDevnet } from "./startBenchDevnet.ts";

/**
 * Credits bench accounts `from` to `to - 1` by same-chain locks (the vault credits its own chain's
 * ledger in the lock's transaction, `Credited` with a zero guid): account i on chain i mod 3, through
 * the LockBatchers. Returns the accounts.
 */
export async function creditLocalAccounts(
  net: BenchDevnet,
  from: number,
  to: number,
): Promise<BenchAccount[]> {
  const sender = net.users[1];
  if (sender === undefined) throw new Error("no second funded user");
  const accounts: BenchAccount[] = [];
  for (let index = from; index < to; index++) {
    const chain = index % net.chains.length;
    accounts.push({
      address: benchAccountAddress(index),
      src: chain,
      ledger: chain,
      amount: benchAccountAmount(index),
    });
  }
  await Promise.all(
    net.chains.map((src, chainIndex) => {
      const mine = accounts.filter((account) => account.ledger === chainIndex);
      return lockMany({
        src,
        dstEid: src.manifest.eid,
        sender,
        beneficiaries: mine.map(({ address }) => address),
        amountOf: (k) => mine[k]?.amount ?? 0n,
        fee: 0n,
      });
    }),
  );
  return accounts;
}
