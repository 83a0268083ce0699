#!/usr/bin/env node
import { CliError } from "./CliError.js";
import { runAccounts } from "./commands/runAccounts.js";
import { runDev } from "./commands/runDev.js";
import { runLock } from "./commands/runLock.js";
import { runRelease } from "./commands/runRelease.js";
import { runStatus } from "./commands/runStatus.js";

const USAGE = `usage: ballast <command> [options]
  dev      [--chains N] [--no-scenario] [--port-base P] [--data-dir D] [--json] [--once]
  lock     --chain A --to B --asset usdc|weth|share|0x… --amount 100 [--from N|0x…]
  release  --chain B --to A --asset usdc|weth|share|0x… --amount 50 [--from N|0x…] [--recipient 0x…]
  status   <address|N>
  accounts [--all]
common: --manifest FILE (default .ballast/devnet/manifest.json), --json
signer: --from N (devnet account), --from 0x… (unlocked on the node), or BALLAST_PRIVATE_KEY`;

/** `ballast dev`, then exit with its code: everything is stopped, so idle sockets need not time out. */
async function devAndExit(args: readonly string[]): Promise<never> {
  const stopSignal = new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  const code = await runDev({ args, write: (line) => console.log(line), stopSignal });
  process.exit(code);
}

async function main(argv: readonly string[]): Promise<string> {
  const [command, ...rest] = argv;
  switch (command) {
    case "dev":
      return devAndExit(rest);
    case "lock":
      return runLock(rest, process.env);
    case "release":
      return runRelease(rest, process.env);
    case "status":
      return runStatus(rest);
    case "accounts":
      return runAccounts(rest);
    case undefined:
    case "help":
    case "--help":
      return USAGE;
    default:
      throw new CliError(`unknown command "${command}" (ballast --help lists them)`);
  }
}

main(process.argv.slice(2)).then(
  (output) => {
    console.log(output);
  },
  (error: unknown) => {
    // Expected failures are one line; anything else is a bug and keeps its stack.
    if (error instanceof CliError) {
      console.error(`ballast: ${error.message}`);
      process.exitCode = error.exitCode;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  },
);
