import { z } from "zod";
import {
  addressSchema,
  chainIdSchema,
  chainNameSchema,
  eidSchema,
  rpcUrlSchema,
} from "./schemaPrimitives.js";

/**
 * LayerZero settings of one pathway (this chain to `remoteEid`), applied with the endpoint's
 * `setConfig` by whoever owns the OApps; the relayer reads them back at start in production.
 */
export const pathwayConfigSchema = z.strictObject({
  remoteEid: eidSchema,
  /** Block confirmations the DVNs wait for on this chain before verifying. */
  confirmations: z.number().int().nonnegative(),
  /** DVNs that must all verify. */
  requiredDvns: z.array(addressSchema).min(1),
  /** DVNs of which `optionalDvnThreshold` must verify. */
  optionalDvns: z.array(addressSchema).default([]),
  optionalDvnThreshold: z.number().int().nonnegative().default(0),
  /** The executor that runs `lzReceive` on the remote chain (LayerZero's default when left out). */
  executor: addressSchema.optional(),
});

/** One chain of a network to deploy to or connect to. Keys never live here: they come from the environment. */
export const networkChainConfigSchema = z.strictObject({
  name: chainNameSchema,
  chainId: chainIdSchema,
  eid: eidSchema,
  /** JSON-RPC URLs, the first preferred, the others fallbacks. */
  rpcUrls: z.array(rpcUrlSchema).min(1),
  /** The chain's LayerZero EndpointV2; left out only on a devnet, which deploys its own. */
  endpoint: addressSchema.optional(),
  /** Existing collateral tokens; each one left out is deployed as a mock (test networks only). */
  tokens: z
    .strictObject({ usdc: addressSchema, weth: addressSchema, share: addressSchema })
    .partial()
    .default({}),
  /** Existing Chainlink feeds; each one left out is deployed as a mock (test networks only). */
  feeds: z.strictObject({ ethUsd: addressSchema, usdcUsd: addressSchema }).partial().default({}),
  /** Blocks an indexer waits before treating a log as final. */
  confirmations: z.number().int().nonnegative().default(1),
  pathways: z.array(pathwayConfigSchema).default([]),
});

/** A network: its chains, the final owner and the guardian of the contracts. */
export const networkConfigSchema = z
  .strictObject({
    name: z.string().min(1),
    owner: addressSchema.optional(),
    guardian: addressSchema.optional(),
    chains: z.array(networkChainConfigSchema).min(1),
  })
  .superRefine((config, context) => {
    const eids = new Set(config.chains.map((chain) => chain.eid));
    for (const [index, chain] of config.chains.entries()) {
      for (const [pathwayIndex, pathway] of chain.pathways.entries()) {
        const path = ["chains", index, "pathways", pathwayIndex];
        if (!eids.has(pathway.remoteEid) || pathway.remoteEid === chain.eid) {
          context.addIssue({
            code: "custom",
            path: [...path, "remoteEid"],
            message: `no other chain has eid ${pathway.remoteEid}`,
          });
        }
        if (pathway.optionalDvnThreshold > pathway.optionalDvns.length) {
          context.addIssue({
            code: "custom",
            path: [...path, "optionalDvnThreshold"],
            message: `exceeds the ${pathway.optionalDvns.length} optional DVNs`,
          });
        }
      }
    }
    const names = new Set<string>();
    for (const [index, chain] of config.chains.entries()) {
      if (names.has(chain.name))
        context.addIssue({
          code: "custom",
          path: ["chains", index, "name"],
          message: `repeats ${chain.name}`,
        });
      names.add(chain.name);
    }
    if (eids.size !== config.chains.length) {
      context.addIssue({ code: "custom", path: ["chains"], message: "eids repeat" });
    }
  });

/** A parsed, validated network config. */
export type NetworkConfig = z.output<typeof networkConfigSchema>;
/** One chain of a {@link NetworkConfig}. */
export type NetworkChainConfig = z.output<typeof networkChainConfigSchema>;
/** The JSON shape of a network config, as written by hand. */
export type NetworkConfigInput = z.input<typeof networkConfigSchema>;
