/** A store failure: the database could not be opened, migrated or written as expected. */
export class StoreError extends Error {
  override name = "StoreError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A migration failed; `migration` names it. */
export class MigrationError extends StoreError {
  override name = "MigrationError";
  readonly migration: string | undefined;
  constructor(migration: string | undefined, options?: { cause?: unknown }) {
    super(migration === undefined ? "migrations failed" : `migration ${migration} failed`, options);
    this.migration = migration;
  }
}
