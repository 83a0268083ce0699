import { mkdir, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { type Devnet, startDevnet } from "@ballast/devnet";
import { CliError } from "../CliError.js";
import { formatBalances } from "../dev/formatBalances.js";
import { Reporter } from "../dev/Reporter.js";
import { readBalances } from "../dev/readBalances.js";
import { runScenario } from "../dev/runScenario.js";
import { RELAYER_ACCOUNTS, type RelayerProcess, startRelayerProcess } from "../dev/startRelayerProcess.js";
import { parseCommandArgs } from "./parseCommandArgs.js";

/** Parameters of {@link runDev}. */
export interface RunDevParameters {
  args: readonly string[];
  write: (line: string) => void;
  /** Resolves when the user asks to stop (Ctrl-C). */
  stopSignal: Promise<void>;
}

function integer(
  flag: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new CliError(`--${flag} must be an integer from ${min} to ${max}, got "${value}"`);
  }
  return Number(value);
}

/** A free loopback TCP port. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * `ballast dev`: starts N chains (default 3) with Ballast deployed, the relayer as a child process
 * on embedded PGlite, runs the guided scenario, prints the unified balances, then keeps running
 * until Ctrl-C (or stops at once with `--once`, exiting 0 only if every check held).
 */
export async function runDev(parameters: RunDevParameters): Promise<number> {
  const { args, write, stopSignal } = parameters;
  const { values } = parseCommandArgs(args, {
    chains: { type: "string" },
    "no-scenario": { type: "boolean" },
    "port-base": { type: "string" },
    "data-dir": { type: "string" },
    json: { type: "boolean" },
    once: { type: "boolean" },
  });
  const scenario = !(values["no-scenario"] ?? false);
  const chains = integer("chains", values.chains, 3, scenario ? 3 : 2, 8);
  const portBase = integer("port-base", values["port-base"], 8545, 0, 65_000);
  if (portBase !== 0 && portBase < 1024)
    throw new CliError(`--port-base must be 0 or at least 1024, got ${portBase}`);
  const dataDir = resolve(values["data-dir"] ?? ".ballast/dev");
  const json = values.json ?? false;
  const reporter = new Reporter(json, write);
  const started = Date.now();

  await mkdir(dataDir, { recursive: true });
  const manifestPath = resolve(dataDir, "manifest.json");
  const devnet: Devnet = await startDevnet({ chains, portBase, manifestPath });
  let relayer: RelayerProcess | undefined;
  try {
    reporter.info(`Ballast dev: ${chains} chains in ${Date.now() - started} ms`, {
      event: "devnet-started",
      chains: devnet.chains.map(({ name, eid, chainId, rpcUrl }) => ({ name, eid, chainId, rpcUrl })),
      manifest: manifestPath,
    });
    for (const chain of devnet.chains)
      reporter.info(`  ${chain.name}  chain id ${chain.chainId}  eid ${chain.eid}  ${chain.rpcUrl}`);

    const relayerPort = portBase === 0 ? await freePort() : portBase + 100;
    // The chains are new on every start, so is the relayer's database (its cursors name their blocks).
    const relayerDir = resolve(dataDir, "relayer");
    await rm(relayerDir, { recursive: true, force: true });
    await mkdir(relayerDir, { recursive: true });
    relayer = await startRelayerProcess({ manifestPath, dataDir: relayerDir, port: relayerPort });
    reporter.info(`  relayer  ${relayer.apiUrl}  (metrics ${relayer.apiUrl}/metrics)`, {
      event: "relayer-started",
      apiUrl: relayer.apiUrl,
      metricsUrl: `${relayer.apiUrl}/metrics`,
    });

    let ok = true;
    if (scenario) {
      reporter.info("\nScenario: collateral on a and c, trading on b");
      try {
        const result = await runScenario(devnet, devnet.manifest, reporter, relayer.apiUrl);
        const { rows, cash } = await readBalances(devnet, devnet.manifest, result.trader);
        const lanes = await fetch(`${relayer.apiUrl}/lanes`)
          .then((response) => (response.ok ? (response.json() as Promise<unknown>) : undefined)) // the relayer's lane report
          .catch(() => undefined);
        reporter.info(`\nUnified balance of ${result.trader}`);
        for (const line of formatBalances(rows, cash)) reporter.info(`  ${line}`);
        reporter.info("", {
          event: "scenario-complete",
          ok: true,
          trader: result.trader,
          balances: rows,
          cash,
          lanes,
        });
      } catch (error) {
        ok = false;
        const message = error instanceof Error ? error.message : String(error);
        reporter.info(`\n${message}`, { event: "scenario-complete", ok: false, error: message });
      }
    }
    if (values.once) return ok ? 0 : 1;

    reporter.info("\nRunning:");
    for (const chain of devnet.chains)
      reporter.info(`  chain ${chain.name}  ${chain.rpcUrl}  (chain id ${chain.chainId}, eid ${chain.eid})`);
    reporter.info(
      `  relayer API  ${relayer.apiUrl}  (/accounts/:address, /lanes, /messages, /markets, /openapi.json)`,
    );
    reporter.info(`  metrics      ${relayer.apiUrl}/metrics`);
    reporter.info(`  manifest     ${manifestPath}`);
    reporter.info(
      "Test accounts (Hardhat's development keys): #3 to #9 hold USDC, WETH and shares on every chain;",
    );
    reporter.info(
      `relayer keys: executor and verifier #${RELAYER_ACCOUNTS.executor}, keeper #${RELAYER_ACCOUNTS.keeper}.`,
    );
    for (const [index, address] of devnet.users.entries()) reporter.info(`  #${index + 3} ${address}`);
    reporter.info(`Try: ballast status 3 --manifest ${manifestPath}\nCtrl-C stops everything.`, {
      event: "ready",
    });
    await stopSignal;
    return ok ? 0 : 1;
  } finally {
    await relayer?.stop();
    await devnet.stop();
    reporter.info("stopped", { event: "stopped" });
  }
}
