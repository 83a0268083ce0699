import {
  endpointV2Abi,
  endpointV2Bytecode,
  receiveUln302Abi,
  receiveUln302Bytecode,
  sendUln302Abi,
  sendUln302Bytecode,
} from "@ballast/contracts";
import type { UlnConfig } from "@ballast/sdk";
import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from "viem";
import { createTransactor } from "../ballast/transactor.js";
import type { ExecutorConfig } from "./encodeExecutorConfig.js";

/** Parameters of {@link deployUln302Endpoint}. */
export interface DeployUln302EndpointParameters {
  /** Deploys and owns the endpoint and both libraries (LayerZero's role on a real network). */
  walletClient: WalletClient<Transport, Chain, Account>;
  publicClient: PublicClient<Transport, Chain | undefined>;
  eid: number;
  /** Every eid this chain talks to: each gets the default configs and the libraries as defaults. */
  remoteEids: readonly number[];
  /** LayerZero's default ULN config per remote eid: literal values, at least one DVN, no NIL counts. */
  defaultUlnConfig: UlnConfig;
  /** LayerZero's default executor config per remote eid: a non-zero size and executor. */
  defaultExecutorConfig: ExecutorConfig;
}

/** The return type of {@link deployUln302Endpoint}. */
export interface DeployUln302EndpointReturnType {
  endpoint: Address;
  sendUln302: Address;
  receiveUln302: Address;
}

/**
 * Deploys LayerZero's real `EndpointV2` with its real `SendUln302` and `ReceiveUln302` and wires
 * them the way LayerZero does on a live chain, so OApps can be configured as on one. An OApp's
 * `setConfig` on a ULN reverts `LZ_ULN_UnsupportedEid` unless the library has a default ULN config
 * for the eid (`setDefaultUlnConfigs`, owner only), and the endpoint refuses a library as default
 * for an eid it does not support; so per remote eid, in order: `setDefaultUlnConfigs` on both
 * libraries, `setDefaultExecutorConfigs` on the send library, then `setDefaultSendLibrary` and
 * `setDefaultReceiveLibrary`. No DVN or executor contract is deployed: nothing here sends a message.
 * Steps fail with a `BallastDeploymentError` naming them.
 */
export async function deployUln302Endpoint(
  parameters: DeployUln302EndpointParameters,
): Promise<DeployUln302EndpointReturnType> {
  const { walletClient, publicClient, eid, remoteEids, defaultUlnConfig, defaultExecutorConfig } = parameters;
  const tx = createTransactor({ walletClient, publicClient, label: `eid ${eid}` });
  const endpoint = await tx.deploy("deploy EndpointV2", () =>
    walletClient.deployContract({
      abi: endpointV2Abi,
      bytecode: endpointV2Bytecode,
      args: [eid, tx.account],
    }),
  );
  // SendUln302(endpoint, treasuryGasLimit, treasuryNativeFeeCap): only used when a treasury is set,
  // which none is here.
  const sendUln302 = await tx.deploy("deploy SendUln302", () =>
    walletClient.deployContract({
      abi: sendUln302Abi,
      bytecode: sendUln302Bytecode,
      args: [endpoint, 100_000n, 0n],
    }),
  );
  const receiveUln302 = await tx.deploy("deploy ReceiveUln302", () =>
    walletClient.deployContract({ abi: receiveUln302Abi, bytecode: receiveUln302Bytecode, args: [endpoint] }),
  );
  const onEndpoint = { address: endpoint, abi: endpointV2Abi } as const;
  for (const lib of [sendUln302, receiveUln302]) {
    await tx.send(`registerLibrary(${lib})`, () =>
      walletClient.writeContract({ ...onEndpoint, functionName: "registerLibrary", args: [lib] }),
    );
  }
  const config = {
    ...defaultUlnConfig,
    requiredDVNs: [...defaultUlnConfig.requiredDVNs],
    optionalDVNs: [...defaultUlnConfig.optionalDVNs],
  };
  const ulnDefaults = remoteEids.map((remoteEid) => ({ eid: remoteEid, config }));
  await tx.send("sendUln302.setDefaultUlnConfigs", () =>
    walletClient.writeContract({
      address: sendUln302,
      abi: sendUln302Abi,
      functionName: "setDefaultUlnConfigs",
      args: [ulnDefaults],
    }),
  );
  await tx.send("receiveUln302.setDefaultUlnConfigs", () =>
    walletClient.writeContract({
      address: receiveUln302,
      abi: receiveUln302Abi,
      functionName: "setDefaultUlnConfigs",
      args: [ulnDefaults],
    }),
  );
  await tx.send("sendUln302.setDefaultExecutorConfigs", () =>
    walletClient.writeContract({
      address: sendUln302,
      abi: sendUln302Abi,
      functionName: "setDefaultExecutorConfigs",
      args: [remoteEids.map((remoteEid) => ({ eid: remoteEid, config: defaultExecutorConfig }))],
    }),
  );
  for (const remoteEid of remoteEids) {
    await tx.send(`setDefaultSendLibrary(${remoteEid})`, () =>
      walletClient.writeContract({
        ...onEndpoint,
        functionName: "setDefaultSendLibrary",
        args: [remoteEid, sendUln302],
      }),
    );
    await tx.send(`setDefaultReceiveLibrary(${remoteEid})`, () =>
      walletClient.writeContract({
        ...onEndpoint,
        functionName: "setDefaultReceiveLibrary",
        args: [remoteEid, receiveUln302, 0n],
      }),
    );
  }
  return { endpoint, sendUln302, receiveUln302 };
}
