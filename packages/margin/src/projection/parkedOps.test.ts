import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { insertParkedOp } from "./parkedOps.js";
import type { ParkedOp, ParkedOpKind } from "./records.js";

const op = (blockNumber: bigint, kind: ParkedOpKind, amount: bigint): ParkedOp => ({
  blockNumber,
  logIndex: 0,
  blockHash: "0x00",
  kind,
  amount,
});

/** MarginLedger's parked balance after the operations in chain order. */
function sequential(ops: readonly ParkedOp[]): bigint {
  let parked = 0n;
  for (const o of ops) {
    if (o.kind === "add") parked += o.amount;
    else if (o.kind === "remove") parked -= o.amount;
    else parked -= o.amount < parked ? o.amount : parked > 0n ? parked : 0n;
  }
  return parked;
}

describe("insertParkedOp", () => {
  it("takes a release from parked first, then valued", () => {
    const ops: ParkedOp[] = [];
    let parked = insertParkedOp(ops, 0n, op(1n, "add", 4n));
    parked = insertParkedOp(ops, parked, op(2n, "release", 3n));
    expect(parked).toBe(1n);
    parked = insertParkedOp(ops, parked, op(3n, "release", 5n));
    expect(parked).toBe(0n);
  });

  it("gives the chain-order result whatever order the operations are inserted in", () => {
    const ops = fc.array(
      fc.tuple(fc.constantFrom<ParkedOpKind>("add", "release", "release"), fc.bigInt({ min: 1n, max: 100n })),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(ops, fc.nat(), (list, seed) => {
        const inOrder = list.map(([kind, amount], i) => op(BigInt(i), kind, amount));
        const shuffled = [...inOrder].sort(
          (a, b) =>
            ((Number(a.blockNumber) * 7919 + seed) % 101) - ((Number(b.blockNumber) * 7919 + seed) % 101),
        );
        const stored: ParkedOp[] = [];
        let parked = 0n;
        for (const o of shuffled) parked = insertParkedOp(stored, parked, o);
        expect(parked).toBe(sequential(inOrder));
        expect(stored).toEqual(inOrder);
      }),
    );
  });
});
