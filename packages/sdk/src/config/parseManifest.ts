import { type Manifest, manifestSchema } from "./manifestSchema.js";
import { parseWithSchema } from "./parseWithSchema.js";

/**
 * Validates a deployment manifest (already parsed from JSON): addresses checksummed, block
 * numbers as bigint. Throws a `ConfigError` whose message names every bad field.
 *
 * @example
 * const manifest = parseManifest(JSON.parse(await readFile("devnet/manifest.json", "utf8")));
 * manifest.chains[0].contracts.collateralVault; // "0x…"
 */
export function parseManifest(input: unknown): Manifest {
  return parseWithSchema(manifestSchema, input, "manifest");
}
