import { parseArgs } from "node:util";
import type { Hex } from "viem";
import { CliUsageError } from "./CliUsageError.js";

/** The environment variable holding the deployer's private key (never a flag, never the config file). */
export const DEPLOYER_KEY_ENV = "BALLAST_DEPLOYER_KEY";

/** What `ballast-devnet deploy` was asked to do. */
export interface DeployArgs {
  /** The network config (JSON) to deploy. */
  configPath: string;
  /** Where to write the manifest; must not exist yet. */
  outPath: string;
  deployerKey: Hex;
}

/**
 * Parses `deploy`'s flags and reads the deployer key from `env`; throws a {@link CliUsageError}
 * with a one-line message for bad input (the key's value never appears in it).
 */
export function parseDeployArgs(args: readonly string[], env: NodeJS.ProcessEnv): DeployArgs {
  let values: { config?: string | undefined; out?: string | undefined };
  try {
    values = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: { config: { type: "string" }, out: { type: "string" } },
    }).values;
  } catch (cause) {
    throw new CliUsageError((cause as Error).message, { cause }); // parseArgs throws TypeErrors with a readable message
  }
  if (values.config === undefined) throw new CliUsageError("deploy needs --config FILE (the network config)");
  if (values.out === undefined)
    throw new CliUsageError("deploy needs --out FILE (where to write the manifest)");
  const key = env[DEPLOYER_KEY_ENV];
  if (key === undefined || key === "") {
    throw new CliUsageError(
      `${DEPLOYER_KEY_ENV} is not set: the deployer's private key comes from the environment`,
    );
  }
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) {
    throw new CliUsageError(`${DEPLOYER_KEY_ENV} is not a private key (0x followed by 64 hex digits)`);
  }
  return { configPath: values.config, outPath: values.out, deployerKey: key as Hex }; // checked just above
}
