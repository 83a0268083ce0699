import { z } from "zod";
import {
  addressSchema,
  blockNumberSchema,
  chainIdSchema,
  chainNameSchema,
  eidSchema,
  rpcUrlSchema,
} from "./schemaPrimitives.js";

/** The Ballast contracts on one chain. */
export const manifestContractsSchema = z.strictObject({
  collateralVault: addressSchema,
  marginLedger: addressSchema,
  riskEngine: addressSchema,
  perpMarket: addressSchema,
});

/** A chain's collateral tokens: the quote stablecoin (the ledger's quote), WETH and an ERC-4626 share over WETH. */
export const manifestTokensSchema = z.strictObject({
  usdc: addressSchema,
  weth: addressSchema,
  share: addressSchema,
});

/** A chain's Chainlink-style feeds. */
export const manifestFeedsSchema = z.strictObject({
  ethUsd: addressSchema,
  usdcUsd: addressSchema,
});

/** One chain of a deployment. */
export const manifestChainSchema = z.strictObject({
  name: chainNameSchema,
  eid: eidSchema,
  chainId: chainIdSchema,
  /** Where to reach the chain; the first is preferred, the others are fallbacks. */
  rpcUrls: z.array(rpcUrlSchema).min(1),
  /** The block of the first deployment transaction: where an indexer starts. */
  startBlock: blockNumberSchema,
  /** LayerZero EndpointV2. */
  endpoint: addressSchema,
  /** The SimpleMessageLib deployed with a devnet endpoint; null on a real network. */
  messageLib: addressSchema.nullable(),
  deployer: addressSchema,
  owner: addressSchema,
  /** True while `owner` has not yet accepted ownership of the contracts. */
  ownershipPending: z.boolean(),
  guardian: addressSchema.nullable(),
  contracts: manifestContractsSchema,
  tokens: manifestTokensSchema,
  feeds: manifestFeedsSchema,
});

/** A deployment manifest: what `deployBallast` wrote, what the relayer and the CLI read. */
export const manifestSchema = z
  .strictObject({
    version: z.literal(1),
    /** The network's name ("devnet" for a local one). */
    network: z.string().min(1),
    chains: z.array(manifestChainSchema).min(1),
    /** Devnet only: the funded, unlocked development accounts (the same on every chain). */
    accounts: z.array(addressSchema).optional(),
    /** Devnet only: the caller whitelisted on every SimpleMessageLib to verify packets. */
    verifier: addressSchema.nullable().optional(),
  })
  .superRefine((manifest, context) => {
    const seen = { name: new Set<string>(), eid: new Set<number>(), chainId: new Set<number>() };
    for (const [index, chain] of manifest.chains.entries()) {
      for (const key of ["name", "eid", "chainId"] as const) {
        const value = chain[key];
        // The Set for `key` holds values of that key's type; TypeScript cannot narrow the union per key.
        const set = seen[key] as Set<typeof value>;
        if (set.has(value)) {
          context.addIssue({
            code: "custom",
            path: ["chains", index, key],
            message: `repeats ${String(value)}`,
          });
        }
        set.add(value);
      }
    }
  });

/** A parsed, validated deployment manifest (addresses checksummed, block numbers as bigint). */
export type Manifest = z.output<typeof manifestSchema>;
/** One chain of a {@link Manifest}. */
export type ManifestChain = z.output<typeof manifestChainSchema>;
/** The JSON shape of a manifest, as written to disk. */
export type ManifestInput = z.input<typeof manifestSchema>;
