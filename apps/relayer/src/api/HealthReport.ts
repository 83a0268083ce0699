import { ApiProperty, ApiPropertyOptional } from "@nestjs/swagger";

/** One chain in the health report. */
export class ChainHealth {
  @ApiProperty({ description: "The manifest's chain name", example: "a" })
  name!: string;

  @ApiProperty({ description: "LayerZero endpoint id", example: 40101 })
  eid!: number;

  @ApiProperty({ description: "EVM chain id", example: 31401 })
  chainId!: number;

  @ApiProperty({ description: "True when the chain's RPC answered its latest block in time" })
  ok!: boolean;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: "Latest block number, null when the RPC did not answer",
  })
  blockNumber!: number | null;

  @ApiPropertyOptional({ description: "Why the chain is not ok" })
  error?: string;
}

/** One other readiness check (the database's, for one). */
export class CheckHealth {
  @ApiProperty({ example: "database" })
  name!: string;

  @ApiProperty()
  ok!: boolean;

  @ApiPropertyOptional({ description: "Why the check is not ok" })
  error?: string;
}

/** GET /health's answer. */
export class HealthReport {
  @ApiProperty({ enum: ["ok", "degraded"], description: "ok when every chain and every check is ok" })
  status!: "ok" | "degraded";

  @ApiProperty({ type: [ChainHealth], description: "Every manifest chain, in manifest order" })
  chains!: ChainHealth[];

  @ApiProperty({ type: [CheckHealth], description: "Other readiness checks (HealthIndicator providers)" })
  checks!: CheckHealth[];
}
