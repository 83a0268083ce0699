import type { INestApplication } from "@nestjs/common";
import { DocumentBuilder, SwaggerModule } from "@nestjs/swagger";

/** Where the OpenAPI document is served. */
export const OPENAPI_PATH = "/openapi.json";

/**
 * Serves the OpenAPI 3 document of every controller at GET {@link OPENAPI_PATH} (JSON only: no
 * Swagger UI, which would need `@fastify/static`). The document is built on the first request.
 */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle("Ballast relayer")
    .setDescription(
      "Indexes every chain, reconciles the unified balance, delivers LayerZero packets, liquidates.",
    )
    .setVersion("0.1.0")
    // Operator actions (retry a message, pause a lane) take `Authorization: Bearer <api.operatorToken>`.
    .addBearerAuth({ type: "http", scheme: "bearer" }, "bearer")
    .build();
  SwaggerModule.setup("openapi", app, () => SwaggerModule.createDocument(app, config), {
    ui: false,
    raw: ["json"],
    jsonDocumentUrl: OPENAPI_PATH,
  });
}
