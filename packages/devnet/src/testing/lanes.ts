import { collateralVaultAbi, marginLedgerAbi } from "@ballast/contracts";
import { type Address, isAddressEqual } from "viem";
import type { TestNetwork } from "./createTestNetwork.js";
import { decodeBallastMessage } from "./decodeBallastMessage.js";

/** Both sides of one lane (vault chain, ledger chain, asset) and the messages in flight on it. */
export interface LaneBalance {
  /** `vault.locked(ledgerEid, asset)` on the vault's chain. */
  locked: bigint;
  /** `ledger.credited(vaultEid, asset)` on the ledger's chain. */
  credited: bigint;
  /** LOCKs vault -> ledger of the test not yet executed. */
  inflightLocks: bigint;
  /** RELEASEs ledger -> vault of the test not yet executed. */
  inflightReleases: bigint;
}

/**
 * Reads invariant 1 (lane conservation) for one lane over the packets the relay has seen:
 * `locked == credited + inflightLocks + inflightReleases` must hold at every step.
 */
export async function laneBalance(
  network: TestNetwork,
  vaultEid: number,
  ledgerEid: number,
  asset: Address,
): Promise<LaneBalance> {
  const vaultChain = network.chain(vaultEid);
  const ledgerChain = network.chain(ledgerEid);
  const locked = await vaultChain.publicClient.readContract({
    address: vaultChain.deployment.contracts.collateralVault,
    abi: collateralVaultAbi,
    functionName: "locked",
    args: [ledgerEid, asset],
  });
  const credited = await ledgerChain.publicClient.readContract({
    address: ledgerChain.deployment.contracts.marginLedger,
    abi: marginLedgerAbi,
    functionName: "credited",
    args: [vaultEid, asset],
  });
  let inflightLocks = 0n;
  let inflightReleases = 0n;
  for (const sent of network.relay.sent) {
    const { srcEid, dstEid, message } = sent.packet;
    const isLock = srcEid === vaultEid && dstEid === ledgerEid;
    const isRelease = srcEid === ledgerEid && dstEid === vaultEid;
    if (!isLock && !isRelease) continue;
    const decoded = decodeBallastMessage(message);
    if (!isAddressEqual(decoded.asset, asset)) continue;
    if ((await network.relay.state(sent)).state === "executed") continue;
    if (isLock && decoded.type === "LOCK") inflightLocks += decoded.amount;
    if (isRelease && decoded.type === "RELEASE") inflightReleases += decoded.amount;
  }
  return { locked, credited, inflightLocks, inflightReleases };
}
