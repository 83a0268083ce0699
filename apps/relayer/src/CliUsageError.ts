/** The command line is not one `ballast-relayer` understands. */
export class CliUsageError extends Error {
  override name = "CliUsageError";
}
