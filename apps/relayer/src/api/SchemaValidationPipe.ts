import { type ArgumentMetadata, BadRequestException, Injectable, type PipeTransform } from "@nestjs/common";

/**
 * Validates every route argument that declares a Standard Schema (zod), e.g.
 * `@Query("status", { schema: z.enum(["sent", "delivered"]) })`, and answers 400 naming each bad
 * field: `status: Invalid option: expected one of "sent"|"delivered"`. Arguments without a schema
 * pass as they are. Returns the schema's output (coerced, defaults filled in).
 */
@Injectable()
export class SchemaValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { schema } = metadata;
    if (schema === undefined || metadata.type === "custom") return value;
    const result = await schema["~standard"].validate(value);
    if (result.issues === undefined) return result.value;
    const root = metadata.data ?? (metadata.type === "body" ? "body" : "");
    const messages = result.issues.map(({ path, message }) => {
      const segments = [
        root,
        ...(path ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment)),
      ];
      const field = segments.filter((segment) => segment !== "").join(".");
      return field === "" ? message : `${field}: ${message}`;
    });
    throw new BadRequestException(messages.join("; "));
  }
}
