/** One environment variable that overrides a field of the config file. */
export interface EnvironmentOverride {
  variable: string;
  /** The field it sets, e.g. `["api", "port"]`. */
  path: readonly string[];
  /** `port`: a decimal integer (anything else is passed on for the schema to refuse). */
  kind: "string" | "port";
}

/** Every environment override, in the order they are applied. An empty variable counts as unset. */
export const ENVIRONMENT_OVERRIDES: readonly EnvironmentOverride[] = [
  { variable: "BALLAST_MODE", path: ["mode"], kind: "string" },
  { variable: "BALLAST_MANIFEST", path: ["manifest"], kind: "string" },
  { variable: "BALLAST_REPLICA_ID", path: ["replicaId"], kind: "string" },
  { variable: "DATABASE_URL", path: ["database", "url"], kind: "string" },
  { variable: "BALLAST_DATA_DIR", path: ["database", "dataDir"], kind: "string" },
  { variable: "BALLAST_API_HOST", path: ["api", "host"], kind: "string" },
  { variable: "BALLAST_API_PORT", path: ["api", "port"], kind: "port" },
  { variable: "BALLAST_OPERATOR_TOKEN", path: ["api", "operatorToken"], kind: "string" },
  { variable: "BALLAST_EXECUTOR_KEY", path: ["keys", "executor"], kind: "string" },
  { variable: "BALLAST_VERIFIER_KEY", path: ["keys", "verifier"], kind: "string" },
  { variable: "BALLAST_KEEPER_KEY", path: ["keys", "keeper"], kind: "string" },
  { variable: "BALLAST_GUARDIAN_KEY", path: ["keys", "guardian"], kind: "string" },
  { variable: "BALLAST_LOG_LEVEL", path: ["log", "level"], kind: "string" },
];

/** The environment variable of a key role (`executor` -> `BALLAST_EXECUTOR_KEY`). */
export function keyVariable(role: string): string {
  return `BALLAST_${role.toUpperCase()}_KEY`;
}

/** A JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The object at `path` inside `root`, created where missing; undefined when a value on the way is not an object. */
function objectAt(
  root: Record<string, unknown>,
  path: readonly string[],
): Record<string, unknown> | undefined {
  let current = root;
  for (const key of path) {
    const child = current[key] ?? {};
    if (!isPlainObject(child)) return undefined;
    current[key] = child;
    current = child;
  }
  return current;
}

/** The return type of {@link applyEnvironmentOverrides}. */
export interface ApplyEnvironmentOverridesReturnType {
  /** A copy of the input with the overrides written in. */
  input: Record<string, unknown>;
  /** Dotted field path (`api.port`) -> the variable that set it. */
  sources: ReadonlyMap<string, string>;
}

/**
 * Writes every set override of {@link ENVIRONMENT_OVERRIDES} into a copy of the config file's
 * object: the environment wins over the file. The input is not modified.
 */
export function applyEnvironmentOverrides(
  input: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): ApplyEnvironmentOverridesReturnType {
  const out: Record<string, unknown> = structuredClone(input);
  const sources = new Map<string, string>();
  for (const { variable, path, kind } of ENVIRONMENT_OVERRIDES) {
    const raw = env[variable];
    if (raw === undefined || raw === "") continue;
    const value: unknown = kind === "port" && /^\d+$/.test(raw) ? Number(raw) : raw;
    const parent = objectAt(out, path.slice(0, -1));
    const last = path.at(-1);
    // A parent the file set to something else than an object keeps its value: the schema names it.
    if (parent === undefined || last === undefined) continue;
    parent[last] = value;
    sources.set(path.join("."), variable);
  }
  return { input: out, sources };
}
