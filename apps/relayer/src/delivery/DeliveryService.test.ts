import { numberToHex } from "viem";
import { describe, expect, test } from "vitest";
import { hash32, messageRow } from "../../test/support/storeFixtures.js";
import type { ChainRegistry } from "../chains/ChainRegistry.js";
import { relayerConfigSchema } from "../config/relayerConfigSchema.js";
import type {
  LeaseMessagesParameters,
  MessageRepository,
  StoredMessage,
} from "../store/MessageRepository.js";
import type { TransactionRepository } from "../store/TransactionRepository.js";
import { DeliveryService } from "./DeliveryService.js";
import { deliveryOptionsFromConfig } from "./deliveryOptions.js";
import type { MessageDeliverer } from "./MessageDeliverer.js";
import type { StuckSweeper } from "./StuckSweeper.js";
import type { TransactionReconciler } from "./TransactionReconciler.js";

/** A leased message of pathway `pathway` (its receiver) with `nonce`. */
function leased(pathway: number, nonce: bigint): StoredMessage {
  const row = messageRow({ nonce, receiver: numberToHex(pathway, { size: 32 }) });
  return {
    ...row,
    asset: row.asset ?? null,
    account: row.account ?? null,
    amount: row.amount ?? null,
    rate: row.rate ?? null,
    next_attempt_at: null,
    last_error: null,
    verified_block_number: null,
    verified_tx_hash: null,
    delivered_block_number: null,
    delivered_tx_hash: null,
    verified_at: null,
    delivered_at: null,
    guid: hash32(`pathway ${pathway} nonce ${nonce}`),
    lease_owner: "r1",
    lease_until: new Date(Date.now() + 60_000),
    source_reorged_at: null,
  };
}

/** A DeliveryService over fakes: each `lease()` hands out the next batch; each delivery waits for its gate. */
function service(batches: StoredMessage[][]) {
  const released: string[] = [];
  const delivered: string[] = [];
  const gates = new Map<string, () => void>();
  const started = new Set<string>();
  const excluded: string[][] = [];
  const messages = {
    lease: async (parameters: LeaseMessagesParameters) => {
      excluded.push((parameters.excludePathways ?? []).map((p) => p.receiver));
      return batches.shift() ?? [];
    },
    releaseLease: async (guid: string) => {
      released.push(guid);
      return true;
    },
    renewLease: async () => true,
    releaseLeasesOf: async () => 0,
  };
  const deliverer = {
    deliver: (message: StoredMessage) =>
      new Promise((resolve) => {
        started.add(message.guid);
        gates.set(message.guid, () => {
          delivered.push(message.guid);
          resolve({ kind: "delivered" });
        });
      }),
  };
  const config = relayerConfigSchema.parse({ manifest: "m.json" });
  const delivery = new DeliveryService(
    // Each fake implements the methods a pass calls on it (no chains: no transactions to settle).
    { all: () => [] } as unknown as ChainRegistry,
    messages as unknown as MessageRepository,
    { pending: async () => [] } as unknown as TransactionRepository,
    deliverer as unknown as MessageDeliverer,
    {} as unknown as TransactionReconciler,
    { sweepIfDue: async () => [] } as unknown as StuckSweeper,
    deliveryOptionsFromConfig(config, { replicaId: "r1", leaseMs: 60_000, concurrency: 4 }),
  );
  const open = async (guid: string) => {
    await expect.poll(() => started.has(guid)).toBe(true);
    gates.get(guid)?.();
  };
  return { delivery, released, delivered, started, open, excluded };
}

describe("DeliveryService passes", () => {
  test("overlapping passes: a pathway another pass is on is given back at once; the others go ahead", async () => {
    const [p1n1, p1n2, p2n1, p3n1] = [leased(1, 1n), leased(1, 2n), leased(2, 1n), leased(3, 1n)];
    const { delivery, released, delivered, started, open, excluded } = service([
      [p1n1, p2n1],
      [p1n2, p3n1], // as if pathway 1 were taken between this lease and the check
    ]);
    const first = delivery.runOnce();
    await expect.poll(() => started.size).toBe(2); // pathways 1 and 2 in flight
    const second = delivery.runOnce(); // while the first waits on its deliveries
    await open(p3n1.guid); // pathway 3 is not held up by the first pass
    expect(await second).toMatchObject({ leased: 2, delivered: 1, released: 1, full: false });
    // The second lease asked to leave out the pathways the first pass is on.
    expect(excluded).toEqual([[], [p1n1.receiver, p2n1.receiver]]);
    expect(released).toEqual([p1n2.guid]); // pathway 1's next nonce waits for the pass on nonce 1
    expect(started.has(p1n2.guid)).toBe(false);
    await open(p1n1.guid);
    await open(p2n1.guid);
    expect(await first).toMatchObject({ leased: 2, delivered: 2, released: 0 });
    expect(delivered).toEqual([p3n1.guid, p1n1.guid, p2n1.guid]);
  });

  test("a pathway's messages in one pass go in nonce order, one at a time", async () => {
    const [n1, n2] = [leased(1, 1n), leased(1, 2n)];
    const { delivery, started, open } = service([[n2, n1]]);
    const pass = delivery.runOnce();
    await expect.poll(() => started.has(n1.guid)).toBe(true);
    expect(started.has(n2.guid)).toBe(false); // nonce 2 waits for nonce 1
    await open(n1.guid);
    await open(n2.guid);
    expect(await pass).toMatchObject({ leased: 2, delivered: 2 });
  });
});
