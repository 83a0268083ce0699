/** A stored event row that cannot become a `@ballast/margin` event (a field missing or of the wrong type). */
export class StoredEventError extends Error {
  override name = "StoredEventError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
