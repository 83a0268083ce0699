import { type ParseArgsConfig, parseArgs } from "node:util";
import { CliError } from "../CliError.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Options every command takes. */
export const COMMON_OPTIONS = {
  manifest: { type: "string" },
  json: { type: "boolean" },
} as const satisfies Options;

/** node:util parseArgs, strict, with its errors as one-line {@link CliError}s. */
export function parseCommandArgs<const T extends Options>(
  args: readonly string[],
  options: T,
  positionals = 0,
) {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (cause) {
    throw new CliError((cause as Error).message, { cause }); // parseArgs throws TypeErrors with a readable message
  }
  if (parsed.positionals.length > positionals) {
    throw new CliError(`unexpected argument "${parsed.positionals[positionals]}"`);
  }
  return parsed;
}

/** The value of a required string option. */
export function required(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== "string" || value === "") throw new CliError(`--${flag} is required`);
  return value;
}
