import { executePacket, getSentPackets, verifyPacket } from "@ballast/sdk";
import type { Address, TransactionReceipt } from "viem";
import type { BenchChain } from "./startBenchDevnet.ts";

/** Parameters of {@link perfectDelivery}. */
export interface PerfectDeliveryParameters {
  src: BenchChain;
  dst: BenchChain;
  /** The mined lock: its PacketSent is delivered. */
  receipt: TransactionReceipt;
  /** The devnet verifier (SimpleMessageLib's whitelisted caller), an unlocked account. */
  verifier: Address;
  /** Any unlocked account: executing is permissionless. */
  executor: Address;
}

/**
 * The in-process "perfect" delivery the relayer is compared with: no indexer, no database, no
 * scheduling. As soon as the lock's receipt is known (pushed new heads), every packet it sent is
 * verified and then executed on the destination with the sdk's delivery primitives, waiting for each
 * receipt on new heads pushed over WebSocket. What is left is the protocol's floor: two
 * destination blocks (verify, then execute) and the round trips.
 */
export async function perfectDelivery(parameters: PerfectDeliveryParameters): Promise<void> {
  const { src, dst, receipt, verifier, executor } = parameters;
  const messageLib = dst.manifest.messageLib;
  if (messageLib === null) throw new Error(`${dst.manifest.name} has no SimpleMessageLib`);
  for (const { packet } of getSentPackets({ endpoint: src.manifest.endpoint, receipt })) {
    await verifyPacket({
      publicClient: dst.wsClient,
      walletClient: dst.wallet(verifier),
      messageLib,
      packet,
    });
    await executePacket({
      publicClient: dst.wsClient,
      walletClient: dst.wallet(executor),
      endpoint: dst.manifest.endpoint,
      packet,
    });
  }
}
