import { endpointV2Abi } from "@ballast/contracts";
import { CONFIG_TYPE, decodeUlnConfig, type UlnConfig } from "@ballast/sdk";
import type { Address, Chain, Hex, PublicClient, Transport } from "viem";
import { isContractRevert } from "./isContractRevert.js";

/** Parameters of {@link readUlnConfig}. */
export interface ReadUlnConfigParameters {
  /** A client of the receiving chain. */
  publicClient: PublicClient<Transport, Chain>;
  endpoint: Address;
  /** The receiving OApp. */
  receiver: Address;
  /** Its receive library for `srcEid`. */
  library: Address;
  srcEid: number;
}

/**
 * The effective ULN config (defaults merged in) of a receiver's library for a source eid, from
 * `EndpointV2.getConfig(receiver, library, srcEid, 2)`; undefined when the library refuses the
 * call, i.e. is not a ULN (SimpleMessageLib on a devnet has no `getConfig`). Any other failure
 * (the RPC) is thrown: it says nothing about the library.
 */
export async function readUlnConfig(parameters: ReadUlnConfigParameters): Promise<UlnConfig | undefined> {
  const { publicClient, endpoint, receiver, library, srcEid } = parameters;
  let bytes: Hex;
  try {
    bytes = await publicClient.readContract({
      address: endpoint,
      abi: endpointV2Abi,
      functionName: "getConfig",
      args: [receiver, library, srcEid, CONFIG_TYPE.ULN],
    });
  } catch (error) {
    if (isContractRevert(error)) return undefined;
    throw error;
  }
  try {
    return decodeUlnConfig(bytes);
  } catch {
    return undefined; // a library answering something other than a ULN config
  }
}
