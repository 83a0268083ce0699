import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidEventError } from "../errors.js";
import { canonical, shuffle } from "../test/canonical.js";
import { address, bytes32, ChainLog } from "../test/chainLog.js";
import { ContractsModel } from "../test/contractsModel.js";
import { applyEvents } from "./applyEvents.js";
import { createProjection } from "./createProjection.js";
import type { BallastEvent } from "./events.js";
import { getAccount } from "./getAccount.js";
import { getLane } from "./getLane.js";

/** Random histories: each action is (code, a, b, c), interpreted by the contracts model. */
const histories = fc.array(fc.tuple(fc.nat(14), fc.nat(1_000_000), fc.nat(1_000_000), fc.nat(1_000_000)), {
  minLength: 1,
  maxLength: 150,
  size: "max",
});

function run(actions: readonly (readonly [number, number, number, number])[]): ContractsModel {
  const model = new ContractsModel();
  for (const [code, a, b, c] of actions) model.step(code, a, b, c);
  return model;
}

const project = (events: readonly BallastEvent[]) => applyEvents(createProjection(), events);

describe("applyEvents against a model of the contracts", () => {
  it("reproduces every account's balances, in-flight messages and claimables, and every chain total", () => {
    fc.assert(
      fc.property(histories, (actions) => {
        const model = run(actions);
        const state = project(model.events);
        for (const address of model.addresses()) {
          const view = getAccount(state, address);
          const truth = model.truth(address);
          expect({
            address: view.address,
            ledgers: view.ledgers.map((l) => ({
              ...l,
              collateral: l.collateral.map(({ rate: _rate, ...c }) => c),
            })),
            inFlightLocks: view.inFlightLocks.map((m) => m.guid).sort(),
            inFlightReleases: view.inFlightReleases.map((m) => m.guid).sort(),
            claimable: view.claimable,
          }).toEqual(truth);
        }
        // Every invariant holds and the projection agrees with every chain read.
        expect(canonical(state, model.snapshot()).discrepancies).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe("applyEvents is idempotent", () => {
  it("applying every event twice, interleaved or in a second call, changes nothing", () => {
    fc.assert(
      fc.property(histories, (actions) => {
        const model = run(actions);
        const once = project(model.events);
        const twice = project(model.events.flatMap((e) => [e, e]));
        const again = applyEvents(once, model.events);
        // Equal events under another object identity are the same log too.
        const copies = applyEvents(once, structuredClone(model.events));
        const expected = canonical(once, model.snapshot());
        expect(canonical(twice, model.snapshot())).toEqual(expected);
        expect(canonical(again, model.snapshot())).toEqual(expected);
        expect(canonical(copies, model.snapshot())).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});

describe("applyEvents is order-independent", () => {
  it("any permutation of the events gives the same state", () => {
    fc.assert(
      fc.property(histories, fc.nat(), (actions, seed) => {
        const model = run(actions);
        const natural = canonical(project(model.events), model.snapshot());
        expect(canonical(project(shuffle(model.events, seed)), model.snapshot())).toEqual(natural);
        expect(canonical(project([...model.events].reverse()), model.snapshot())).toEqual(natural);
      }),
      { numRuns: 100 },
    );
  });

  it("any split into calls gives the same state, and never mutates a state it was given", () => {
    fc.assert(
      fc.property(histories, fc.array(fc.nat(), { maxLength: 6 }), fc.nat(), (actions, cuts, seed) => {
        const model = run(actions);
        const events = shuffle(model.events, seed);
        const bounds = [...new Set(cuts.map((c) => c % (events.length + 1)))].sort((a, b) => a - b);
        let state = createProjection();
        let start = 0;
        const seen: { state: typeof state; view: ReturnType<typeof canonical> }[] = [];
        for (const end of [...bounds, events.length]) {
          state = applyEvents(state, events.slice(start, end));
          seen.push({ state, view: canonical(state) });
          start = end;
        }
        expect(canonical(state, model.snapshot())).toEqual(
          canonical(project(model.events), model.snapshot()),
        );
        for (const s of seen) expect(canonical(s.state)).toEqual(s.view);
      }),
      { numRuns: 60 },
    );
  });

  it("a Credited before its Locked, a Released before its ReleaseRequested: same state as the natural order", () => {
    const a = new ChainLog(1);
    const b = new ChainLog(2);
    const alice = address("a", 1);
    const weth = address("c", 1);
    const lockGuid = bytes32(1);
    const releaseGuid = bytes32(2);
    const locked = a.block(100n).emit("Locked", {
      guid: lockGuid,
      dstEid: 2,
      asset: weth,
      sender: alice,
      beneficiary: alice,
      amount: 5n,
      rate: 0n,
    });
    const credited = b.block(110n).emit("Credited", {
      guid: lockGuid,
      srcEid: 1,
      asset: weth,
      account: alice,
      amount: 5n,
      valued: 5n,
      parked: 0n,
    });
    const requested = b.block(120n).emit("ReleaseRequested", {
      guid: releaseGuid,
      srcEid: 1,
      asset: weth,
      account: alice,
      recipient: alice,
      amount: 2n,
    });
    const released = a.block(130n).emit("Released", {
      guid: releaseGuid,
      srcEid: 2,
      asset: weth,
      recipient: alice,
      amount: 2n,
    });
    const natural = [locked, credited, requested, released];
    const expected = canonical(project(natural));
    for (const order of [
      [credited, locked, released, requested],
      [released, credited, requested, locked],
      [requested, released, locked, credited],
    ]) {
      expect(canonical(project(order))).toEqual(expected);
    }
    // Halfway, each side alone: in flight after the send only, unmatched after the delivery only.
    expect(getLane(project([locked]), 1, 2, weth).inFlightLock).toBe(5n);
    expect(getAccount(project([locked]), alice).inFlightLocks.map((m) => m.amount)).toEqual([5n]);
    const early = getLane(project([credited]), 1, 2, weth);
    expect([early.inFlightLock, early.unmatchedDeliveries]).toEqual([0n, [lockGuid]]);
    expect(getLane(project([locked, credited, requested]), 1, 2, weth).inFlightRelease).toBe(2n);
    expect(getLane(project(natural), 1, 2, weth)).toMatchObject({
      vaultLocked: 3n,
      ledgerCredited: 3n,
      conserved: true,
    });
  });

  it("a release takes parked collateral first, in chain order, whatever order the events arrive in", () => {
    const b = new ChainLog(2);
    const alice = address("a", 1);
    const share = address("c", 2);
    const credit = (amount: bigint, valued: bigint) =>
      b.block(1n).emit("Credited", {
        guid: bytes32(0, "0"),
        srcEid: 2,
        asset: share,
        account: alice,
        amount,
        valued,
        parked: amount - valued,
      });
    const events = [
      credit(10n, 10n), // valued 10
      credit(6n, 2n), // valued 12, parked 4
      b.block(2n).emit("ReleaseRequested", {
        guid: bytes32(0, "0"),
        srcEid: 2,
        asset: share,
        account: alice,
        recipient: alice,
        amount: 5n,
      }), // parked 4 -> 0, valued 12 -> 11
      credit(3n, 0n), // parked 3
      b.block(3n).emit("ParkedActivated", { account: alice, srcEid: 2, asset: share, amount: 1n }), // parked 2, valued 12
    ];
    for (let seed = 1; seed < 40; seed++) {
      const view = getAccount(project(shuffle(events, seed)), alice);
      expect(view.ledgers[0]?.collateral).toEqual([{ srcEid: 2, asset: share, valued: 12n, parked: 2n }]);
    }
  });
});

describe("applyEvents refuses malformed events atomically", () => {
  const log = new ChainLog(1);
  const good = log
    .block(1n)
    .emit("CashDeposited", { account: address("a", 1), from: address("a", 1), amount: 1n });
  // Another log of the same block: a log already applied is skipped before its fields are read.
  const other = { ...good, key: { ...good.key, logIndex: good.key.logIndex + 1 } };

  it.each([
    ["an unknown type", { ...other, type: "Nope" }],
    ["a short address", { ...other, account: "0x1234" }],
    ["a number amount", { ...other, amount: 1 }],
    ["a negative amount", { ...other, amount: -1n }],
    ["a missing key", { ...other, key: undefined }],
    ["a bad block hash", { ...other, key: { ...other.key, blockHash: "0x12" } }],
    ["a fractional log index", { ...other, key: { ...other.key, logIndex: 1.5 } }],
    ["a number block number", { ...other, blockNumber: 1 }],
    ["an eid out of range", { ...other, eid: 2 ** 32 }],
  ])("%s", (_, bad) => {
    const before = project([good]);
    // Deliberately malformed input, as JavaScript or JSON could hand it over.
    expect(() => applyEvents(before, [good, bad as unknown as BallastEvent])).toThrow(InvalidEventError);
    expect(canonical(before)).toEqual(canonical(project([good])));
  });

  it("skips a log already applied without reading it again", () => {
    const state = project([good]);
    // Same key, other content: the key decides (a reorg changes the block hash, hence the key).
    const again = applyEvents(state, [{ ...good, amount: 5n }]);
    expect(canonical(again)).toEqual(canonical(state));
  });

  it("a Credited whose valued and parked do not add up", () => {
    const bad = log.block(2n).emit("Credited", {
      guid: bytes32(1),
      srcEid: 2,
      asset: address("c", 1),
      account: address("a", 1),
      amount: 5n,
      valued: 1n,
      parked: 1n,
    });
    expect(() => project([bad])).toThrow(/valued \+ parked == amount/);
  });
});
