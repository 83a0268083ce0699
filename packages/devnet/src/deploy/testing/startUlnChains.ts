import type { UlnConfig } from "@ballast/sdk";
import { type Address, getAddress } from "viem";
import { type ChainServer, startChainServer } from "../../devnet/startChainServer.js";
import { type DeployUln302EndpointReturnType, deployUln302Endpoint } from "../deployUln302Endpoint.js";
import type { ExecutorConfig } from "../encodeExecutorConfig.js";

/** A made-up contract address (nothing is deployed there): `0x…` + `suffix`, checksummed. */
export function fakeAddress(suffix: string): Address {
  return getAddress(`0x${suffix.padStart(40, "0")}`);
}

/** LayerZero's defaults on the test chains: one required and one optional DVN, 5 confirmations. */
export const TEST_DEFAULT_ULN: UlnConfig = {
  confirmations: 5n,
  requiredDVNCount: 1,
  optionalDVNCount: 1,
  optionalDVNThreshold: 1,
  requiredDVNs: [fakeAddress("defa01")],
  optionalDVNs: [fakeAddress("defa02")],
};
/** LayerZero's default executor on the test chains. */
export const TEST_DEFAULT_EXECUTOR: ExecutorConfig = {
  maxMessageSize: 10_000,
  executor: fakeAddress("e0e0"),
};

/** One chain served over HTTP, with LayerZero's EndpointV2 and ULN302 libraries. */
export interface UlnChain extends DeployUln302EndpointReturnType {
  server: ChainServer;
  name: string;
  chainId: number;
  eid: number;
}

/**
 * Starts `count` chains over HTTP (port 0) named a, b, c…, chain ids `chainIdBase + i`, eids
 * `eidBase + i`, each with an EndpointV2, SendUln302 and ReceiveUln302 deployed by development
 * account #0 (Hardhat's first key) with {@link TEST_DEFAULT_ULN} and {@link TEST_DEFAULT_EXECUTOR}
 * as LayerZero's defaults toward every other chain. Test support: `close()` stops them.
 */
export async function startUlnChains(parameters: {
  count: number;
  chainIdBase: number;
  eidBase: number;
}): Promise<{ chains: UlnChain[]; close: () => Promise<void> }> {
  const { count, chainIdBase, eidBase } = parameters;
  const chains: UlnChain[] = [];
  const servers: ChainServer[] = [];
  const close = async () => {
    for (const server of servers) await server.local.close();
  };
  try {
    const eids = Array.from({ length: count }, (_, i) => eidBase + i);
    for (const [i, eid] of eids.entries()) {
      const name = String.fromCharCode(97 + i);
      const server = await startChainServer({ chainId: chainIdBase + i, name, host: "127.0.0.1", port: 0 });
      servers.push(server);
      const endpoints = await deployUln302Endpoint({
        walletClient: server.local.walletClient(0),
        publicClient: server.local.publicClient,
        eid,
        remoteEids: eids.filter((other) => other !== eid),
        defaultUlnConfig: TEST_DEFAULT_ULN,
        defaultExecutorConfig: TEST_DEFAULT_EXECUTOR,
      });
      chains.push({ server, name, chainId: chainIdBase + i, eid, ...endpoints });
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { chains, close };
}
