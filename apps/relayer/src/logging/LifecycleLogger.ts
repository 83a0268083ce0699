import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationShutdown,
} from "@nestjs/common";

/** Logs the start and the end of a shutdown, so an operator sees the relayer stopped on purpose and cleanly. */
@Injectable()
export class LifecycleLogger implements BeforeApplicationShutdown, OnApplicationShutdown {
  readonly #logger = new Logger("ballast-relayer");

  beforeApplicationShutdown(signal?: string): void {
    this.#logger.log(`stopping${signal === undefined ? "" : ` on ${signal}`}`);
  }

  onApplicationShutdown(): void {
    this.#logger.log("stopped");
  }
}
