import { endpointV2Abi } from "@ballast/contracts";
import { type Address, type Chain, decodeAbiParameters, type PublicClient, type Transport } from "viem";

/** `ReceiveUln302`'s config type of the ULN settings (DVNs, confirmations). */
export const ULN_CONFIG_TYPE = 2;

/** LayerZero's `UlnConfig` (UlnBase.sol): who must verify a pathway's packets. */
export interface UlnConfig {
  confirmations: bigint;
  requiredDVNCount: number;
  optionalDVNCount: number;
  optionalDVNThreshold: number;
  requiredDVNs: readonly Address[];
  optionalDVNs: readonly Address[];
}

const ULN_CONFIG_PARAMETERS = [
  {
    type: "tuple",
    components: [
      { name: "confirmations", type: "uint64" },
      { name: "requiredDVNCount", type: "uint8" },
      { name: "optionalDVNCount", type: "uint8" },
      { name: "optionalDVNThreshold", type: "uint8" },
      { name: "requiredDVNs", type: "address[]" },
      { name: "optionalDVNs", type: "address[]" },
    ],
  },
] as const;

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
      args: [receiver, library, srcEid, ULN_CONFIG_TYPE],
    });
    const [config] = decodeAbiParameters(ULN_CONFIG_PARAMETERS, bytes);
    return config;
  } catch {
    return undefined;
  }
}
