import { ConfigError, type ConfigIssue } from "@ballast/sdk";

/**
 * A relayer configuration the relayer refuses to start with: a bad field in the file or the
 * environment, a private key written in the file, an unreadable or invalid manifest, a chain
 * override the manifest does not have, or a production refusal. The message names every bad field
 * (`invalid relayer config: keys.executor: ...; api.port: ...`); `issues` lists them.
 */
export class RelayerConfigError extends ConfigError {
  override name = "RelayerConfigError";

  constructor(issues: readonly ConfigIssue[], options?: ErrorOptions) {
    super("relayer config", issues, options);
  }
}
