import { Controller, Get } from "@nestjs/common";
import { ApiOkResponse, ApiOperation, ApiTags } from "@nestjs/swagger";
import { HealthReport } from "./HealthReport.js";
import { HealthService } from "./HealthService.js";

/** GET /health: liveness (always 200 while the process serves) and readiness per chain and check. */
@ApiTags("operations")
@Controller("health")
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: "Liveness and readiness: each chain's latest block and every other check" })
  @ApiOkResponse({ type: HealthReport, description: "status is degraded when a chain or a check is not ok" })
  report(): Promise<HealthReport> {
    return this.health.report();
  }
}
