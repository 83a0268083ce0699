import { Global, Module } from "@nestjs/common";
import { Registry } from "prom-client";
import { ChainMetrics } from "./ChainMetrics.js";
import { createMetricsRegistry } from "./createMetricsRegistry.js";
import { MetricsController } from "./MetricsController.js";

/**
 * Global metrics module: provides the relayer's prom-client {@link Registry} (inject it by its class
 * and register a metric with `registers: [registry]`) and {@link ChainMetrics}, and serves GET /metrics.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [{ provide: Registry, useFactory: createMetricsRegistry }, ChainMetrics],
  exports: [Registry, ChainMetrics],
})
export class MetricsModule {}
