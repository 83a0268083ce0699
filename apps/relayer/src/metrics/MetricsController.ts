import { Controller, Get, Header } from "@nestjs/common";
import { ApiOkResponse, ApiOperation, ApiTags } from "@nestjs/swagger";
import { Registry } from "prom-client";

/** GET /metrics: every metric of the relayer's registry in Prometheus' text format. */
@ApiTags("operations")
@Controller("metrics")
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get()
  @Header("content-type", Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiOperation({ summary: "Prometheus metrics (text exposition format)" })
  @ApiOkResponse({
    description: "Prometheus text format",
    content: { "text/plain": { schema: { type: "string" } } },
  })
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
