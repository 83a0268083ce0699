import type { Hex } from "viem";
import { InvalidInputRpcError, RpcRequestError } from "viem";
import { describe, expect, test } from "vitest";
import type { RelayerChain } from "../chains/ChainRegistry.js";
import { TransactionBroadcaster } from "./TransactionBroadcaster.js";

const RAW: Hex = "0x02f86a";
const HASH: Hex = `0x${"ab".repeat(32)}`;

const gap = () =>
  new InvalidInputRpcError(
    new RpcRequestError({
      body: {},
      error: { code: -32000, message: "Nonce too high. Expected nonce to be 3 but got 4." },
      url: "http://127.0.0.1:8545",
    }),
  );

/** A chain whose node answers each `eth_sendRawTransaction` with the next of `answers` (an Error is thrown). */
function chainAnswering(answers: (Hex | Error)[]): { chain: RelayerChain; sent: Hex[] } {
  const sent: Hex[] = [];
  const publicClient = {
    async sendRawTransaction({ serializedTransaction }: { serializedTransaction: Hex }) {
      sent.push(serializedTransaction);
      const answer = answers.shift();
      if (answer === undefined) throw new Error("no more answers");
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  // Only `publicClient.sendRawTransaction` is used by the broadcaster.
  return { chain: { publicClient } as unknown as RelayerChain, sent };
}

/** The broadcaster with short pauses. */
class QuickBroadcaster extends TransactionBroadcaster {
  protected override readonly nonceGapRetryDelaysMs = [1, 1, 1];
}

describe("TransactionBroadcaster", () => {
  test("a nonce gap the node refuses is tried again with the same bytes until it closes", async () => {
    const { chain, sent } = chainAnswering([gap(), gap(), HASH]);
    await expect(new QuickBroadcaster().broadcast({ chain, raw: RAW })).resolves.toBe(HASH);
    expect(sent).toEqual([RAW, RAW, RAW]);
  });

  test("a gap that never closes: the refusal is thrown after the last pause", async () => {
    const { chain, sent } = chainAnswering([gap(), gap(), gap(), gap(), HASH]);
    await expect(new QuickBroadcaster().broadcast({ chain, raw: RAW })).rejects.toThrow(InvalidInputRpcError);
    expect(sent).toHaveLength(4); // the first try and three more
  });

  test("any other failure is thrown at once", async () => {
    const refused = new Error("insufficient funds for gas");
    const { chain, sent } = chainAnswering([refused, HASH]);
    await expect(new QuickBroadcaster().broadcast({ chain, raw: RAW })).rejects.toBe(refused);
    expect(sent).toHaveLength(1);
  });
});
