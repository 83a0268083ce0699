import { type ExecutionContext, ForbiddenException, UnauthorizedException } from "@nestjs/common";
import { describe, expect, test } from "vitest";
import type { RelayerConfig } from "../config/relayerConfigSchema.js";
import { OperatorGuard } from "./OperatorGuard.js";

const TOKEN = "an-operator-token-of-some-length";

/** A guard over a config with only what it reads. */
function guard(operatorToken: string | undefined): OperatorGuard {
  // The guard reads api.operatorToken only; the rest of the config does not matter here.
  return new OperatorGuard({ api: { host: "127.0.0.1", port: 0, operatorToken } } as RelayerConfig); // only api is read
}

/** An HTTP execution context whose request has `authorization`, recording response headers. */
function request(authorization: string | undefined): {
  context: ExecutionContext;
  headers: Map<string, string>;
} {
  const headers = new Map<string, string>();
  const reply = {
    header(name: string, value: string) {
      headers.set(name, value);
      return reply;
    },
  };
  const req = { headers: authorization === undefined ? {} : { authorization } };
  const context = {
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => reply }),
  } as unknown as ExecutionContext; // the guard only calls switchToHttp()
  return { context, headers };
}

describe("OperatorGuard", () => {
  test("the configured bearer token passes, in any case of the scheme", () => {
    expect(guard(TOKEN).canActivate(request(`Bearer ${TOKEN}`).context)).toBe(true);
    expect(guard(TOKEN).canActivate(request(`bearer ${TOKEN}`).context)).toBe(true);
  });

  test("a missing, malformed or wrong token: 401 with WWW-Authenticate, the token never in the message", () => {
    for (const [authorization, message] of [
      [undefined, /^missing bearer token/],
      ["Basic dXNlcjpwYXNz", /not a bearer token/],
      [`Bearer ${TOKEN}x`, /^invalid operator token$/],
      [`Bearer ${TOKEN.slice(0, -1)}`, /^invalid operator token$/],
    ] as const) {
      const { context, headers } = request(authorization);
      let thrown: unknown;
      try {
        guard(TOKEN).canActivate(context);
      } catch (error) {
        thrown = error;
      }
      if (!(thrown instanceof UnauthorizedException))
        throw new Error(`expected a 401, got ${String(thrown)}`);
      expect(thrown.getStatus()).toBe(401);
      expect(thrown.message).toMatch(message);
      expect(thrown.message).not.toContain(TOKEN);
      expect(headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
  });

  test("no token configured: every operator action is refused with 403, even with a header", () => {
    const open = guard(undefined);
    for (const authorization of [undefined, `Bearer ${TOKEN}`]) {
      expect(() => open.canActivate(request(authorization).context)).toThrow(ForbiddenException);
    }
    expect(() => open.canActivate(request(undefined).context)).toThrow(/no operator token is configured/);
  });
});
