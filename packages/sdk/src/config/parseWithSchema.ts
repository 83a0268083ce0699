import type { z } from "zod";
import { ConfigError, type ConfigIssue } from "../errors.js";

/** `chains[1].contracts.marginLedger` from zod's `["chains", 1, "contracts", "marginLedger"]`. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    out += typeof key === "number" ? `[${key}]` : out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Parses `input` with `schema`, or throws a {@link ConfigError} naming each bad field of `what`. */
export function parseWithSchema<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: ConfigIssue[] = result.error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message,
  }));
  throw new ConfigError(what, issues, { cause: result.error });
}
