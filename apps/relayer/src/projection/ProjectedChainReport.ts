import { ApiProperty } from "@nestjs/swagger";

/** Where the projection stands on one chain: the last block it holds every event of. */
export class ProjectedChainReport {
  @ApiProperty({ example: "a" })
  name!: string;

  @ApiProperty({ example: 40101 })
  eid!: number;

  @ApiProperty({ example: 31401 })
  chainId!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "Last block indexed (decimal), null before the chain's first indexed range",
    example: "118",
  })
  blockNumber!: string | null;
}
