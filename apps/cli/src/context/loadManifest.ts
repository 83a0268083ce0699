import { readFile } from "node:fs/promises";
import { ConfigError, type Manifest, parseManifest } from "@ballast/sdk";
import { CliError } from "../CliError.js";

/** The default manifest: the one `ballast-devnet start` (and `ballast dev`) writes. */
export const DEFAULT_MANIFEST = ".ballast/devnet/manifest.json";

/** Reads and validates a deployment manifest; every failure is a one-line {@link CliError}. */
export async function loadManifest(path: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new CliError(`no manifest at ${path} (start a devnet, or pass --manifest)`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new CliError(`${path} is not JSON`, { cause });
  }
  try {
    return parseManifest(json);
  } catch (cause) {
    if (cause instanceof ConfigError) throw new CliError(`${path}: ${cause.message}`, { cause });
    throw cause;
  }
}
