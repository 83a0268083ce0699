import type { Manifest } from "@ballast/sdk";
import { Module } from "@nestjs/common";
import { MANIFEST, RELAYER_CONFIG } from "../config/configTokens.js";
import type { RelayerConfig } from "../config/relayerConfigSchema.js";
import { ChainRegistry } from "./ChainRegistry.js";
import { ViemChainRegistry } from "./ViemChainRegistry.js";

/**
 * Chain I/O: provides {@link ChainRegistry} (a {@link ViemChainRegistry} over the config and the
 * manifest). Tests replace it with `overrideProvider(ChainRegistry)`.
 */
@Module({
  providers: [
    {
      provide: ChainRegistry,
      inject: [RELAYER_CONFIG, MANIFEST],
      useFactory: (config: RelayerConfig, manifest: Manifest): ChainRegistry =>
        new ViemChainRegistry({ config, manifest }),
    },
  ],
  exports: [ChainRegistry],
})
export class ChainsModule {}
