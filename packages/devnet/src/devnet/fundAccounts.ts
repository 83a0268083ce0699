import { mockERC20Abi, mockERC4626Abi } from "@ballast/contracts";
import type { Address } from "viem";
import { createTransactor } from "../ballast/transactor.js";
import type { LocalChain } from "../createLocalChain.js";
import type { BallastChainDeployment } from "../deployBallast.js";
import { DevnetError } from "../errors.js";

/** What each funded account receives on every chain, in raw token units. */
export interface FundingAmounts {
  usdc: bigint;
  weth: bigint;
  /** WETH deposited into the ERC-4626 share on the account's behalf. */
  shareAssets: bigint;
}

/** 1,000,000 USDC, 1,000 WETH and shares worth 100 WETH. */
export const DEFAULT_FUNDING: FundingAmounts = {
  usdc: 1_000_000n * 10n ** 6n,
  weth: 1_000n * 10n ** 18n,
  shareAssets: 100n * 10n ** 18n,
};

/** Parameters of {@link fundAccounts}. */
export interface FundAccountsParameters {
  local: LocalChain;
  deployment: BallastChainDeployment;
  accounts: readonly Address[];
  amounts: FundingAmounts;
}

/**
 * Mints the chain's mock USDC and WETH to each account and deposits WETH into the share for it,
 * with the deployer (the mocks' owner). Only mocks can be minted: a real token fails here.
 */
export async function fundAccounts(parameters: FundAccountsParameters): Promise<void> {
  const { local, deployment, accounts, amounts } = parameters;
  const { usdc, weth, share } = deployment.tokens;
  for (const role of ["usdc", "weth", "share"] as const) {
    if (!deployment.mocks.includes(role))
      throw new DevnetError(`eid ${deployment.eid}: ${role} is not a mock; cannot fund`);
  }
  const walletClient = local.walletClient(0);
  const tx = createTransactor({
    walletClient,
    publicClient: local.publicClient,
    label: `eid ${deployment.eid}`,
  });
  const shareTotal = amounts.shareAssets * BigInt(accounts.length);
  await tx.send("mint WETH for shares", () =>
    walletClient.writeContract({
      address: weth,
      abi: mockERC20Abi,
      functionName: "mint",
      args: [tx.account, shareTotal],
    }),
  );
  await tx.send("approve the share", () =>
    walletClient.writeContract({
      address: weth,
      abi: mockERC20Abi,
      functionName: "approve",
      args: [share, shareTotal],
    }),
  );
  for (const account of accounts) {
    await tx.send(`mint USDC to ${account}`, () =>
      walletClient.writeContract({
        address: usdc,
        abi: mockERC20Abi,
        functionName: "mint",
        args: [account, amounts.usdc],
      }),
    );
    await tx.send(`mint WETH to ${account}`, () =>
      walletClient.writeContract({
        address: weth,
        abi: mockERC20Abi,
        functionName: "mint",
        args: [account, amounts.weth],
      }),
    );
    await tx.send(`deposit shares for ${account}`, () =>
      walletClient.writeContract({
        address: share,
        abi: mockERC4626Abi,
        functionName: "deposit",
        args: [amounts.shareAssets, account],
      }),
    );
  }
}
