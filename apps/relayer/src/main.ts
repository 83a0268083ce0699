#!/usr/bin/env node
import { Logger } from "@nestjs/common";
import type { NestFastifyApplication } from "@nestjs/platform-fastify";
import { CliUsageError } from "./CliUsageError.js";
import { loadRelayerConfig } from "./config/loadRelayerConfig.js";
import { RelayerConfigError } from "./config/RelayerConfigError.js";
import { createRelayerApp } from "./createRelayerApp.js";
import { PathwayConfigError } from "./delivery/errors.js";
import { parseCliArgs, USAGE } from "./parseCliArgs.js";
import { ReplicaIdInUseError } from "./store/errors.js";

/** Exit code of a refused command line or config. */
const EXIT_USAGE = 2;
/** Exit code of any other failure to start. */
const EXIT_FAILURE = 1;

/**
 * `ballast-relayer [--config FILE]`: loads and validates the config, boots the relayer and serves
 * its API on `api.host:api.port` until SIGINT or SIGTERM, which close the application gracefully
 * (Nest's shutdown hooks) before the process ends.
 */
async function main(argv: readonly string[]): Promise<void> {
  const args = parseCliArgs(argv);
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const loaded = await loadRelayerConfig({ file: args.config, env: process.env });
  const app: NestFastifyApplication = await createRelayerApp(loaded);
  // process.exit (not re-raising the signal) runs the exit handlers that flush the last JSON log lines.
  app.enableShutdownHooks(["SIGINT", "SIGTERM"], { useProcessExit: true });
  try {
    await app.listen(loaded.config.api.port, loaded.config.api.host);
  } catch (error) {
    await app.close();
    throw error;
  }
  new Logger("ballast-relayer").log(
    `listening on ${await app.getUrl()} (${loaded.config.mode}, ${loaded.manifest.chains.length} chains)`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // A refused command line, config, pathway or replica id is the operator's to fix: one line, no stack.
  if (
    error instanceof CliUsageError ||
    error instanceof RelayerConfigError ||
    error instanceof PathwayConfigError ||
    error instanceof ReplicaIdInUseError
  ) {
    console.error(`ballast-relayer: ${error.message}`);
    process.exit(EXIT_USAGE);
  }
  // A port in use, an unreachable file...: one line too; anything else is a bug and keeps its stack.
  const code = (error as NodeJS.ErrnoException | undefined)?.code; // Node's system errors carry a string code
  if (error instanceof Error && typeof code === "string") console.error(`ballast-relayer: ${error.message}`);
  else console.error(error);
  process.exit(EXIT_FAILURE);
});
