import { isBefore, type ParkedOp } from "./records.js";

/** Parked balance after `op`: MarginLedger._debit takes a release from parked first, then valued. */
function step(parked: bigint, op: ParkedOp): bigint {
  switch (op.kind) {
    case "add":
      return parked + op.amount;
    case "remove":
      return parked - op.amount;
    case "release": {
      const available = parked > 0n ? parked : 0n;
      return parked - (op.amount < available ? op.amount : available);
    }
  }
}

/**
 * Inserts `op` into `ops` (sorted by chain order) and returns the parked balance they give. Appending
 * in chain order costs O(1); an operation that arrives late refolds the list, so the parked/valued
 * split does not depend on the order events arrive in.
 */
export function insertParkedOp(ops: ParkedOp[], parked: bigint, op: ParkedOp): bigint {
  const last = ops[ops.length - 1];
  if (last === undefined || isBefore(last, op)) {
    ops.push(op);
    return step(parked, op);
  }
  let lo = 0;
  let hi = ops.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const at = ops[mid];
    if (at !== undefined && isBefore(at, op)) lo = mid + 1;
    else hi = mid;
  }
  ops.splice(lo, 0, op);
  let folded = 0n;
  for (const o of ops) folded = step(folded, o);
  return folded;
}
