import { mockAggregatorAbi, mockAggregatorBytecode } from "@ballast/contracts";
import { BaseError, ContractFunctionRevertedError, parseEventLogs } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalChain, type LocalChain } from "./createLocalChain.js";
import { LocalChainError } from "./errors.js";

async function deployFeed(chain: LocalChain, answer: bigint) {
  const wallet = chain.walletClient(0);
  const hash = await wallet.deployContract({
    abi: mockAggregatorAbi,
    bytecode: mockAggregatorBytecode,
    args: [wallet.account.address, 8, "ETH / USD", answer],
  });
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
  if (!receipt.contractAddress) throw new Error("deployment produced no contract");
  return receipt.contractAddress;
}

describe("createLocalChain", () => {
  let a: LocalChain;
  let b: LocalChain;

  beforeAll(async () => {
    a = await createLocalChain({ chainId: 40_101 });
    b = await createLocalChain({ chainId: 40_102 });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it("starts independent chains with their own chain ids", async () => {
    expect(await a.publicClient.getChainId()).toBe(40_101);
    expect(await b.publicClient.getChainId()).toBe(40_102);
    expect(a.accounts.length).toBeGreaterThan(1);
  });

  it("deploys a Ballast contract from the generated ABI and keeps state per chain", async () => {
    const feedA = await deployFeed(a, 3_000n * 10n ** 8n);
    const feedB = await deployFeed(b, 3_000n * 10n ** 8n);

    const hash = await a.walletClient(0).writeContract({
      address: feedA,
      abi: mockAggregatorAbi,
      functionName: "setAnswer",
      args: [2_500n * 10n ** 8n],
    });
    const receipt = await a.publicClient.waitForTransactionReceipt({ hash });
    const [updated] = parseEventLogs({
      abi: mockAggregatorAbi,
      logs: receipt.logs,
      eventName: "AnswerUpdated",
    });
    expect(updated?.args.current).toBe(2_500n * 10n ** 8n);
    expect(updated?.args.roundId).toBe(2n);

    // Return types come from the generated `as const` ABI: a 5-tuple of bigints.
    const [roundA, answerA] = await a.publicClient.readContract({
      address: feedA,
      abi: mockAggregatorAbi,
      functionName: "latestRoundData",
    });
    const [roundB, answerB] = await b.publicClient.readContract({
      address: feedB,
      abi: mockAggregatorAbi,
      functionName: "latestRoundData",
    });
    expect([roundA, answerA]).toEqual([2n, 2_500n * 10n ** 8n]);
    expect([roundB, answerB]).toEqual([1n, 3_000n * 10n ** 8n]);
  });

  it("refuses a stranger's oracle update with the contract's custom error", async () => {
    const feed = await deployFeed(a, 1n);
    const stranger = a.walletClient(1);
    const attempt = a.publicClient.simulateContract({
      account: stranger.account,
      address: feed,
      abi: mockAggregatorAbi,
      functionName: "setAnswer",
      args: [2n],
    });
    const error = await attempt.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BaseError);
    // walk() finds the decoded revert inside viem's error chain.
    const reverted = (error as BaseError).walk((e) => e instanceof ContractFunctionRevertedError);
    expect(reverted).toBeInstanceOf(ContractFunctionRevertedError);
    expect((reverted as ContractFunctionRevertedError).data?.errorName).toBe("OwnableUnauthorizedAccount");
    expect((reverted as ContractFunctionRevertedError).data?.args).toEqual([stranger.account.address]);
  });

  it("rejects an invalid chain id", async () => {
    await expect(createLocalChain({ chainId: 0 })).rejects.toThrow(LocalChainError);
  });
});
