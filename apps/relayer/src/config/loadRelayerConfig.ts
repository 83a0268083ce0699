import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { type ConfigIssue, type Manifest, parseManifest } from "@ballast/sdk";
import { applyEnvironmentOverrides, isPlainObject, keyVariable } from "./environmentOverrides.js";
import { RelayerConfigError } from "./RelayerConfigError.js";
import { type RelayerConfig, relayerConfigSchema } from "./relayerConfigSchema.js";
import { resolveChainSettings } from "./resolveChainSettings.js";
import { toConfigIssues } from "./toConfigIssues.js";

/** Parameters of {@link loadRelayerConfig}. */
export interface LoadRelayerConfigParameters {
  /** The JSON config file; when left out, `BALLAST_RELAYER_CONFIG`; with neither, the environment alone. */
  file?: string | undefined;
  /** The environment: its overrides win over the file. */
  env: NodeJS.ProcessEnv;
  /** Where relative paths from the environment (and the file's own path) start; default `process.cwd()`. */
  cwd?: string | undefined;
}

/** A validated config and the deployment manifest it names. */
export interface LoadedRelayerConfig {
  /** Paths in it are absolute: `manifest`, and `database.dataDir` unless it is a `scheme://` URL. */
  config: RelayerConfig;
  manifest: Manifest;
}

/** The return type of {@link loadRelayerConfig}. */
export type LoadRelayerConfigReturnType = LoadedRelayerConfig;

/**
 * Reads the relayer's config: the JSON file, then the environment overrides
 * (`ENVIRONMENT_OVERRIDES`), validated once with `relayerConfigSchema` (production refusals
 * included), then the deployment manifest it names, validated with the sdk's `parseManifest`.
 * Paths written in the file are relative to the file's folder; paths from the environment and
 * defaults are relative to `cwd`.
 *
 * Refuses, with a {@link RelayerConfigError} naming every bad field: an unreadable or non-JSON
 * file, private keys written in the file (`keys.executor: ...`; keys come from the environment
 * only), any schema violation, an unreadable or invalid manifest, a `chains.<name>` entry for a
 * chain the manifest does not have, a chain without an http(s) RPC URL, and in production a manifest
 * chain left at 0 confirmations.
 *
 * @example
 * const { config, manifest } = await loadRelayerConfig({ file: "relayer.json", env: process.env });
 */
export async function loadRelayerConfig(
  parameters: LoadRelayerConfigParameters,
): Promise<LoadedRelayerConfig> {
  const { env } = parameters;
  const cwd = parameters.cwd ?? process.cwd();
  const fileParameter = parameters.file ?? (env.BALLAST_RELAYER_CONFIG || undefined);
  const file = fileParameter === undefined ? undefined : resolve(cwd, fileParameter);

  const fromFile = file === undefined ? {} : await readConfigFile(file);
  refuseKeysInFile(fromFile);

  const { input, sources } = applyEnvironmentOverrides(fromFile, env);
  const parsed = relayerConfigSchema.safeParse(input);
  if (!parsed.success)
    throw new RelayerConfigError(toConfigIssues(parsed.error, sources), { cause: parsed.error });

  const fileFolder = file === undefined ? cwd : dirname(file);
  const config = resolvePaths(parsed.data, {
    manifest: sources.has("manifest") ? cwd : fileFolder,
    // From the environment or the default: the working directory's, like every other default.
    dataDir:
      !sources.has("database.dataDir") &&
      isPlainObject(fromFile.database) &&
      fromFile.database.dataDir !== undefined
        ? fileFolder
        : cwd,
  });
  const manifest = await readManifest(config.manifest);
  const issues = checkAgainstManifest(config, manifest);
  if (issues.length > 0) throw new RelayerConfigError(issues);
  return { config, manifest };
}

/** The file's JSON object, or a {@link RelayerConfigError} saying why there is none. */
async function readConfigFile(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new RelayerConfigError(
      [{ path: "", message: `cannot read config file ${file} (${describeError(error)})` }],
      {
        cause: error,
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RelayerConfigError(
      [{ path: "", message: `config file ${file} is not JSON (${describeError(error)})` }],
      {
        cause: error,
      },
    );
  }
  if (!isPlainObject(json)) {
    throw new RelayerConfigError([{ path: "", message: `config file ${file} must hold a JSON object` }]);
  }
  return json;
}

/** Private keys belong in the environment (or a secret store feeding it), never in a file that gets copied around. */
function refuseKeysInFile(fromFile: Record<string, unknown>): void {
  const keys = fromFile.keys;
  if (keys === undefined) return;
  const message = (role: string) =>
    `private keys are read from the environment only (${keyVariable(role)}), never from the config file`;
  const issues: ConfigIssue[] = isPlainObject(keys)
    ? Object.keys(keys).map((role) => ({ path: `keys.${role}`, message: message(role) }))
    : [{ path: "keys", message: message("<role>") }];
  // An empty `keys: {}` holds no secret: nothing to refuse.
  if (issues.length > 0) throw new RelayerConfigError(issues);
}

/** The config with `manifest` and a filesystem `database.dataDir` made absolute. */
function resolvePaths(config: RelayerConfig, from: { manifest: string; dataDir: string }): RelayerConfig {
  const { dataDir } = config.database;
  return {
    ...config,
    manifest: resolve(from.manifest, config.manifest),
    database: {
      ...config.database,
      dataDir: /^[a-z][a-z0-9+.-]*:\/\//i.test(dataDir) ? dataDir : resolve(from.dataDir, dataDir),
    },
  };
}

/** The manifest at `path`, validated; a {@link RelayerConfigError} on `manifest` otherwise. */
async function readManifest(path: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new RelayerConfigError(
      [{ path: "manifest", message: `cannot read ${path} (${describeError(error)})` }],
      {
        cause: error,
      },
    );
  }
  try {
    return parseManifest(JSON.parse(text));
  } catch (error) {
    throw new RelayerConfigError([{ path: "manifest", message: `${path}: ${describeError(error)}` }], {
      cause: error,
    });
  }
}

/** What the schema alone cannot check: the config's chains against the manifest's. */
function checkAgainstManifest(config: RelayerConfig, manifest: Manifest): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const names = manifest.chains.map(({ name }) => name);
  for (const name of Object.keys(config.chains)) {
    if (!names.includes(name)) {
      issues.push({
        path: `chains.${name}`,
        message: `no chain "${name}" in the manifest (${names.join(", ")})`,
      });
    }
  }
  for (const chain of manifest.chains) {
    const settings = resolveChainSettings(config, chain.name);
    if (settings.rpcUrls === undefined && !chain.rpcUrls.some((url) => /^https?:/.test(url))) {
      issues.push({
        path: `chains.${chain.name}.rpcUrls`,
        message: "the manifest lists no http(s) RPC URL for this chain; set one here",
      });
    }
    // The schema checks the chains the config names; a chain left out gets the default 0.
    if (
      config.mode === "production" &&
      config.chains[chain.name] === undefined &&
      settings.confirmations === 0
    ) {
      issues.push({
        path: `chains.${chain.name}.confirmations`,
        message: "production needs at least 1 confirmation (the default is 0)",
      });
    }
  }
  return issues;
}

/** A short reason: the Node error code, or the message. */
function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code; // Node's fs errors carry a code; others leave it undefined
    return code ?? error.message;
  }
  return String(error);
}
