import { Controller, Get } from "@nestjs/common";
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from "@nestjs/swagger";
import { MarketService } from "./MarketService.js";
import { MarketsReport } from "./MarketsReport.js";

/** GET /markets: every ledger's markets with open interest, pool value and mark price. */
@ApiTags("markets")
@Controller("markets")
export class MarketsController {
  constructor(private readonly markets: MarketService) {}

  @Get()
  @ApiOperation({ summary: "Per ledger chain its markets: open interest, pool value, mark price" })
  @ApiOkResponse({ type: MarketsReport })
  @ApiServiceUnavailableResponse({ description: "A chain could not be read" })
  report(): Promise<MarketsReport> {
    return this.markets.report();
  }
}
