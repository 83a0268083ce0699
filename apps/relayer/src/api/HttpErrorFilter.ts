import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from "@nestjs/common";
import { HttpAdapterHost } from "@nestjs/core";

/** The body of every error answer. */
export interface HttpErrorBody {
  statusCode: number;
  /** One line saying what was wrong (for a 400, every bad field: `limit: ...; status: ...`). */
  message: string;
}

/**
 * The application's one exception filter: every error answers `{ statusCode, message }`.
 * `HttpException`s keep their status and message (an array of messages joined with "; "), client
 * errors raised by Fastify itself (bad JSON body, unsupported media type: a 4xx `statusCode`) keep
 * theirs, and anything else is a 500 "internal error" whose details go to the log, not the client.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  readonly #logger = new Logger("HttpErrorFilter");

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = toHttpErrorBody(exception);
    if (body.statusCode >= 500)
      this.#logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    const { httpAdapter } = this.adapterHost;
    httpAdapter.reply(host.switchToHttp().getResponse(), body, body.statusCode);
  }
}

/** The answer for an exception. */
export function toHttpErrorBody(exception: unknown): HttpErrorBody {
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === "string"
        ? response
        : typeof response === "object" && response !== null && "message" in response
          ? joinMessage(response.message)
          : exception.message;
    return { statusCode, message };
  }
  if (typeof exception === "object" && exception !== null && "statusCode" in exception) {
    const { statusCode } = exception;
    if (typeof statusCode === "number" && statusCode >= 400 && statusCode < 500) {
      return { statusCode, message: exception instanceof Error ? exception.message : "bad request" };
    }
  }
  return { statusCode: 500, message: "internal error" };
}

function joinMessage(message: unknown): string {
  if (Array.isArray(message)) return message.map(String).join("; ");
  return String(message);
}
