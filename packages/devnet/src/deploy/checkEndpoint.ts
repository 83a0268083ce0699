import { endpointV2Abi } from "@ballast/contracts";
import type { NetworkChainConfig } from "@ballast/sdk";
import {
  type Address,
  type Chain,
  isAddressEqual,
  type PublicClient,
  type Transport,
  zeroAddress,
} from "viem";
import { EndpointMismatchError, NetworkDeploymentError, PathwayConfigError } from "./errors.js";

/** Parameters of {@link checkEndpoint}. */
export interface CheckEndpointParameters {
  chain: NetworkChainConfig & { endpoint: Address };
  publicClient: PublicClient<Transport, Chain | undefined>;
  /** The eids of every other chain of the network: Ballast wires this chain to each. */
  remoteEids: readonly number[];
}

/**
 * Reads a chain's EndpointV2 before anything is deployed: `eid()` must be the config's eid, and
 * every other chain's eid must have a default send and receive library (LayerZero connects the
 * pathway), distinct when the chain configures that pathway (one library contract would keep one
 * config for both directions). Throws an {@link EndpointMismatchError} or a {@link PathwayConfigError}.
 */
export async function checkEndpoint(parameters: CheckEndpointParameters): Promise<void> {
  const { chain, publicClient, remoteEids } = parameters;
  const { endpoint } = chain;
  const read = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (cause) {
      const message = `chain ${chain.name}: endpoint ${endpoint} did not answer ${what}`;
      throw new (what === "eid()" ? EndpointMismatchError : NetworkDeploymentError)(message, { cause });
    }
  };
  const onEndpoint = { address: endpoint, abi: endpointV2Abi } as const;
  const eid = await read("eid()", () => publicClient.readContract({ ...onEndpoint, functionName: "eid" }));
  if (eid !== chain.eid) {
    throw new EndpointMismatchError(
      `chain ${chain.name}: endpoint ${endpoint} has eid ${eid}, the config says ${chain.eid}`,
    );
  }
  for (const remoteEid of remoteEids) {
    const send = await read(`defaultSendLibrary(${remoteEid})`, () =>
      publicClient.readContract({ ...onEndpoint, functionName: "defaultSendLibrary", args: [remoteEid] }),
    );
    const receive = await read(`defaultReceiveLibrary(${remoteEid})`, () =>
      publicClient.readContract({ ...onEndpoint, functionName: "defaultReceiveLibrary", args: [remoteEid] }),
    );
    if (isAddressEqual(send, zeroAddress) || isAddressEqual(receive, zeroAddress)) {
      throw new EndpointMismatchError(
        `chain ${chain.name}: endpoint ${endpoint} has no default send and receive library for eid ${remoteEid}`,
      );
    }
    const configured = chain.pathways.some((pathway) => pathway.remoteEid === remoteEid);
    if (configured && isAddressEqual(send, receive)) {
      throw new PathwayConfigError(
        `chain ${chain.name}: pathway to eid ${remoteEid}: the default send and receive library are one contract (${send})`,
      );
    }
  }
}
