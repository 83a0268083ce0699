import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { type Manifest, serializeManifest } from "@ballast/sdk";
import { type Address, createTestClient } from "viem";
import type { BallastConfig } from "./ballast/config.js";
import type { LocalChain } from "./createLocalChain.js";
import { type BallastChainDeployment, type BallastDeployment, deployBallast } from "./deployBallast.js";
import { accrueShareYield } from "./devnet/accrueShareYield.js";
import { DEFAULT_FUNDING, type FundingAmounts, fundAccounts } from "./devnet/fundAccounts.js";
import { installMulticall3 } from "./devnet/installMulticall3.js";
import { seedMarketLiquidity } from "./devnet/seedMarketLiquidity.js";
import { type ChainServer, startChainServer } from "./devnet/startChainServer.js";
import { DevnetError } from "./errors.js";
import { toManifest } from "./toManifest.js";

/** Development account indexes with a fixed job on every chain; #3 and above are users, and funded. */
export const DEVNET_ROLES = { owner: 0, guardian: 1, verifier: 2 } as const;
/** The first funded user account. */
export const FIRST_USER_ACCOUNT = 3;
/** Most chains a devnet runs (one name per letter). */
export const MAX_DEVNET_CHAINS = 8;

/** Parameters of {@link startDevnet}. */
export interface StartDevnetParameters {
  /** How many chains, 2 to 8; default 3 (named a, b, c…). */
  chains?: number | undefined;
  /** Interface the JSON-RPC servers listen on; default 127.0.0.1. */
  host?: string | undefined;
  /** Chain i listens on `portBase + i`; default 8545. 0 lets the system pick free ports. */
  portBase?: number | undefined;
  /** Chain i has chain id `chainIdBase + i`; default 31401. */
  chainIdBase?: number | undefined;
  /** Chain i has LayerZero eid `eidBase + i`; default 40101. */
  eidBase?: number | undefined;
  /** Mine a block every `blockTime` ms after deployment (interval mining); default: a block per transaction. */
  blockTime?: number | undefined;
  /** Development accounts #3 to #3+n-1 get tokens on every chain; default 7. */
  fundedAccounts?: number | undefined;
  funding?: FundingAmounts | undefined;
  /** USDC the deployer deposits into each chain's perp LP pool; default 1,000,000 (raw 1e12). */
  marketLiquidity?: bigint | undefined;
  /** Deployment parameters; each top-level key given replaces the default's. */
  config?: Partial<BallastConfig> | undefined;
  /** Where to write the manifest (JSON); not written when left out. */
  manifestPath?: string | undefined;
}

/** One chain of a running devnet. */
export interface DevnetChain {
  /** Short name: a, b, c… */
  name: string;
  eid: number;
  chainId: number;
  /** JSON-RPC over HTTP (the same port also answers WebSocket). */
  rpcUrl: string;
  /** viem clients bound to `rpcUrl`, and the unlocked development accounts. */
  local: LocalChain;
  deployment: BallastChainDeployment;
}

/** A running devnet. */
export interface Devnet {
  chains: DevnetChain[];
  deployment: BallastDeployment;
  /** The manifest the relayer and the CLI read (also written to `manifestPath` when given). */
  manifest: Manifest;
  /** Owner, guardian and packet verifier (the same development accounts on every chain). */
  roles: { owner: Address; guardian: Address; verifier: Address };
  /** The funded user accounts. */
  users: readonly Address[];
  /** The chain named `name` or with eid `eid`; throws a DevnetError for an unknown one. */
  chain(nameOrEid: string | number): DevnetChain;
  /** Grows the chain's ERC-4626 share rate by `bps` basis points; returns the new rate (assets per 1e18 shares). */
  accrueShareYield(nameOrEid: string | number, bps: bigint): Promise<bigint>;
  /** Stops every chain's server and frees its port. Safe to call twice. */
  stop(): Promise<void>;
}

/** The return type of {@link startDevnet}. */
export type StartDevnetReturnType = Devnet;

function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new DevnetError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

/**
 * Starts N local chains (Hardhat 3 EDR, in this process), each served as JSON-RPC over HTTP on
 * loopback with its own chain id and LayerZero eid; deploys LayerZero's EndpointV2 and
 * SimpleMessageLib and Ballast on each through {@link deployBallast} (the production deploy
 * path), puts Multicall3 at its canonical address (as on real chains), funds the user accounts, seeds each perp's LP pool, and builds (and optionally writes) the manifest.
 *
 * @example
 * const devnet = await startDevnet({ chains: 3, portBase: 8545 });
 * devnet.chains[0].rpcUrl; // "http://127.0.0.1:8545"
 * await devnet.stop();
 */
