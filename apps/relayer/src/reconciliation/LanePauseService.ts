import type { Manifest } from "@ballast/sdk";
import { BadRequestException, ConflictException, Inject, Injectable } from "@nestjs/common";
import type { Address } from "viem";
import { MANIFEST } from "../config/configTokens.js";
import { NoGuardianKeyError } from "./errors.js";
import type { PauseLaneReport } from "./LanesReport.js";
import { LocksPauser } from "./LocksPauser.js";

/**
 * The operator's "pause a lane": pauses the locks of the lane's vault with the guardian key. Locks
 * pause per vault, so every lane leaving that vault stops taking new LOCKs; releases keep paying.
 */
@Injectable()
export class LanePauseService {
  constructor(
    private readonly pauser: LocksPauser,
    @Inject(MANIFEST) private readonly manifest: Manifest,
  ) {}

  /** 400 for a lane outside the manifest, 409 without a guardian key. */
  async pause(vaultEid: number, ledgerEid: number, asset: Address): Promise<PauseLaneReport> {
    const eids = this.manifest.chains.map(({ eid }) => eid);
    const unknown = [vaultEid, ledgerEid].filter((eid) => !eids.includes(eid));
    if (unknown.length > 0) {
      throw new BadRequestException(
        `not a chain of the manifest: ${unknown.join(", ")} (known: ${eids.join(", ")})`,
      );
    }
    try {
      const result = await this.pauser.pauseLocks(
        vaultEid,
        `operator paused lane ${vaultEid}->${ledgerEid} ${asset.toLowerCase()}`,
      );
      return {
        vaultEid,
        ledgerEid,
        asset,
        alreadyPaused: result.alreadyPaused,
        transactionHash: result.transactionHash ?? null,
        note: `locks pause per vault: every lane from eid ${vaultEid} stops taking LOCKs; releases still pay; unpausing is the owner's`,
      };
    } catch (error) {
      if (error instanceof NoGuardianKeyError) throw new ConflictException(error.message);
      throw error;
    }
  }
}
