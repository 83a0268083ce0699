import { endpointV2Abi } from "@ballast/contracts";
import type { BlockClock } from "./BlockClock.ts";
import type { BenchAccount } from "./benchAccounts.ts";
import { benchAccountAddress, benchAccountAmount } from "./benchAccounts.ts";
import { lockFee, lockMany } from "./locks.ts";
import { PATHWAYS } from "./measureLatency.ts";
import type { BenchDevnet } from "./startBenchDevnet.ts";
import { waitUntil } from "./stats.ts";

/** What {@link measureThroughput} found. */
export interface ThroughputResult {
  messages: number;
  /** From the first lock sent to the block of the last `PacketDelivered` (ms). */
  elapsedMs: number;
  /** Sending every lock (LockBatcher transactions, mined) took this long (ms). */
  sendMs: number;
  messagesPerSecond: number;
  /** The accounts the messages credited (account `i` of the bench, pathway by pathway). */
  accounts: BenchAccount[];
}

/** Parameters of {@link measureThroughput}. */
export interface MeasureThroughputParameters {
  net: BenchDevnet;
  clocks: readonly BlockClock[];
  /** Split over the six pathways; each credits a distinct bench account (indexes 0 to messages-1). */
  messages: number;
  timeoutMs: number;
}

/**
 * Sustained delivery: `messages` LOCKs sent at once through the LockBatchers (spread over the six
 * pathways, one bench account each), delivered by the relayer running meanwhile. Measured on chain:
 * the endpoints' `PacketDelivered` logs, the last one's block time from the {@link BlockClock}s.
 */
export async function measureThroughput(parameters: MeasureThroughputParameters): Promise<ThroughputResult> {
  const { net, clocks, messages, timeoutMs } = parameters;
  const sender = net.users[1];
  if (sender === undefined) throw new Error("no second funded user");
  const fromBlocks = await Promise.all(net.chains.map(({ publicClient }) => publicClient.getBlockNumber()));
  const perPathway = PATHWAYS.map(
    (_, p) => Math.floor(messages / PATHWAYS.length) + (p < messages % PATHWAYS.length ? 1 : 0),
  );
  const accounts: BenchAccount[] = [];
  const plans = PATHWAYS.map(([src, ledger], p) => {
    const first = perPathway.slice(0, p).reduce((sum, n) => sum + n, 0);
    const indexes = Array.from({ length: perPathway[p] ?? 0 }, (_, k) => first + k);
    for (const index of indexes) {
      accounts.push({ address: benchAccountAddress(index), src, ledger, amount: benchAccountAmount(index) });
    }
    return { src, ledger, indexes };
  });
  const fees = await Promise.all(
    plans.map(({ src, ledger }) => lockFee(chain(net, src), chain(net, ledger).manifest.eid, sender)),
  );
  const start = performance.now();
  // Chains in parallel; on each chain, its two pathways one after the other.
  await Promise.all(
    net.chains.map(async (_, chainIndex) => {
      for (const [p, plan] of plans.entries()) {
        if (plan.src !== chainIndex) continue;
        await lockMany({
          src: chain(net, plan.src),
          dstEid: chain(net, plan.ledger).manifest.eid,
          sender,
          beneficiaries: plan.indexes.map(benchAccountAddress),
          amountOf: (k) => benchAccountAmount(plan.indexes[k] ?? 0),
          fee: fees[p] ?? 0n,
        });
      }
    }),
  );
  const sendMs = performance.now() - start;
  const lastBlocks: (bigint | undefined)[] = net.chains.map(() => undefined);
  await waitUntil(
    `${messages} messages to be delivered`,
    async () => {
      let delivered = 0;
      for (const [i, c] of net.chains.entries()) {
        const logs = await c.publicClient.getContractEvents({
          address: c.manifest.endpoint,
          abi: endpointV2Abi,
          eventName: "PacketDelivered",
          fromBlock: (fromBlocks[i] ?? 0n) + 1n,
          toBlock: "latest",
        });
        delivered += logs.length;
        lastBlocks[i] = logs.at(-1)?.blockNumber;
      }
      return delivered >= messages;
    },
    { timeoutMs, intervalMs: 250 },
  );
  // getLogs can see a block a moment before its head is pushed to the clock.
  const deliveredAt = () =>
    lastBlocks.map((block, i) => (block === undefined ? 0 : clocks[i]?.timeOf(block)));
  await waitUntil("the last deliveries' heads", async () => deliveredAt().every((t) => t !== undefined), {
    timeoutMs: 10_000,
  });
  const lastDeliveredAt = Math.max(...deliveredAt().map((t) => t ?? Number.NaN));
  const elapsedMs = lastDeliveredAt - start;
  return { messages, elapsedMs, sendMs, messagesPerSecond: (messages * 1000) / elapsedMs, accounts };
}

function chain(net: BenchDevnet, index: number) {
  const found = net.chains[index];
  if (found === undefined) throw new Error(`no chain #${index}`);
  return found;
}
