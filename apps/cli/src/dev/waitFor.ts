import { setTimeout as sleep } from "node:timers/promises";
import { CliError } from "../CliError.js";

/** Polls `read` every `intervalMs` until `done(value)`, or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 60_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new CliError(`timed out after ${timeoutMs / 1000} s waiting for ${what}`, { exitCode: 1 });
    await sleep(intervalMs);
  }
}
