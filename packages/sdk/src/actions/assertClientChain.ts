// Internal: a client on the wrong chain would send to an address that means something else there.
import type { ManifestChain } from "../config/manifestSchema.js";
import { ActionError } from "../errors.js";
import type { BallastReadClient } from "./types.js";

/** Throws an ActionError when the client's chain is known and is not the manifest chain's. */
export function assertClientChain(client: BallastReadClient, chain: ManifestChain): void {
  const id = client.chain?.id;
  if (id !== undefined && id !== chain.chainId) {
    throw new ActionError(
      `client is on chain id ${id}, manifest chain ${chain.name} (eid ${chain.eid}) is chain id ${chain.chainId}`,
    );
  }
}
