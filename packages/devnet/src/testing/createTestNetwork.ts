import {
  type Account,
  type Address,
  type Chain,
  createTestClient,
  type Hash,
  numberToHex,
  type TransactionReceipt,
  type Transport,
  type WalletClient,
} from "viem";
import { createLocalChain, type LocalChain } from "../createLocalChain.js";
import {
  type BallastChainDeployment,
  type BallastDeployment,
  type DeployBallastParameters,
  deployBallast,
} from "../deployBallast.js";
import { DEVNET_ROLES } from "../startDevnet.js";
import { PacketRelay } from "./PacketRelay.js";

/** Development account indexes with a fixed job on every chain; tests use #3 and above as actors. */
export const ROLE = DEVNET_ROLES;

/** One chain of a {@link TestNetwork}. */
export interface TestChain {
  eid: number;
  local: LocalChain;
  publicClient: LocalChain["publicClient"];
  /** Addresses of Ballast's contracts, tokens and feeds on this chain. */
  deployment: BallastChainDeployment;
  /** The SimpleMessageLib that verifies packets to this chain. */
  messageLib: Address;
  /** Development account `index`. */
  address(index: number): Address;
  /** A wallet client for development account `index`. */
  wallet(index: number): WalletClient<Transport, Chain, Account>;
  /** Waits for a transaction, requires success and hands its sent packets to the relay. */
  confirm(hash: Hash | Promise<Hash>): Promise<TransactionReceipt>;
  /** Moves this chain's clock forward (`evm_increaseTime`) and mines a block (`evm_mine`). */
  increaseTime(seconds: number): Promise<void>;
  /** The timestamp of the latest block. */
  now(): Promise<bigint>;
}

/** A state of every chain and of the relay, restorable any number of times. */
export interface NetworkSnapshot {
  restore(): Promise<void>;
}

/** N in-process chains with Ballast deployed and wired, and a relay between them. */
export interface TestNetwork {
  chains: TestChain[];
  deployment: BallastDeployment;
  relay: PacketRelay;
  /** The chain of an eid. */
  chain(eid: number): TestChain;
  /** Delivers every pending packet, oldest first; returns how many. */
  deliverAll(): Promise<number>;
  snapshot(): Promise<NetworkSnapshot>;
  close(): Promise<void>;
}

/** Parameters of {@link createTestNetwork}. */
export interface CreateTestNetworkParameters {
  /** Number of chains (eids `firstEid`, `firstEid + 1`, ...). */
  chains: number;
  firstEid?: number | undefined;
  /** Chain ids differ from eids on purpose. */
  firstChainId?: number | undefined;
  config?: DeployBallastParameters["config"];
}

/**
 * Starts `chains` local chains and deploys Ballast on them through {@link deployBallast} (which
 * also deploys each chain's EndpointV2 and SimpleMessageLib), with development account #0 as
 * owner, #1 as guardian and #2 as the libraries' whitelisted verifier, which the relay uses.
 */
export async function createTestNetwork(parameters: CreateTestNetworkParameters): Promise<TestNetwork> {
  const { chains: count, firstEid = 40_101, firstChainId = 31_401, config } = parameters;
  const locals: LocalChain[] = [];
  for (let i = 0; i < count; i++) locals.push(await createLocalChain({ chainId: firstChainId + i }));
  const first = locals[0];
  if (first === undefined) throw new Error("a test network needs at least one chain");
  const account = (index: number) => {
    const address = first.accounts[index];
    if (address === undefined) throw new Error(`no development account #${index}`);
    return address;
  };

  const deployment = await deployBallast({
    chains: locals.map((chain, i) => ({ chain, eid: firstEid + i })),
    guardian: account(ROLE.guardian),
    verifier: account(ROLE.verifier),
    config,
  });

  const routes = deployment.chains.map((chain, i) => {
    const local = locals[i] as LocalChain;
    if (chain.messageLib === undefined) throw new Error(`eid ${chain.eid} has no SimpleMessageLib`);
    return {
      eid: chain.eid,
      publicClient: local.publicClient,
      walletClient: local.walletClient(ROLE.verifier),
      endpoint: chain.endpoint,
      messageLib: chain.messageLib,
    };
  });
  const relay = new PacketRelay(routes);

  const chains = deployment.chains.map((chainDeployment, i): TestChain => {
    const local = locals[i] as LocalChain;
    const route = routes[i] as (typeof routes)[number];
    const testClient = createTestClient({ chain: local.chain, transport: local.transport, mode: "hardhat" });
    return {
      eid: chainDeployment.eid,
      local,
      publicClient: local.publicClient,
      deployment: chainDeployment,
      messageLib: route.messageLib,
      address: account,
      wallet: (index) => local.walletClient(index),
      async confirm(hash) {
        const receipt = await local.publicClient.waitForTransactionReceipt({ hash: await hash });
        if (receipt.status !== "success") throw new Error(`transaction ${receipt.transactionHash} reverted`);
        relay.collect(chainDeployment.eid, receipt);
        return receipt;
      },
      async increaseTime(seconds) {
        await testClient.request({ method: "evm_increaseTime", params: [numberToHex(seconds)] });
        await testClient.request({ method: "evm_mine", params: undefined });
      },
      async now() {
        return (await local.publicClient.getBlock({ blockTag: "latest" })).timestamp;
      },
    };
  });

  const byEid = new Map(chains.map((chain) => [chain.eid, chain]));
  return {
    chains,
    deployment,
    relay,
    chain(eid) {
      const chain = byEid.get(eid);
      if (chain === undefined) throw new Error(`no chain with eid ${eid}`);
      return chain;
    },
    deliverAll: () => relay.deliverAll(),
    async snapshot() {
      const take = () =>
        Promise.all(
          locals.map((local) =>
            createTestClient({ chain: local.chain, transport: local.transport, mode: "hardhat" }).request({
              method: "evm_snapshot",
            }),
          ),
        );
      let ids = await take();
      const restoreRelay = relay.save();
      return {
        async restore() {
          await Promise.all(
            locals.map((local, i) =>
              createTestClient({ chain: local.chain, transport: local.transport, mode: "hardhat" }).request({
                method: "evm_revert",
                params: [ids[i] as Hash],
              }),
            ),
          );
          restoreRelay();
          // A snapshot is consumed by reverting to it: take it again so it can be restored again.
          ids = await take();
        },
      };
    },
    async close() {
      for (const local of locals) await local.close();
    },
  };
}
