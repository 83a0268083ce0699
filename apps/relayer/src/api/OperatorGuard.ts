import { createHash, timingSafeEqual } from "node:crypto";
import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from "@nestjs/common";
import type { FastifyReply, FastifyRequest } from "fastify";
import { RELAYER_CONFIG } from "../config/configTokens.js";
import type { RelayerConfig } from "../config/relayerConfigSchema.js";

/**
 * Guards operator actions (`@UseGuards(OperatorGuard)`): the request must carry
 * `Authorization: Bearer <api.operatorToken>`. Without a configured token every operator action is
 * refused with 403; a missing or malformed header, or a wrong token, gets 401 (with
 * `WWW-Authenticate: Bearer`). Tokens are compared in constant time (SHA-256 digests), and never
 * echoed or logged.
 */
@Injectable()
export class OperatorGuard implements CanActivate {
  readonly #digest: Buffer | undefined;

  constructor(@Inject(RELAYER_CONFIG) config: RelayerConfig) {
    const token = config.api.operatorToken;
    this.#digest = token === undefined ? undefined : digest(token);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.#digest === undefined) {
      throw new ForbiddenException(
        "operator actions are disabled: no operator token is configured (api.operatorToken, BALLAST_OPERATOR_TOKEN)",
      );
    }
    const http = context.switchToHttp();
    const header = http.getRequest<FastifyRequest>().headers.authorization;
    const refuse = (message: string): never => {
      http.getResponse<FastifyReply>().header("www-authenticate", 'Bearer realm="ballast-relayer"');
      throw new UnauthorizedException(message);
    };
    if (header === undefined || header === "")
      return refuse("missing bearer token (Authorization: Bearer <token>)");
    const match = /^Bearer +(\S+) *$/i.exec(header);
    const token = match?.[1];
    if (token === undefined) return refuse("the Authorization header is not a bearer token");
    if (!timingSafeEqual(digest(token), this.#digest)) return refuse("invalid operator token");
    return true;
  }
}

function digest(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}
