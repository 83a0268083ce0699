import {
  endpointV2Abi,
  endpointV2Bytecode,
  simpleMessageLibAbi,
  simpleMessageLibBytecode,
} from "@ballast/contracts";
import {
  type Account,
  type Address,
  type Chain,
  getAddress,
  type Hash,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import type { LocalChain } from "./createLocalChain.js";
import { LayerZeroDeploymentError } from "./errors.js";

/** Parameters of {@link deployLayerZeroEndpoint}: a local chain, or a wallet and public client. */
export type DeployLayerZeroEndpointParameters = {
  /** LayerZero endpoint id of this chain (uint32, e.g. 40101). */
  eid: number;
  /** Endpoint ids this chain sends to and receives from; each gets the library as default. */
  remoteEids: readonly number[];
  /** The only account allowed to call `validatePacket` (the devnet relayer); anyone when left out. */
  verifier?: Address | undefined;
} & (
  | {
      /** Deploys with the chain's development account #0, which owns the endpoint and library. */
      chain: LocalChain;
      walletClient?: undefined;
      publicClient?: undefined;
    }
  | {
      chain?: undefined;
      /** Deployer; owns the endpoint and library and is the library's treasury. */
      walletClient: WalletClient<Transport, Chain, Account>;
      publicClient: PublicClient<Transport, Chain | undefined>;
    }
);

/** The return type of {@link deployLayerZeroEndpoint}. */
export interface DeployLayerZeroEndpointReturnType {
  eid: number;
  /** The EndpointV2 (checksummed, like every address here). */
  endpoint: Address;
  /** The SimpleMessageLib: send and receive library for every remote eid. */
  messageLib: Address;
  /** Owner of both, and the library's fee treasury. */
  owner: Address;
  /** The library's `whitelistCaller`, when one was set. */
  verifier: Address | undefined;
}

const MAX_UINT32 = 2 ** 32 - 1;

function isEid(value: number): boolean {
  return Number.isInteger(value) && value > 0 && value <= MAX_UINT32;
}

/**
 * Deploys LayerZero's real `EndpointV2` and a `SimpleMessageLib` on one chain, from
 * @ballast/contracts' artifacts, and wires them: `registerLibrary(lib)`, then for each remote eid
 * `setDefaultSendLibrary(remoteEid, lib)` and `setDefaultReceiveLibrary(remoteEid, lib, 0)`, and
 * `setWhitelistCaller(verifier)` when a verifier is given. The library charges a native fee of
 * 100 wei per message.
 *
 * @example
 * const a = await createLocalChain({ chainId: 40_101 });
 * const { endpoint, messageLib } = await deployLayerZeroEndpoint({ chain: a, eid: 40_101, remoteEids: [40_102], verifier });
 */
export async function deployLayerZeroEndpoint(
  parameters: DeployLayerZeroEndpointParameters,
): Promise<DeployLayerZeroEndpointReturnType> {
  const { eid, remoteEids, verifier } = parameters;
  if (!isEid(eid)) throw new LayerZeroDeploymentError(`invalid eid ${eid}`);
  for (const remote of remoteEids) {
    if (!isEid(remote)) throw new LayerZeroDeploymentError(`invalid remote eid ${remote}`);
  }
  if (new Set(remoteEids).size !== remoteEids.length) {
    throw new LayerZeroDeploymentError(`remote eids repeat: ${remoteEids.join(", ")}`);
  }
  const walletClient = parameters.chain?.walletClient(0) ?? parameters.walletClient;
  const publicClient = parameters.chain?.publicClient ?? parameters.publicClient;
  if (walletClient === undefined || publicClient === undefined) {
    throw new LayerZeroDeploymentError("give either a chain or a wallet and a public client");
  }
  const owner = walletClient.account.address;

  let step = "deploy EndpointV2";
  /** Waits for a transaction and returns its receipt; a reverted one fails the deployment. */
  const confirm = async (hash: Hash) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success")
      throw new LayerZeroDeploymentError(`${step}: transaction ${hash} reverted`);
    return receipt;
  };
  const deployed = async (hash: Hash): Promise<Address> => {
    const { contractAddress } = await confirm(hash);
    if (!contractAddress) throw new LayerZeroDeploymentError(`${step}: no contract address in the receipt`);
    return getAddress(contractAddress);
  };

  try {
    const endpoint = await deployed(
      await walletClient.deployContract({
        abi: endpointV2Abi,
        bytecode: endpointV2Bytecode,
        args: [eid, owner],
      }),
    );
    step = "deploy SimpleMessageLib";
    const messageLib = await deployed(
      await walletClient.deployContract({
        abi: simpleMessageLibAbi,
        bytecode: simpleMessageLibBytecode,
        args: [endpoint, owner],
      }),
    );
    const onEndpoint = { address: endpoint, abi: endpointV2Abi } as const;
    step = "registerLibrary";
    await confirm(
      await walletClient.writeContract({
        ...onEndpoint,
        functionName: "registerLibrary",
        args: [messageLib],
      }),
    );
    for (const remoteEid of remoteEids) {
      step = `setDefaultSendLibrary(${remoteEid})`;
      await confirm(
        await walletClient.writeContract({
          ...onEndpoint,
          functionName: "setDefaultSendLibrary",
          args: [remoteEid, messageLib],
        }),
      );
      step = `setDefaultReceiveLibrary(${remoteEid})`;
      await confirm(
        await walletClient.writeContract({
          ...onEndpoint,
          functionName: "setDefaultReceiveLibrary",
          args: [remoteEid, messageLib, 0n],
        }),
      );
    }
    if (verifier !== undefined) {
      step = "setWhitelistCaller";
      await confirm(
        await walletClient.writeContract({
          address: messageLib,
          abi: simpleMessageLibAbi,
          functionName: "setWhitelistCaller",
          args: [verifier],
        }),
      );
    }
    return { eid, endpoint, messageLib, owner, verifier };
  } catch (cause) {
    if (cause instanceof LayerZeroDeploymentError) throw cause;
    throw new LayerZeroDeploymentError(`${step} failed on chain ${walletClient.chain.id}`, { cause });
  }
}
