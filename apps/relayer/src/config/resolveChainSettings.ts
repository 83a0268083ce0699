import { type ChainSettings, chainSettingsSchema, type RelayerConfig } from "./relayerConfigSchema.js";

/** The defaults of a chain that has no `chains.<name>` entry in the config. */
const DEFAULT_CHAIN_SETTINGS: ChainSettings = chainSettingsSchema.parse({});

/**
 * The settings of the manifest chain `name`: its `chains.<name>` entry, or every default when the
 * config has none.
 */
export function resolveChainSettings(config: RelayerConfig, name: string): ChainSettings {
  return config.chains[name] ?? DEFAULT_CHAIN_SETTINGS;
}
