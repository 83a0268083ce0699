import { ApiProperty, ApiPropertyOptional } from "@nestjs/swagger";
import { ProjectedChainReport } from "../projection/ProjectedChainReport.js";

const STATUS = ["consistent", "discrepancy", "pending", "unknown"] as const;
const KINDS = [
  "laneConservation",
  "vaultSolvency",
  "duplicateDelivery",
  "messageMismatch",
  "stuckMessage",
  "unmatchedDelivery",
  "quoteConservation",
  "projectionMismatch",
] as const;

/** One discrepancy found on a lane or vault. */
export class DiscrepancyReport {
  @ApiProperty({ description: "Stable while the discrepancy lasts" })
  id!: string;
  @ApiProperty({ enum: KINDS })
  kind!: (typeof KINDS)[number];
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      "DESIGN.md invariant broken (1 lane conservation, 2 vault solvency, 4 exactly once); null for a projection/chain mismatch",
  })
  invariant!: number | null;
  @ApiPropertyOptional({
    description: "projectionMismatch: the total that differs (vaultLocked, ledgerCredited, valuedTotal, ...)",
  })
  field?: string;
  @ApiProperty({
    description:
      "Decimal. laneConservation: vault.locked; vaultSolvency: totalLocked + totalClaimable; message kinds: the amount sent; projectionMismatch: the projection's figure",
  })
  expected!: string;
  @ApiProperty({
    description:
      "Decimal. laneConservation: ledger.credited + in flight; vaultSolvency: the vault's balance; message kinds: the amount applied; projectionMismatch: the chain's figure",
  })
  actual!: string;
  @ApiProperty({ type: [String], description: "LayerZero guids of the messages involved" })
  guids!: string[];
  @ApiProperty({ description: "What is wrong, in one line" })
  detail!: string;
}

/** A message in flight on a lane. */
export class LaneMessageReport {
  @ApiProperty()
  guid!: string;
  @ApiProperty({ enum: ["lock", "release"] })
  kind!: "lock" | "release";
  @ApiProperty({ description: "Decimal, raw units of the asset" })
  amount!: string;
  @ApiProperty({ type: Number, nullable: true, description: "Seconds since the relayer indexed its send" })
  ageSeconds!: number | null;
}

/** One lane (vault chain, ledger chain, asset) at the last reconciliation. */
export class LaneReport {
  @ApiProperty({ example: 40101 })
  vaultEid!: number;
  @ApiProperty({ example: "a" })
  vaultChain!: string;
  @ApiProperty({ example: 40102 })
  ledgerEid!: number;
  @ApiProperty({ example: "b" })
  ledgerChain!: string;
  @ApiProperty({ description: "The asset on the vault's chain (checksummed)" })
  asset!: string;
  @ApiPropertyOptional({ description: "usdc, weth or share when the asset is a manifest token" })
  token?: string;
  @ApiProperty({
    enum: STATUS,
    description:
      "consistent: invariants 1 and 4 hold; discrepancy: see discrepancies; pending: a delivery was indexed before its send (indexing skew); unknown: a chain was not read",
  })
  status!: (typeof STATUS)[number];
  @ApiProperty({
    type: String,
    nullable: true,
    description: "vault.locked(ledgerEid, asset) at vaultBlock (decimal)",
  })
  vaultLocked!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "ledger.credited(vaultEid, asset) at ledgerBlock (decimal)",
  })
  ledgerCredited!: string | null;
  @ApiProperty({ description: "LOCKs sent and not yet credited, per the projection (decimal)" })
  inFlightLock!: string;
  @ApiProperty({ description: "RELEASEs debited and not yet paid, per the projection (decimal)" })
  inFlightRelease!: string;
  @ApiProperty({ type: [LaneMessageReport] })
  inFlight!: LaneMessageReport[];
  @ApiProperty({ type: String, nullable: true, description: "Block the vault chain was read at" })
  vaultBlock!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "Block the ledger chain was read at" })
  ledgerBlock!: string | null;
  @ApiProperty({ type: [DiscrepancyReport] })
  discrepancies!: DiscrepancyReport[];
  @ApiProperty({ type: [DiscrepancyReport], description: "Explained by indexing skew, not alerted yet" })
  pending!: DiscrepancyReport[];
  @ApiPropertyOptional()
  note?: string;
}

/** One asset of one vault (invariant 2) at the last reconciliation. */
export class VaultAssetReport {
  @ApiProperty({ example: 40101 })
  vaultEid!: number;
  @ApiProperty({ example: "a" })
  vaultChain!: string;
  @ApiProperty()
  asset!: string;
  @ApiPropertyOptional()
  token?: string;
  @ApiProperty({ enum: STATUS })
  status!: (typeof STATUS)[number];
  @ApiProperty({ type: String, nullable: true })
  blockNumber!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "asset.balanceOf(vault)" })
  balance!: string | null;
  @ApiProperty({ type: String, nullable: true })
  totalLocked!: string | null;
  @ApiProperty({ type: String, nullable: true })
  totalClaimable!: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: "The vault's locks are paused" })
  locksPaused!: boolean | null;
  @ApiProperty({ type: [DiscrepancyReport] })
  discrepancies!: DiscrepancyReport[];
  @ApiPropertyOptional()
  note?: string;
}

/** GET /lanes' answer. */
export class LanesReport {
  @ApiProperty({
    type: String,
    nullable: true,
    description: "ISO time of the last completed run; null before the first",
  })
  reconciledAt!: string | null;
  @ApiProperty({ type: Number, nullable: true })
  durationMs!: number | null;
  @ApiProperty({ description: "Runs completed since start" })
  runs!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "Why the last run failed, if it did (the report is the previous one)",
  })
  lastError!: string | null;
  @ApiProperty({ type: [ProjectedChainReport], description: "Blocks each chain was reconciled at" })
  blocks!: ProjectedChainReport[];
  @ApiProperty({ type: [LaneReport], description: "Every (vault chain, ledger chain, asset)" })
  lanes!: LaneReport[];
  @ApiProperty({ type: [VaultAssetReport], description: "Every vault asset (invariant 2)" })
  vaults!: VaultAssetReport[];
}

/** POST /lanes/:vaultEid/:ledgerEid/:asset/pause's answer. */
export class PauseLaneReport {
  @ApiProperty()
  vaultEid!: number;
  @ApiProperty()
  ledgerEid!: number;
  @ApiProperty()
  asset!: string;
  @ApiProperty({ description: "The vault's locks were paused already: nothing was sent" })
  alreadyPaused!: boolean;
  @ApiProperty({ type: String, nullable: true })
  transactionHash!: string | null;
  @ApiProperty({ description: "What the pause covers" })
  note!: string;
}
