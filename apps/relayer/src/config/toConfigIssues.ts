import type { ConfigIssue } from "@ballast/sdk";
import type { z } from "zod";

/** `chains.a.rpcUrls[0]` from zod's `["chains", "a", "rpcUrls", 0]`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    out += typeof key === "number" ? `[${key}]` : out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/**
 * The issues of a failed config parse, one per bad field: an unknown key becomes its own
 * `path.key: unknown field`, and a field set from the environment says which variable set it
 * (`api.port (BALLAST_API_PORT): ...`). Values are never repeated: they may be secrets.
 */
export function toConfigIssues(error: z.ZodError, sources: ReadonlyMap<string, string>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys)
        issues.push({ path: formatIssuePath([...issue.path, key]), message: "unknown field" });
      continue;
    }
    const path = formatIssuePath(issue.path);
    const variable = sources.get(path);
    issues.push({ path: variable === undefined ? path : `${path} (${variable})`, message: issue.message });
  }
  return issues;
}
