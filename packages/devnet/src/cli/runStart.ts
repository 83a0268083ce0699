import { setTimeout as sleep } from "node:timers/promises";
import { formatUnits } from "viem";
import { startDevnet } from "../startDevnet.js";
import type { StartArgs } from "./parseStartArgs.js";

/** Parameters of {@link runStart}. */
export interface RunStartParameters {
  args: StartArgs;
  /** Where lines go (stdout in the CLI). */
  print: (line: string) => void;
  /** Resolves when the devnet should stop (a signal in the CLI). */
  stopSignal: Promise<void>;
}

/**
 * Starts the devnet, prints where each chain listens and where the manifest is, grows the share
 * rates on a timer until `stopSignal`, then stops every chain.
 */
export async function runStart(parameters: RunStartParameters): Promise<void> {
  const { args, print, stopSignal } = parameters;
  const started = performance.now();
  const devnet = await startDevnet(args.devnet);
  const ms = Math.round(performance.now() - started);
  if (args.json) {
    print(
      JSON.stringify({
        event: "devnet-started",
        ms,
        manifest: args.devnet.manifestPath,
        chains: devnet.chains.map(({ name, eid, chainId, rpcUrl }) => ({ name, eid, chainId, rpcUrl })),
      }),
    );
  } else {
    print(`Ballast devnet: ${devnet.chains.length} chains deployed in ${ms} ms`);
    for (const chain of devnet.chains) {
      print(`  ${chain.name}  chain id ${chain.chainId}  eid ${chain.eid}  ${chain.rpcUrl}`);
    }
    print(`  manifest  ${args.devnet.manifestPath}`);
    print(`  funded accounts (Hardhat's development keys): ${devnet.users.join(", ")}`);
    print("Ctrl-C stops it.");
  }

  const stopped = stopSignal.then(() => "stop" as const);
  const { bps, intervalSeconds } = args.shareYield;
  try {
    while (bps > 0n) {
      const next = await Promise.race([stopped, sleep(intervalSeconds * 1000).then(() => "tick" as const)]);
      if (next === "stop") break;
      for (const chain of devnet.chains) {
        const rate = await devnet.accrueShareYield(chain.eid, bps);
        if (args.json)
          print(JSON.stringify({ event: "share-yield", chain: chain.name, rate: rate.toString() }));
        else print(`  ${chain.name}: share rate ${formatUnits(rate, 18)} WETH`);
      }
    }
    await stopped;
  } finally {
    await devnet.stop();
  }
}
