import type { Logger } from "@nestjs/common";

/**
 * Logs why a liquidation was skipped once per reason: a keeper runs every few seconds, and a
 * lasting skip (a keeper without quote tokens, an unprofitable position) would otherwise fill the
 * log. The same reason again goes to `debug`; a new reason, or the first skip after `clear`, to `log`.
 */
export class SkipLog {
  readonly #last = new Map<string, string>();
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** Logs `message` for the liquidation `key` skipped for `reason`. */
  skipped(key: string, reason: string, message: string): void {
    if (this.#last.get(key) === reason) {
      this.#logger.debug(message);
      return;
    }
    this.#last.set(key, reason);
    this.#logger.log(message);
  }

  /** Forgets `key` (it was sent): its next skip is logged again. */
  clear(key: string): void {
    this.#last.delete(key);
  }
}
