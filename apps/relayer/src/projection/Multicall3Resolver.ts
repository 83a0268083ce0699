import { Injectable } from "@nestjs/common";
import type { Address } from "viem";
import { getCode } from "viem/actions";
import type { RelayerChain } from "../chains/ChainRegistry.js";

/** Where Multicall3 is deployed on almost every EVM chain (same deployer, same nonce). */
export const CANONICAL_MULTICALL3: Address = "0xcA11bde05977b3631167028862bE2a173976CA11";

/**
 * Finds Multicall3 per chain, once: the address the chain's viem definition declares, else the
 * canonical address when code is deployed there, else none (Hardhat's devnet: reads go one
 * `eth_call` each). A failed lookup is not cached (the next call asks again).
 */
@Injectable()
export class Multicall3Resolver {
  readonly #found = new Map<number, Promise<Address | undefined>>();

  /** The chain's Multicall3, or undefined. */
  resolve(chain: RelayerChain): Promise<Address | undefined> {
    const eid = chain.manifest.eid;
    let found = this.#found.get(eid);
    if (found === undefined) {
      found = this.#lookup(chain);
      this.#found.set(eid, found);
      found.catch(() => this.#found.delete(eid));
    }
    return found;
  }

  async #lookup(chain: RelayerChain): Promise<Address | undefined> {
    const declared = chain.publicClient.chain.contracts?.multicall3?.address;
    if (declared !== undefined) return declared;
    const code = await getCode(chain.publicClient, { address: CANONICAL_MULTICALL3 });
    return code !== undefined && code !== "0x" ? CANONICAL_MULTICALL3 : undefined;
  }
}
