/** One line of `ballast dev --json`: an event name and its fields (bigints as decimal strings). */
export type DevEvent = { event: string } & Record<string, unknown>;

/** Prints a step list for people or one JSON object per line for machines. */
export class Reporter {
  private step = 0;

  constructor(
    private readonly json: boolean,
    private readonly write: (line: string) => void,
  ) {}

  /** A fact worth a line of its own (URLs, accounts). */
  info(text: string, event?: DevEvent): void {
    if (this.json) {
      if (event !== undefined)
        this.write(JSON.stringify(event, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v)));
    } else {
      this.write(text);
    }
  }

  /** A finished step of the scenario, with what it checked. */
  done(title: string, details: readonly string[], event: DevEvent): void {
    this.step += 1;
    if (this.json) {
      this.info("", { ...event, step: this.step, title });
      return;
    }
    this.write(`✔ ${String(this.step).padStart(2)}. ${title}`);
    for (const detail of details) this.write(`      ${detail}`);
  }

  /** A failed step: what was expected and what happened. */
  failed(title: string, reason: string): void {
    this.step += 1;
    if (this.json) this.info("", { event: "step-failed", step: this.step, title, reason });
    else this.write(`✘ ${String(this.step).padStart(2)}. ${title}\n      ${reason}`);
  }
}
