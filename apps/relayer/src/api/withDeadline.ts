/** A task that did not settle within its deadline. */
export class DeadlineExceededError extends Error {
  override name = "DeadlineExceededError";

  constructor(ms: number, options?: ErrorOptions) {
    super(`no answer within ${ms} ms`, options);
  }
}

/**
 * `promise`, or a {@link DeadlineExceededError} after `ms` milliseconds, whichever comes first.
 * The promise itself is not cancelled; its later outcome is ignored.
 */
export async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceededError(ms)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
