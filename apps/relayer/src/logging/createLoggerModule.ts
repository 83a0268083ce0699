import type { IncomingMessage } from "node:http";
import { type DynamicModule, RequestMethod } from "@nestjs/common";
import { LoggerModule } from "nestjs-pino";
import type { RelayerConfig } from "../config/relayerConfigSchema.js";

/** Routes polled by monitoring: not logged per request (they would drown everything else). */
const QUIET_ROUTES: readonly string[] = ["/health", "/metrics"];

/** The request as Nest's Fastify middleware sees it: `url` may be stripped to "/", `originalUrl` is the path asked for. */
type MiddlewareRequest = IncomingMessage & { originalUrl?: string };

/**
 * nestjs-pino's module for the config: JSON lines on stdout at `log.level`, one line per request
 * (except {@link QUIET_ROUTES}) with the `authorization` and `cookie` headers redacted.
 *
 * `forRoutes` is explicit: nestjs-pino's default route (`{/*splat}`) matches no request under
 * `@nestjs/platform-fastify` 12.5, which silently drops every request log.
 */
export function createLoggerModule(config: RelayerConfig): DynamicModule {
  return LoggerModule.forRoot({
    forRoutes: [{ path: "{*path}", method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.log.level,
      redact: { paths: ["req.headers.authorization", "req.headers.cookie"], censor: "[redacted]" },
      autoLogging: {
        ignore: (request: MiddlewareRequest) => {
          const url = request.originalUrl ?? request.url ?? "";
          return QUIET_ROUTES.includes(url.split("?")[0] ?? "");
        },
      },
    },
  });
}
