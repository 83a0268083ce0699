import { Module } from "@nestjs/common";
import { APP_FILTER, APP_PIPE, DiscoveryModule } from "@nestjs/core";
import { ChainsModule } from "../chains/ChainsModule.js";
import { HealthController } from "./HealthController.js";
import { HealthService } from "./HealthService.js";
import { HttpErrorFilter } from "./HttpErrorFilter.js";
import { SchemaValidationPipe } from "./SchemaValidationPipe.js";

/**
 * The REST API: GET /health, and for every route of the application the validation pipe
 * ({@link SchemaValidationPipe}) and the error filter ({@link HttpErrorFilter}). GET /metrics is the
 * MetricsModule's, GET /openapi.json is served by `setupOpenApi`.
 */
@Module({
  imports: [ChainsModule, DiscoveryModule],
  controllers: [HealthController],
  providers: [
    HealthService,
    { provide: APP_PIPE, useClass: SchemaValidationPipe },
    { provide: APP_FILTER, useClass: HttpErrorFilter },
  ],
})
export class ApiModule {}
