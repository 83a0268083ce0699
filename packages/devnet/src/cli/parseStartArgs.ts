import { parseArgs } from "node:util";
import type { StartDevnetParameters } from "../startDevnet.js";
import { CliUsageError } from "./CliUsageError.js";

/** What `ballast-devnet start` was asked to do. */
export interface StartArgs {
  devnet: StartDevnetParameters;
  /** Grow every share's rate by `bps` every `intervalSeconds`; off when bps is 0. */
  shareYield: { bps: bigint; intervalSeconds: number };
  /** Print one JSON object per line instead of a table. */
  json: boolean;
}

function integer(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new CliUsageError(`--${flag} must be an integer from ${min} to ${max}, got "${value}"`);
  }
  return Number(value);
}

/** Parses `start`'s flags; throws a {@link CliUsageError} with a one-line message for bad input. */
export function parseStartArgs(args: readonly string[]): StartArgs {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(args).values;
  } catch (cause) {
    throw new CliUsageError((cause as Error).message, { cause }); // parseArgs throws TypeErrors with a readable message
  }
  const yieldBps = integer("share-yield-bps", values["share-yield-bps"], 0, 10_000) ?? 1;
  return {
    devnet: {
      chains: integer("chains", values.chains, 2, 8),
      portBase: integer("port-base", values["port-base"], 0, 65_535),
      blockTime: integer("block-time", values["block-time"], 1, 3_600_000),
      host: values.host,
      manifestPath: values.manifest ?? ".ballast/devnet/manifest.json",
    },
    shareYield: {
      bps: BigInt(yieldBps),
      intervalSeconds: integer("share-yield-every", values["share-yield-every"], 1, 86_400) ?? 60,
    },
    json: values.json ?? false,
  };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      chains: { type: "string" },
      "port-base": { type: "string" },
      host: { type: "string" },
      "block-time": { type: "string" },
      manifest: { type: "string" },
      "share-yield-bps": { type: "string" },
      "share-yield-every": { type: "string" },
      json: { type: "boolean" },
    },
  });
}
