import { ApiProperty, ApiPropertyOptional } from "@nestjs/swagger";
import { ProjectedChainReport } from "./ProjectedChainReport.js";

const AMOUNT = "decimal integer string, raw units of the asset";
const QUOTE = "decimal integer string, quote-token units of the ledger (signed)";

/** The seven figures of `MarginLedger.health(account)`. */
export class AccountHealthReport {
  @ApiProperty({ description: `Sum of collateral values; ${QUOTE}` })
  collateralValue!: string;
  @ApiProperty({ description: `Sum of value * collateral factor; ${QUOTE}` })
  initialCollateral!: string;
  @ApiProperty({ description: `Sum of value * liquidation factor; ${QUOTE}` })
  maintenanceCollateral!: string;
  @ApiProperty({ description: `Cash; ${QUOTE}` })
  cash!: string;
  @ApiProperty({ description: `Unrealized PnL of every position; ${QUOTE}` })
  unrealizedPnl!: string;
  @ApiProperty({ description: `Initial margin of every position; ${QUOTE}` })
  initialMargin!: string;
  @ApiProperty({ description: `Maintenance margin of every position; ${QUOTE}` })
  maintenanceMargin!: string;
}

/** One collateral balance on a ledger, valued like the contracts. */
export class AccountCollateralReport {
  @ApiProperty({ description: "Vault chain holding the tokens", example: 40101 })
  srcEid!: number;
  @ApiProperty({ description: "The token on srcEid (checksummed)" })
  asset!: string;
  @ApiProperty({ description: `Counts toward margin; ${AMOUNT}` })
  valued!: string;
  @ApiProperty({ description: `Credited at zero margin value, releasable; ${AMOUNT}` })
  parked!: string;
  @ApiProperty({ description: "The ledger's RiskEngine lists the collateral" })
  listed!: boolean;
  @ApiProperty({ type: String, nullable: true, description: "Feed answer used; null when unusable" })
  price!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "Share rate used (1e18 for a plain token)" })
  rate!: string | null;
  @ApiProperty({ description: `Value of the valued balance; ${QUOTE}` })
  value!: string;
  @ApiProperty({ description: `value * collateral factor; ${QUOTE}` })
  initialCollateral!: string;
  @ApiProperty({ description: `value * liquidation factor; ${QUOTE}` })
  maintenanceCollateral!: string;
  @ApiProperty({ description: `Most of valued + parked releasable now; ${AMOUNT}` })
  free!: string;
}

/** An open perp position. */
export class AccountPositionReport {
  @ApiProperty()
  market!: string;
  @ApiProperty({ description: "Signed size, 18 decimals (long > 0)" })
  size!: string;
  @ApiProperty({ description: `Signed quote paid to open it; ${QUOTE}` })
  openNotional!: string;
  @ApiProperty({ description: "Price the position is valued at (the feed's decimals)" })
  price!: string;
  @ApiProperty({ description: "The mark price was fresh and in bounds" })
  priceOk!: boolean;
  @ApiProperty({ description: QUOTE })
  unrealizedPnl!: string;
  @ApiProperty({ description: QUOTE })
  notional!: string;
  @ApiProperty({ description: QUOTE })
  initialMargin!: string;
  @ApiProperty({ description: QUOTE })
  maintenanceMargin!: string;
}

/** LP shares of a market's pool. */
export class AccountLpSharesReport {
  @ApiProperty()
  market!: string;
  @ApiProperty()
  shares!: string;
}

/** The account on one ledger chain, read live and valued with @ballast/margin (equal to MarginLedger.health). */
export class AccountLedgerReport {
  @ApiProperty({ example: 40102 })
  eid!: number;
  @ApiProperty({ example: "b" })
  name!: string;
  @ApiProperty({ description: "Block every figure of this ledger was read at (decimal)" })
  blockNumber!: string;
  @ApiProperty({ example: 6 })
  quoteDecimals!: number;
  @ApiProperty({ description: QUOTE })
  cash!: string;
  @ApiProperty({ type: [AccountCollateralReport] })
  collateral!: AccountCollateralReport[];
  @ApiProperty({ type: [AccountPositionReport] })
  positions!: AccountPositionReport[];
  @ApiProperty({ type: [AccountLpSharesReport] })
  lpShares!: AccountLpSharesReport[];
  @ApiProperty({ type: AccountHealthReport })
  health!: AccountHealthReport;
  @ApiProperty({ description: `cash + unrealized PnL + collateral value; ${QUOTE}` })
  equity!: string;
  @ApiProperty({ description: `Free margin (>= 0 to take risk); ${QUOTE}` })
  initialHealth!: string;
  @ApiProperty({ description: `Below zero the account is liquidatable; ${QUOTE}` })
  maintenanceHealth!: string;
  @ApiProperty()
  liquidatable!: boolean;
}

