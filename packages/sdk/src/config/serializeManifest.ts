import type { Manifest, ManifestInput } from "./manifestSchema.js";

/** The manifest's JSON form: block numbers as decimal strings. Round-trips through {@link parseManifest}. */
export function serializeManifest(manifest: Manifest): string {
  const input: ManifestInput = {
    ...manifest,
    chains: manifest.chains.map((chain) => ({ ...chain, startBlock: chain.startBlock.toString() })),
  };
  return `${JSON.stringify(input, null, 2)}\n`;
}
