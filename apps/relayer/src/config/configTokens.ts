/**
 * Injection token of the validated `RelayerConfig`:
 * `constructor(@Inject(RELAYER_CONFIG) config: RelayerConfig)`.
 */
export const RELAYER_CONFIG = Symbol("RelayerConfig");

/**
 * Injection token of the deployment `Manifest` (sdk) the config names:
 * `constructor(@Inject(MANIFEST) manifest: Manifest)`.
 */
export const MANIFEST = Symbol("Manifest");
