import { Module } from "@nestjs/common";
import { Test, type TestingModule } from "@nestjs/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  lockUsdc,
  referenceEvents,
  relayerChain,
  StaticChainRegistry,
  startTestChains,
  type TestChains,
} from "../../test/support/devnetChains.js";
import { ChainRegistry } from "../chains/ChainRegistry.js";
import { EventRepository } from "../store/EventRepository.js";
import { MessageRepository } from "../store/MessageRepository.js";
import { StoreModule } from "../store/StoreModule.js";
import { IndexerModule } from "./IndexerModule.js";
import { IndexerService } from "./IndexerService.js";

async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("IndexerModule in a Nest application", () => {
  let chains: TestChains;
  let moduleRef: TestingModule;
  beforeAll(async () => {
    chains = await startTestChains();
    const registry = new StaticChainRegistry(
      [chains.a, chains.b].map(({ manifest }) => relayerChain({ manifest, maxBlockRange: 50 })),
    );
    @Module({ providers: [{ provide: ChainRegistry, useValue: registry }], exports: [ChainRegistry] })
    class TestChainsModule {}
    moduleRef = await Test.createTestingModule({
      imports: [
        StoreModule.forRoot({ dataDir: "memory://" }),
        IndexerModule.forRootAsync({
          imports: [TestChainsModule],
          useFactory: () => ({ intervalMs: 25 }),
        }),
      ],
    }).compile();
    await moduleRef.init();
  });
  afterAll(async () => {
    await moduleRef?.close();
    await chains?.stop();
  });

  test("the loops backfill every chain, tail new events, and stop at shutdown", async () => {
    const indexer = moduleRef.get(IndexerService);
    const events = moduleRef.get(EventRepository);
    await waitFor(() => indexer.status().every((status) => status.caughtUp));
    for (const [status, driver] of [
      [indexer.status()[0], chains.a],
      [indexer.status()[1], chains.b],
    ] as const) {
      expect(status).toMatchObject({ name: driver.manifest.name, lastError: undefined, lag: 0n });
      const reference = await referenceEvents(driver, (status?.nextBlock ?? 0n) - 1n);
      expect(
        await events.count({
          chainId: BigInt(driver.manifest.chainId),
          toBlock: (status?.nextBlock ?? 0n) - 1n,
        }),
      ).toBe(reference.length);
    }

    await lockUsdc(chains.a, chains.b, chains.user, 12n * 10n ** 6n);
    const messages = moduleRef.get(MessageRepository);
    await waitFor(async () => (await messages.list({ srcEid: chains.a.manifest.eid })).length === 1);
    expect((await messages.list())[0]).toMatchObject({ amount: 12n * 10n ** 6n, status: "sent" });

    await indexer.stop();
    const stoppedAt = indexer.status().map((status) => status.nextBlock);
    await lockUsdc(chains.a, chains.b, chains.user, 1n);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(indexer.status().map((status) => status.nextBlock)).toEqual(stoppedAt);
  });
});
