import { readFile } from "node:fs/promises";
import { ConfigError, type NetworkConfig, parseNetworkConfig } from "@ballast/sdk";
import { CliUsageError } from "./CliUsageError.js";

/**
 * Reads and validates a network config file. An unreadable file, bad JSON or a bad field throws a
 * {@link CliUsageError} with one line (for a bad field, `parseNetworkConfig`'s message naming it).
 */
export async function readNetworkConfig(path: string): Promise<NetworkConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? "unreadable"; // readFile rejects with a system error
    throw new CliUsageError(`cannot read network config ${path}: ${code}`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new CliUsageError(`network config ${path} is not JSON: ${(cause as Error).message}`, { cause }); // JSON.parse throws SyntaxErrors
  }
  try {
    return parseNetworkConfig(json);
  } catch (cause) {
    if (cause instanceof ConfigError) throw new CliUsageError(`${path}: ${cause.message}`, { cause });
    throw cause;
  }
}
