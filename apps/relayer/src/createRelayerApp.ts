import "reflect-metadata";
import { NestFactory } from "@nestjs/core";
import { FastifyAdapter, type NestFastifyApplication } from "@nestjs/platform-fastify";
import { Logger } from "nestjs-pino";
import { setupOpenApi } from "./api/setupOpenApi.js";
import { AppModule } from "./app.module.js";
import type { LoadedRelayerConfig } from "./config/loadRelayerConfig.js";

/** Parameters of {@link createRelayerApp}. */
export type CreateRelayerAppParameters = LoadedRelayerConfig;

/**
 * The relayer as a Nest application on Fastify, initialised but not listening (call
 * `app.listen(port, host)`), with pino as its logger and GET /openapi.json. Used by the CLI
 * (`src/main.ts`) and by tests, which boot the real app in-process. A failure to initialise throws
 * (Nest's `abortOnError` is off: the process is the caller's to end).
 *
 * @example
 * const app = await createRelayerApp(await loadRelayerConfig({ env: process.env }));
 * await app.listen(config.api.port, config.api.host);
 */
export async function createRelayerApp(
  parameters: CreateRelayerAppParameters,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(parameters),
    new FastifyAdapter(),
    {
      bufferLogs: true,
      abortOnError: false,
    },
  );
  app.useLogger(app.get(Logger));
  setupOpenApi(app);
  await app.init();
  return app;
}
