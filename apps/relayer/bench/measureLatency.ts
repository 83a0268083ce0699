import { collateralVaultAbi, marginLedgerAbi } from "@ballast/contracts";
import { type Hex, parseEventLogs, type TransactionReceipt } from "viem";
import type { BlockClock } from "./BlockClock.ts";
import { lockFee, sendLock } from "./locks.ts";
import type { BenchChain, BenchDevnet } from "./startBenchDevnet.ts";
import { sleep, waitUntil } from "./stats.ts";

/** The six vault -> ledger pathways of three chains, in an order that rotates the source chain. */
export const PATHWAYS: readonly (readonly [number, number])[] = [
  [0, 1],
  [1, 2],
  [2, 0],
  [0, 2],
  [1, 0],
  [2, 1],
];

/** One lock of a latency run. */
export interface LatencySample {
  /** `a->b`. */
  pathway: string;
  guid: Hex;
  lockBlock: bigint;
  creditedBlock: bigint;
  /** From the lock's block appearing on the source to the `Credited` block appearing on the destination. */
  latencyMs: number;
}

/** Parameters of {@link measureLatency}. */
export interface MeasureLatencyParameters {
  net: BenchDevnet;
  /** One per chain, manifest order. */
  clocks: readonly BlockClock[];
  locks: number;
  /** Wall time between two locks. */
  spacingMs: number;
  /** Called as soon as a lock's receipt is known (the perfect loop delivers from here). */
  onLocked?:
    | ((lock: { src: BenchChain; dst: BenchChain; receipt: TransactionReceipt }) => Promise<void>)
    | undefined;
  timeoutMs: number;
}

/**
 * Sends `locks` USDC locks, one every `spacingMs`, rotating over the six pathways (so one pathway gets
 * a lock every 6 spacings, long after the previous one was credited), and measures each on chain:
 * the time the `Credited` block of its guid appeared on the destination minus the time the lock's
 * block appeared on the source, both from the {@link BlockClock}s. Whoever delivers (the relayer
 * running meanwhile, or `onLocked`) is what is measured.
 */
export async function measureLatency(parameters: MeasureLatencyParameters): Promise<LatencySample[]> {
  const { net, clocks, locks, spacingMs, onLocked, timeoutMs } = parameters;
  const sender = net.users[0];
  if (sender === undefined) throw new Error("no funded user");
  const fees = await Promise.all(
    PATHWAYS.map(([src, dst]) => lockFee(chainAt(net, src), chainAt(net, dst).manifest.eid, sender)),
  );
  const fromBlocks = await Promise.all(net.chains.map(({ publicClient }) => publicClient.getBlockNumber()));
  const sent: { src: number; dst: number; guid: Hex; lockBlock: bigint }[] = [];
  const deliveries: Promise<void>[] = [];
  const start = performance.now();
  const tasks: Promise<void>[] = [];
  for (let i = 0; i < locks; i++) {
    await sleep(start + i * spacingMs - performance.now());
    const pathway = PATHWAYS[i % PATHWAYS.length] ?? [0, 1];
    const [srcIndex, dstIndex] = pathway;
    const src = chainAt(net, srcIndex);
    const dst = chainAt(net, dstIndex);
    const fee = fees[i % PATHWAYS.length] ?? 0n;
    tasks.push(
      (async () => {
        const hash = await sendLock({
          src,
          dstEid: dst.manifest.eid,
          sender,
          beneficiary: sender,
          amount: 1_000_000n,
          fee,
        });
        const receipt = await src.wsClient.waitForTransactionReceipt({ hash });
        if (onLocked !== undefined) deliveries.push(onLocked({ src, dst, receipt }));
        const [locked] = parseEventLogs({ abi: collateralVaultAbi, eventName: "Locked", logs: receipt.logs });
        if (locked === undefined) throw new Error(`lock ${hash} emitted no Locked`);
        sent.push({ src: srcIndex, dst: dstIndex, guid: locked.args.guid, lockBlock: receipt.blockNumber });
      })(),
    );
  }
  await Promise.all(tasks);
  await Promise.all(deliveries);

  const credited = new Map<string, bigint>();
  await waitUntil(
    "every latency lock to be credited",
    async () => {
      for (const [i, chain] of net.chains.entries()) {
        const logs = await chain.publicClient.getContractEvents({
          address: chain.manifest.contracts.marginLedger,
          abi: marginLedgerAbi,
          eventName: "Credited",
          fromBlock: fromBlocks[i] ?? 0n,
          toBlock: "latest",
        });
        for (const { args, blockNumber } of logs) {
          if (args.guid !== undefined) credited.set(args.guid.toLowerCase(), blockNumber);
        }
      }
      return sent.every(({ guid }) => credited.has(guid.toLowerCase()));
    },
    { timeoutMs, intervalMs: 200 },
  );
  return sent.map(({ src, dst, guid, lockBlock }) => {
    const creditedBlock = credited.get(guid.toLowerCase()) ?? 0n;
    const lockedAt = clocks[src]?.timeOf(lockBlock);
    const creditedAt = clocks[dst]?.timeOf(creditedBlock);
    if (lockedAt === undefined || creditedAt === undefined)
      throw new Error(`no block time for ${guid} (blocks ${lockBlock}, ${creditedBlock})`);
    return {
      pathway: `${chainAt(net, src).manifest.name}->${chainAt(net, dst).manifest.name}`,
      guid,
      lockBlock,
      creditedBlock,
      latencyMs: creditedAt - lockedAt,
    };
  });
}

function chainAt(net: BenchDevnet, index: number): BenchChain {
  const chain = net.chains[index];
  if (chain === undefined) throw new Error(`no chain #${index}`);
  return chain;
}
