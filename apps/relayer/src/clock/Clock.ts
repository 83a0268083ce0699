/** Time, injectable so tests control it. */
export abstract class Clock {
  /** Milliseconds since the epoch. */
  abstract now(): number;
}

/** The system clock. */
export class SystemClock extends Clock {
  now(): number {
    return Date.now();
  }
}
