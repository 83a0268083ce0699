import {
  mockAggregatorAbi,
  mockAggregatorBytecode,
  mockERC20Abi,
  mockERC20Bytecode,
  mockERC4626Abi,
  mockERC4626Bytecode,
} from "@ballast/contracts";
import type { Address } from "viem";
import { type BallastConfig, MOCK_FEED_DECIMALS } from "./config.js";
import type { Transactor } from "./transactor.js";

/** A chain's collateral tokens: the quote stablecoin (also the ledger's quote), WETH and an ERC-4626 share over WETH. */
export interface BallastTokens {
  usdc: Address;
  weth: Address;
  share: Address;
}

/** A chain's Chainlink-style feeds (the ledger and market on this chain read them). */
export interface BallastFeeds {
  ethUsd: Address;
  usdcUsd: Address;
}

/** A token or feed role. */
export type AssetSlot = keyof BallastTokens | keyof BallastFeeds;

/** The tokens and feeds of a chain, and which of them were deployed as mocks. */
export interface ResolvedAssets {
  tokens: BallastTokens;
  feeds: BallastFeeds;
  /** Roles filled by a freshly deployed mock (owned by the deployer), in deployment order. */
  mocks: AssetSlot[];
}

/** Parameters of {@link resolveAssets}. */
export interface ResolveAssetsParameters {
  tx: Transactor;
  tokens?: Partial<BallastTokens> | undefined;
  feeds?: Partial<BallastFeeds> | undefined;
  mocks: BallastConfig["mocks"];
}

/**
 * Uses the given token and feed addresses and deploys a mock for each one left out: MockERC20
 * USDC (6 decimals) and WETH (18), a MockERC4626 share over WETH, MockAggregator ETH/USD and
 * USDC/USD feeds (8 decimals). When WETH and the share are both mocks, the deployer mints and
 * deposits `mocks.shareSeed` WETH so the share's rate starts at exactly 1.
 */
export async function resolveAssets(parameters: ResolveAssetsParameters): Promise<ResolvedAssets> {
  const { tx, tokens = {}, feeds = {}, mocks: prices } = parameters;
  const owner = tx.account;
  const mocks: AssetSlot[] = [];
  const wallet = tx.walletClient;

  const token = async (slot: "usdc" | "weth", name: string, symbol: string, decimals: number) => {
    const given = tokens[slot];
    if (given !== undefined) return given;
    mocks.push(slot);
    return tx.deploy(`deploy mock ${symbol}`, () =>
      wallet.deployContract({
        abi: mockERC20Abi,
        bytecode: mockERC20Bytecode,
        args: [owner, name, symbol, decimals],
      }),
    );
  };
  const feed = async (slot: keyof BallastFeeds, description: string, answer: bigint) => {
    const given = feeds[slot];
    if (given !== undefined) return given;
    mocks.push(slot);
    return tx.deploy(`deploy mock ${description} feed`, () =>
      wallet.deployContract({
        abi: mockAggregatorAbi,
        bytecode: mockAggregatorBytecode,
        args: [owner, MOCK_FEED_DECIMALS, description, answer],
      }),
    );
  };

  const usdc = await token("usdc", "USD Coin", "USDC", 6);
  const weth = await token("weth", "Wrapped Ether", "WETH", 18);
  let share = tokens.share;
  if (share === undefined) {
    mocks.push("share");
    share = await tx.deploy("deploy mock sETH", () =>
      wallet.deployContract({
        abi: mockERC4626Abi,
        bytecode: mockERC4626Bytecode,
        args: [weth, "Staked Ether Share", "sETH"],
      }),
    );
    if (mocks.includes("weth") && prices.shareSeed > 0n) {
      const seed = prices.shareSeed;
      const shareAddress = share;
      await tx.send("mint the share's seed WETH", () =>
        wallet.writeContract({ address: weth, abi: mockERC20Abi, functionName: "mint", args: [owner, seed] }),
      );
      await tx.send("approve the share's seed", () =>
        wallet.writeContract({
          address: weth,
          abi: mockERC20Abi,
          functionName: "approve",
          args: [shareAddress, seed],
        }),
      );
      await tx.send("deposit the share's seed", () =>
        wallet.writeContract({
          address: shareAddress,
          abi: mockERC4626Abi,
          functionName: "deposit",
          args: [seed, owner],
        }),
      );
    }
  }
  const ethUsd = await feed("ethUsd", "ETH / USD", prices.ethUsdPrice);
  const usdcUsd = await feed("usdcUsd", "USDC / USD", prices.usdcUsdPrice);
  return { tokens: { usdc, weth, share }, feeds: { ethUsd, usdcUsd }, mocks };
}
