import { type NetworkConfig, networkConfigSchema } from "./networkConfigSchema.js";
import { parseWithSchema } from "./parseWithSchema.js";

/**
 * Validates a network config (already parsed from JSON). Throws a `ConfigError` whose message
 * names every bad field, for example `invalid network config: chains[0].rpcUrls[0]: not an http(s) or ws(s) URL`.
 */
export function parseNetworkConfig(input: unknown): NetworkConfig {
  return parseWithSchema(networkConfigSchema, input, "network config");
}
