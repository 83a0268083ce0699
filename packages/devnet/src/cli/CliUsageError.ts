import { DevnetError } from "../errors.js";

/** Bad command-line input: printed as one line, exit code 2. */
export class CliUsageError extends DevnetError {
  override name = "CliUsageError";
}
