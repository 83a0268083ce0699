#!/usr/bin/env node
import { DevnetError } from "../errors.js";
import { CliUsageError } from "./CliUsageError.js";
import { DEPLOYER_KEY_ENV, parseDeployArgs } from "./parseDeployArgs.js";
import { parseStartArgs } from "./parseStartArgs.js";
import { runDeploy } from "./runDeploy.js";
import { runStart } from "./runStart.js";

const USAGE = `usage: ballast-devnet start [--chains N] [--port-base P] [--host H] [--block-time MS]
                           [--manifest FILE] [--share-yield-bps B] [--share-yield-every S] [--json]
       ${DEPLOYER_KEY_ENV}=0x... ballast-devnet deploy --config NETWORK.json --out MANIFEST.json`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "help") {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === "deploy") {
    await runDeploy({ args: parseDeployArgs(rest, process.env), print: (line) => console.log(line) });
    return 0;
  }
  if (command !== "start") throw new CliUsageError(`unknown command "${command}"\n${USAGE}`);
  const args = parseStartArgs(rest);
  const stopSignal = new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await runStart({ args, print: (line) => console.log(line), stopSignal });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Expected failures are one line; anything else is a bug and keeps its stack.
    if (error instanceof DevnetError) console.error(`ballast-devnet: ${error.message}`);
    else console.error(error);
    process.exit(error instanceof CliUsageError ? 2 : 1);
  },
);