export async function startDevnet(parameters: StartDevnetParameters = {}): Promise<StartDevnetReturnType> {
  const {
    chains: count = 3,
    host = "127.0.0.1",
    portBase = 8545,
    chainIdBase = 31_401,
    eidBase = 40_101,
    blockTime,
    fundedAccounts = 7,
    funding = DEFAULT_FUNDING,
    marketLiquidity = 1_000_000n * 10n ** 6n,
    config,
    manifestPath,
  } = parameters;
  checkInteger("chains", count, 2, MAX_DEVNET_CHAINS);
  checkInteger("portBase", portBase, 0, 65_535 - count);
  if (portBase !== 0) checkInteger("portBase", portBase, 1024, 65_535 - count);
  checkInteger("chainIdBase", chainIdBase, 1, 2 ** 32);
  checkInteger("eidBase", eidBase, 1, 2 ** 32 - 1 - count);
  checkInteger("fundedAccounts", fundedAccounts, 0, 17);
  if (blockTime !== undefined) checkInteger("blockTime", blockTime, 1, 3_600_000);

  const servers: ChainServer[] = [];
  const stopAll = () => Promise.all(servers.map((server) => server.local.close())).then(() => undefined);
  try {
    for (let i = 0; i < count; i++) {
      const name = String.fromCharCode(97 + i);
      servers.push(
        await startChainServer({
          chainId: chainIdBase + i,
          name,
          host,
          port: portBase === 0 ? 0 : portBase + i,
        }),
      );
    }
    const first = servers[0]?.local;
    if (first === undefined) throw new DevnetError("no chain started");
    for (const server of servers) await installMulticall3(server.local);
    const roles = {
      owner: first.accounts[DEVNET_ROLES.owner] as Address, // Hardhat has 20 development accounts
      guardian: first.accounts[DEVNET_ROLES.guardian] as Address,
      verifier: first.accounts[DEVNET_ROLES.verifier] as Address,
    };
    const deployment = await deployBallast({
      chains: servers.map((server, i) => ({ chain: server.local, eid: eidBase + i })),
      guardian: roles.guardian,
      verifier: roles.verifier,
      config,
    });
    const users = first.accounts.slice(FIRST_USER_ACCOUNT, FIRST_USER_ACCOUNT + fundedAccounts);
    const chains: DevnetChain[] = servers.map((server, i) => {
      const chainDeployment = deployment.chains[i] as BallastChainDeployment; // one per server, in order
      return {
        name: server.local.chain.name,
        eid: chainDeployment.eid,
        chainId: chainDeployment.chainId,
        rpcUrl: server.rpcUrl,
        local: server.local,
        deployment: chainDeployment,
      };
    });
    for (const chain of chains) {
      await fundAccounts({
        local: chain.local,
        deployment: chain.deployment,
        accounts: users,
        amounts: funding,
      });
      await seedMarketLiquidity({
        local: chain.local,
        deployment: chain.deployment,
        amount: marketLiquidity,
      });
    }
    if (blockTime !== undefined) {
      for (const chain of chains) {
        const testClient = createTestClient({
          mode: "hardhat",
          chain: chain.local.chain,
          transport: chain.local.transport,
        });
        await testClient.setAutomine(false);
        // Hardhat mode takes seconds and sends milliseconds: fractions are fine.
        await testClient.setIntervalMining({ interval: blockTime / 1000 });
      }
    }
    const manifest = toManifest({
      deployment,
      network: "devnet",
      chains: chains.map(({ name, rpcUrl }) => ({ name, rpcUrls: [rpcUrl] })),
      accounts: first.accounts,
      verifier: roles.verifier,
    });
    if (manifestPath !== undefined) {
      await mkdir(dirname(manifestPath), { recursive: true });
      await writeFile(manifestPath, serializeManifest(manifest));
    }
    const chain = (nameOrEid: string | number): DevnetChain => {
      const found = chains.find((c) => c.name === nameOrEid || c.eid === nameOrEid);
      if (found === undefined) throw new DevnetError(`no devnet chain ${nameOrEid}`);
      return found;
    };
    return {
      chains,
      deployment,
      manifest,
      roles,
      users,
      chain,
      accrueShareYield(nameOrEid, bps) {
        const { local, deployment: onChain } = chain(nameOrEid);
        return accrueShareYield({ local, deployment: onChain, bps });
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }
}
