import type { Manifest, ManifestChain } from "@ballast/sdk";
import { CliError } from "../CliError.js";

/** The manifest chain named `nameOrEid` (a name like `a`, or an eid); a one-line error otherwise. */
export function resolveChain(manifest: Manifest, nameOrEid: string, flag: string): ManifestChain {
  const chain = manifest.chains.find((c) => c.name === nameOrEid || String(c.eid) === nameOrEid);
  if (chain === undefined) {
    const known = manifest.chains.map((c) => `${c.name} (${c.eid})`).join(", ");
    throw new CliError(`unknown chain "${nameOrEid}" for ${flag} (chains: ${known})`);
  }
  return chain;
}
