import { type Kysely, sql } from "kysely";

/**
 * The first schema: cursors, recent blocks, events, messages (with delivery leases) and
 * transactions. Amounts are numeric(78,0) (any uint256), hashes and addresses lowercase hex text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table chain_cursors (
      chain_id bigint primary key,
      eid integer not null unique,
      start_block bigint not null check (start_block >= 0),
      next_block bigint not null check (next_block >= start_block),
      indexed_block_hash text,
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table blocks (
      chain_id bigint not null references chain_cursors (chain_id) on delete cascade,
      number bigint not null,
      hash text not null,
      parent_hash text not null,
      primary key (chain_id, number)
    )`.execute(db);

  await sql`
    create table events (
      id bigint generated always as identity unique,
      chain_id bigint not null references chain_cursors (chain_id) on delete cascade,
      block_hash text not null,
      log_index integer not null check (log_index >= 0),
      block_number bigint not null,
      tx_hash text not null,
      tx_index integer not null,
      address text not null,
      contract text not null
        check (contract in ('collateralVault', 'marginLedger', 'riskEngine', 'perpMarket', 'endpoint')),
      event_name text not null,
      args jsonb not null,
      guid text,
      asset text,
      account text,
      amount numeric(78, 0),
      primary key (chain_id, block_hash, log_index)
    )`.execute(db);
  await sql`create index events_chain_block on events (chain_id, block_number)`.execute(db);
  await sql`create index events_guid on events (guid) where guid is not null`.execute(db);
  await sql`create index events_account on events (account) where account is not null`.execute(db);

  await sql`
    create table messages (
      guid text primary key,
      src_eid integer not null,
      dst_eid integer not null,
      sender text not null,
      receiver text not null,
      nonce numeric(20, 0) not null check (nonce > 0),
      message_type text not null check (message_type in ('LOCK', 'RELEASE', 'RATE', 'UNKNOWN')),
      asset text,
      account text,
      amount numeric(78, 0),
      rate numeric(78, 0),
      payload text not null,
      encoded_packet text not null,
      options text not null,
      status text not null
        check (status in ('sent', 'verified', 'delivered', 'failed', 'stuck', 'dead')),
      attempts integer not null default 0 check (attempts >= 0),
      next_attempt_at timestamptz,
      last_error text,
      lease_owner text,
      lease_until timestamptz,
      sent_chain_id bigint not null,
      sent_block_number bigint not null,
      sent_block_hash text not null,
      sent_tx_hash text not null,
      sent_log_index integer not null,
      verified_block_number bigint,
      verified_tx_hash text,
      delivered_block_number bigint,
      delivered_tx_hash text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      verified_at timestamptz,
      delivered_at timestamptz,
      -- A LayerZero pathway is (src eid, sender, dst eid, receiver); its outbound nonces are gapless.
      unique (src_eid, sender, dst_eid, receiver, nonce)
    )`.execute(db);
  // What delivery scans: due messages in one of its states.
  await sql`create index messages_due on messages (status, next_attempt_at)`.execute(db);
  await sql`create index messages_sent_block on messages (sent_chain_id, sent_block_number)`.execute(db);

  await sql`
    create table transactions (
      id bigint generated always as identity primary key,
      chain_id bigint not null,
      from_address text not null,
      nonce bigint not null check (nonce >= 0),
      hash text not null,
      purpose text not null,
      message_guid text references messages (guid) on delete set null,
      raw text,
      status text not null check (status in ('pending', 'mined', 'reverted', 'replaced', 'dropped')),
      block_number bigint,
      error text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (chain_id, hash)
    )`.execute(db);
  await sql`create index transactions_sender_nonce on transactions (chain_id, from_address, nonce)`.execute(
    db,
  );
  await sql`create index transactions_message on transactions (message_guid) where message_guid is not null`.execute(
    db,
  );
}

/** Drops everything {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["transactions", "messages", "events", "blocks", "chain_cursors"]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
