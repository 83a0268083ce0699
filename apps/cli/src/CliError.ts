/** An expected failure of a command: printed as one line (`ballast: <message>`), never a stack trace. */
export class CliError extends Error {
  override name = "CliError";
  /** 2 for bad input (usage), 1 for a failure of the action itself. */
  readonly exitCode: 1 | 2;

  constructor(message: string, options: ErrorOptions & { exitCode?: 1 | 2 } = {}) {
    super(message, options);
    this.exitCode = options.exitCode ?? 2;
  }
}
