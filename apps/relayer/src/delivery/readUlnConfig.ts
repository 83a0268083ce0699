import { endpointV2Abi } from "@ballast/contracts";
import { CONFIG_TYPE, decodeUlnConfig, type UlnConfig } from "@ballast/sdk";
import type { Address, Chain, PublicClient, Transport } from "viem";

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
 * `EndpointV2.getConfig(receiver, library, srcEid, 2)`; undefined when the library is not a ULN
 * (SimpleMessageLib on a devnet has no such config).
 */
export async function readUlnConfig(parameters: ReadUlnConfigParameters): Promise<UlnConfig | undefined> {
  const { publicClient, endpoint, receiver, library, srcEid } = parameters;
  try {
    const bytes = await publicClient.readContract({
      address: endpoint,
      abi: endpointV2Abi,
      functionName: "getConfig",
      args: [receiver, library, srcEid, CONFIG_TYPE.ULN],
    });
    return decodeUlnConfig(bytes);
  } catch {
    return undefined;
  }
}
