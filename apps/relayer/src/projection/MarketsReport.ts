import { ApiProperty } from "@nestjs/swagger";

/** One market of a ledger, read on chain. */
export class MarketReport {
  @ApiProperty({ description: "The market contract (checksummed)" })
  address!: string;
  @ApiProperty({
    description: "The oracle answer used as mark price (priceDecimals), the last one when unusable",
  })
  markPrice!: string;
  @ApiProperty({ description: "The mark price is fresh and in bounds" })
  markPriceOk!: boolean;
  @ApiProperty({ example: 8 })
  priceDecimals!: number;
  @ApiProperty({ description: "Sum of long sizes (base units, 18 decimals)" })
  longOpenInterest!: string;
  @ApiProperty({ description: "Sum of short sizes (base units, 18 decimals)" })
  shortOpenInterest!: string;
  @ApiProperty({
    description: "Signed sum of every position's size (18 decimals): the pool holds the opposite",
  })
  netSize!: string;
  @ApiProperty({
    description: "LP pool value: the market's cash minus the traders' unrealized PnL (quote units, signed)",
  })
  poolValue!: string;
  @ApiProperty()
  totalLpShares!: string;
  @ApiProperty({ description: "WAD (1e18 = 100%)" })
  initialMarginRate!: string;
  @ApiProperty({ description: "WAD (1e18 = 100%)" })
  maintenanceMarginRate!: string;
  @ApiProperty({ description: "Most open interest per side (base units)" })
  maxOpenInterest!: string;
}

/** The markets of one ledger chain. */
export class LedgerMarketsReport {
  @ApiProperty({ example: 40102 })
  eid!: number;
  @ApiProperty({ example: "b" })
  name!: string;
  @ApiProperty({ description: "Block every figure was read at (decimal)" })
  blockNumber!: string;
  @ApiProperty({ example: 6 })
  quoteDecimals!: number;
  @ApiProperty({ type: [MarketReport], description: "The ledger's markets (`MarginLedger.markets()`)" })
  markets!: MarketReport[];
}

/** GET /markets' answer. */
export class MarketsReport {
  @ApiProperty({
    type: [LedgerMarketsReport],
    description: "Every manifest chain's ledger, in manifest order",
  })
  ledgers!: LedgerMarketsReport[];
}
