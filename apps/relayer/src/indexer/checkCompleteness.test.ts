import { describe, expect, test } from "vitest";
import { findNonceGaps, findUnpairedSends, pathwayKey } from "./checkCompleteness.js";

const message = (nonce: bigint, sender = "0xaa") => ({
  src_eid: 1,
  sender,
  dst_eid: 2,
  receiver: "0xbb",
  nonce,
});
const head = (nonce: bigint, sender = "0xaa") => ({
  sender,
  dst_eid: 2,
  receiver: "0xbb",
  nonce,
  sent_block_number: 50n,
});

describe("findNonceGaps", () => {
  test("nonces continuing the stored head one by one have no gap, in any order, with repeats", () => {
    expect(findNonceGaps(1, [message(6n), message(5n), message(4n), message(6n)], [head(3n)])).toEqual([]);
    expect(findNonceGaps(1, [message(1n), message(2n)], [])).toEqual([]);
    // nonces already stored (a re-read range) are not new
    expect(findNonceGaps(1, [message(2n), message(3n), message(4n)], [head(3n)])).toEqual([]);
  });

  test("a missing nonce in the batch or right after the head is a gap of its pathway", () => {
    expect(findNonceGaps(1, [message(4n), message(6n)], [head(3n)])).toEqual([
      { pathway: pathwayKey(1, "0xaa", 2, "0xbb"), expected: 5n, found: 6n, lastKnownBlock: 50n },
    ]);
    expect(findNonceGaps(1, [message(5n)], [head(3n)])).toMatchObject([{ expected: 4n, found: 5n }]);
    expect(findNonceGaps(1, [message(2n, "0xcc")], [head(3n)])).toMatchObject([
      { expected: 1n, found: 2n, lastKnownBlock: undefined },
    ]);
  });
});

describe("findUnpairedSends", () => {
  test("lists guids on one side only", () => {
    expect(findUnpairedSends(new Set(["0x1", "0x2"]), new Set(["0x2", "0x3"]))).toEqual(["0x1", "0x3"]);
    expect(findUnpairedSends(new Set(["0x1"]), new Set(["0x1"]))).toEqual([]);
  });
});
