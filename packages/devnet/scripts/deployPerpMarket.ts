import {
  marginLedgerAbi,
  mockAggregatorAbi,
  mockAggregatorBytecode,
  perpMarketAbi,
  perpMarketBytecode,
} from "@ballast/contracts";
import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from "viem";
import { createTransactor } from "../dist/ballast/transactor.js";
import { DEFAULT_BALLAST_CONFIG, MOCK_FEED_DECIMALS, type PerpMarketParameters } from "../dist/index.js";

/** Parameters of {@link deployPerpMarket}. */
export interface DeployPerpMarketParameters {
  /** The ledger's owner: deploys and owns the feed and the market, and lists the market. */
  walletClient: WalletClient<Transport, Chain, Account>;
  publicClient: PublicClient<Transport, Chain>;
  marginLedger: Address;
  /** The mock feed's description (e.g. `BTC / USD`) and first answer, in {@link MOCK_FEED_DECIMALS}. */
  feed: { description: string; answer: bigint };
  /** Market parameters; default: the devnet's ETH perp (`DEFAULT_BALLAST_CONFIG.ethPerp`). */
  parameters?: PerpMarketParameters | undefined;
}

/** The return type of {@link deployPerpMarket}. */
export interface DeployPerpMarketReturnType {
  perpMarket: Address;
  /** The market's MockAggregator, owned by the sender. */
  feed: Address;
}

/**
 * Deploys a MockAggregator and a PerpMarket on it the way `deployChainContracts` deploys the ETH
 * perp (`PerpMarket(owner, ledger, { feed, ...parameters })`), then lists it on the ledger
 * (`ledger.addMarket`, owner only). Steps go through the devnet's transactor, so a failure throws
 * `BallastDeploymentError` naming the step.
 */
export async function deployPerpMarket(
  parameters: DeployPerpMarketParameters,
): Promise<DeployPerpMarketReturnType> {
  const {
    walletClient: wallet,
    publicClient,
    marginLedger,
    feed: { description, answer },
    parameters: market = DEFAULT_BALLAST_CONFIG.ethPerp,
  } = parameters;
  const tx = createTransactor({ walletClient: wallet, publicClient, label: `perp ${description}` });
  const owner = tx.account;
  const feed = await tx.deploy(`deploy mock ${description} feed`, () =>
    wallet.deployContract({
      abi: mockAggregatorAbi,
      bytecode: mockAggregatorBytecode,
      args: [owner, MOCK_FEED_DECIMALS, description, answer],
    }),
  );
  const perpMarket = await tx.deploy("deploy PerpMarket", () =>
    wallet.deployContract({
      abi: perpMarketAbi,
      bytecode: perpMarketBytecode,
      args: [owner, marginLedger, { feed, ...market }],
    }),
  );
  await tx.send("ledger.addMarket", () =>
    wallet.writeContract({
      address: marginLedger,
      abi: marginLedgerAbi,
      functionName: "addMarket",
      args: [perpMarket],
    }),
  );
  return { perpMarket, feed };
}
