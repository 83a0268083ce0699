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

/** The configured replica id is held by another running relayer on the same PostgreSQL server. */
export class ReplicaIdInUseError extends StoreError {
  override name = "ReplicaIdInUseError";
  readonly replicaId: string;
  constructor(replicaId: string, options?: { cause?: unknown }) {
    super(
      `replica id ${replicaId} is in use by another running relayer on this database: give each replica its own BALLAST_REPLICA_ID`,
      options,
    );
    this.replicaId = replicaId;
  }
}