/** The unified balance of one asset of one vault chain on one ledger chain. */
export class AccountBalanceReport {
  @ApiProperty({ description: "Ledger chain where the collateral counts", example: 40102 })
  ledgerEid!: number;
  @ApiProperty({ description: "Vault chain holding the tokens", example: 40101 })
  srcEid!: number;
  @ApiProperty({ description: "The token on srcEid (checksummed)" })
  asset!: string;
  @ApiProperty({ description: `Credited, counting toward margin (live); ${AMOUNT}` })
  valued!: string;
  @ApiProperty({ description: `Credited at zero margin value (live); ${AMOUNT}` })
  parked!: string;
  @ApiProperty({ description: `Value of the valued part (live); ${QUOTE}` })
  value!: string;
  @ApiProperty({ description: `Releasable now (live); ${AMOUNT}` })
  free!: string;
  @ApiProperty({ description: `LOCKs sent from srcEid and not yet credited (projection); ${AMOUNT}` })
  inFlightLock!: string;
  @ApiProperty({ description: `RELEASEs debited here and not yet paid on srcEid (projection); ${AMOUNT}` })
  inFlightRelease!: string;
}

/** A LOCK or RELEASE of the account sent and not yet applied at the other end. */
export class AccountInFlightMessageReport {
  @ApiProperty({ description: "LayerZero guid" })
  guid!: string;
  @ApiProperty({ enum: ["lock", "release"] })
  kind!: "lock" | "release";
  @ApiProperty()
  vaultEid!: number;
  @ApiProperty()
  ledgerEid!: number;
  @ApiProperty({ description: "The asset on the vault's chain (checksummed)" })
  asset!: string;
  @ApiProperty({ description: `Amount in flight; ${AMOUNT}` })
  amount!: string;
  @ApiPropertyOptional({ description: "Recipient of a RELEASE" })
  recipient?: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "Delivery status in the relayer's message table (sent, verified, failed, stuck, dead), null if unknown",
  })
  status!: string | null;
  @ApiProperty({ description: "Chain id of the send (Locked or ReleaseRequested)" })
  sentChainId!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "Block of the send (decimal), null when the message row is unknown",
  })
  sentBlockNumber!: string | null;
  @ApiProperty()
  sentBlockHash!: string;
  @ApiProperty()
  sentLogIndex!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "Seconds since the relayer indexed the send (null when the message row is unknown)",
  })
  ageSeconds!: number | null;
}

/** A release the vault could not pay, claimable by the account. */
export class AccountClaimableReport {
  @ApiProperty()
  vaultEid!: number;
  @ApiProperty()
  asset!: string;
  @ApiProperty({ description: AMOUNT })
  amount!: string;
}

/** GET /accounts/:address's answer. */
export class AccountReport {
  @ApiProperty({ description: "The account (checksummed)" })
  address!: string;

  @ApiProperty({
    type: [ProjectedChainReport],
    description: "Blocks the projection (in-flight messages) is exact at, per chain",
  })
  projection!: ProjectedChainReport[];

  @ApiProperty({
    type: [AccountBalanceReport],
    description:
      "Per (ledger chain, vault chain, asset): live valued/parked/value/free and the projection's in-flight LOCK and RELEASE amounts",
  })
  balances!: AccountBalanceReport[];

  @ApiProperty({
    type: [AccountLedgerReport],
    description: "Per manifest chain: cash, collateral, positions and health, read live and valued",
  })
  ledgers!: AccountLedgerReport[];

  @ApiProperty({ type: [AccountInFlightMessageReport], description: "Oldest first" })
  inFlight!: AccountInFlightMessageReport[];

  @ApiProperty({ type: [AccountClaimableReport], description: "Non-zero claimable balances (live)" })
  claimable!: AccountClaimableReport[];
}
