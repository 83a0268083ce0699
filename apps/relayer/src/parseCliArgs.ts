import { parseArgs } from "node:util";
import { CliUsageError } from "./CliUsageError.js";

/** `ballast-relayer`'s usage line. */
export const USAGE =
  "usage: ballast-relayer [--config FILE]   (or BALLAST_RELAYER_CONFIG=FILE; see apps/relayer/README.md)";

/** The return type of {@link parseCliArgs}. */
export interface ParseCliArgsReturnType {
  /** `--config FILE`, when given. */
  config: string | undefined;
  help: boolean;
}

/** Parses `ballast-relayer`'s arguments; throws a {@link CliUsageError} for anything else. */
export function parseCliArgs(argv: readonly string[]): ParseCliArgsReturnType {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { config: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    });
    return { config: values.config, help: values.help ?? false };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new CliUsageError(`${message}\n${USAGE}`, { cause: error });
  }
}
