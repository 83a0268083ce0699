import { type DynamicModule, Module } from "@nestjs/common";
import { MANIFEST, RELAYER_CONFIG } from "./configTokens.js";
import type { LoadedRelayerConfig } from "./loadRelayerConfig.js";

/**
 * Global module of the relayer's configuration, loaded and validated before Nest starts
 * (`loadRelayerConfig`): provides the `RelayerConfig` under {@link RELAYER_CONFIG} and the
 * `Manifest` under {@link MANIFEST} to every module.
 */
@Module({})
export class ConfigModule {
  /** The module for a config already loaded; both values are frozen (nothing may change them at run time). */
  static forRoot(loaded: LoadedRelayerConfig): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      providers: [
        { provide: RELAYER_CONFIG, useValue: deepFreeze(loaded.config) },
        { provide: MANIFEST, useValue: deepFreeze(loaded.manifest) },
      ],
      exports: [RELAYER_CONFIG, MANIFEST],
    };
  }
}

/** Freezes a JSON-like value and everything in it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
