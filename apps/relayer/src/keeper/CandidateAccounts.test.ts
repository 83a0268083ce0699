import { parseManifest } from "@ballast/sdk";
import { describe, expect, test } from "vitest";
import { manifestFixture } from "../../test/manifestFixture.js";
import { relayerChain, StaticChainRegistry } from "../../test/support/devnetChains.js";
import { address20, eventRow } from "../../test/support/storeFixtures.js";
import { BACKENDS, useTestDatabase } from "../../test/support/testDatabase.js";
import { CursorRepository } from "../store/CursorRepository.js";
import { EventRepository } from "../store/EventRepository.js";
import { CandidateAccounts } from "./CandidateAccounts.js";

const manifest = parseManifest(manifestFixture());
const [a, b] = manifest.chains;
if (a === undefined || b === undefined) throw new Error("the fixture has chains a and b");
const A = BigInt(a.chainId);
const B = BigInt(b.chainId);
const alice = address20(0xa1);
const bob = address20(0xb0);
const carol = address20(0xc0);

describe.each(BACKENDS)("candidate accounts on %s", (backend) => {
  const db = useTestDatabase(backend);
  const events = () => new EventRepository(db());
  const setUp = async () => {
    const cursors = new CursorRepository(db());
    await cursors.ensure({ chainId: A, eid: a.eid, startBlock: 0n });
    await cursors.ensure({ chainId: B, eid: b.eid, startBlock: 0n });
  };
  let log = 0;
  const row = (
    chainId: bigint,
    contract: "marginLedger" | "perpMarket" | "collateralVault",
    account: string | null,
  ) => eventRow({ chain_id: chainId, blockNumber: 1n, logIndex: log++, contract, account });

  test("accountsSeen: distinct accounts of the chosen contracts on one chain, with the last id, incrementally", async () => {
    await setUp();
    await events().insert(db(), [
      row(B, "marginLedger", alice),
      row(B, "perpMarket", alice),
      row(B, "perpMarket", bob),
      row(B, "collateralVault", carol), // a vault event: not a margin account's
      row(B, "marginLedger", null),
      row(A, "marginLedger", carol), // another chain
    ]);
    const all = await events().accountsSeen({ chainId: B, contracts: ["marginLedger", "perpMarket"] });
    expect(all.accounts).toEqual([alice, bob]);
    const [last] = await events().list({ chainId: B, contract: "perpMarket", account: bob });
    expect(all.lastId).toBe(last?.id);

    expect(
      await events().accountsSeen({
        chainId: B,
        contracts: ["marginLedger", "perpMarket"],
        afterId: all.lastId,
      }),
    ).toEqual({ accounts: [], lastId: undefined });
    await events().insert(db(), [row(B, "marginLedger", carol), row(B, "marginLedger", alice)]);
    const next = await events().accountsSeen({
      chainId: B,
      contracts: ["marginLedger", "perpMarket"],
      afterId: all.lastId,
    });
    expect(next.accounts).toEqual([alice, carol]);
    expect(next.lastId).toBeGreaterThan(all.lastId ?? 0n);
    expect(await events().accountsSeen({ chainId: B, contracts: [] })).toEqual({
      accounts: [],
      lastId: undefined,
    });
  });

  test("CandidateAccounts: per ledger chain, growing with new events, without the chain's own contracts", async () => {
    await setUp();
    const registry = new StaticChainRegistry([a, b].map((manifest) => relayerChain({ manifest })));
    const candidates = new CandidateAccounts(registry, events());
    // The market's LP deposit names the market as the account.
    const market = b.contracts.perpMarket.toLowerCase();
    await events().insert(db(), [row(B, "perpMarket", alice), row(B, "marginLedger", market)]);
    const first = await candidates.refresh();
    expect([...first.keys()]).toEqual([a.eid, b.eid]);
    expect(first.get(a.eid)).toEqual([]);
    expect(first.get(b.eid)?.map((account) => account.toLowerCase())).toEqual([alice]);

    await events().insert(db(), [row(B, "marginLedger", bob), row(A, "marginLedger", carol)]);
    const second = await candidates.refresh();
    expect(second.get(a.eid)?.map((account) => account.toLowerCase())).toEqual([carol]);
    expect(second.get(b.eid)?.map((account) => account.toLowerCase())).toEqual([alice, bob]);
    // Checksummed addresses.
    expect(second.get(b.eid)?.[0]).toMatch(/^0x[0-9a-fA-F]{40}$/);
  });
});
