import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { RelayerConfig } from "../config/relayerConfigSchema.js";
import { DEVNET_PATHWAY_POLICY, type PathwayPolicy, PRODUCTION_PATHWAY_POLICY } from "./checkPathway.js";

/** Injection token of the {@link DeliveryOptions}. */
export const DELIVERY_OPTIONS = Symbol("DELIVERY_OPTIONS");

/** The delivery's settings: the config's `mode`, `intervals.deliver` and `delivery` section, and tuning. */
export interface DeliveryOptions {
  /** devnet: verify through SimpleMessageLib (verifier key) and execute; production: execute what the endpoint shows verified. */
  mode: "devnet" | "production";
  /** Milliseconds between delivery passes (`intervals.deliver`). */
  intervalMs: number;
  /** Failed attempts after which a message is dead (`delivery.maxAttempts`). */
  maxAttempts: number;
  /** First retry delay, doubled per failed attempt (`delivery.backoffMs`). */
  backoffMs: number;
  /** Longest retry delay. */
  maxBackoffMs: number;
  /** A `sent` or `verified` message older than this (since its `PacketSent` block) is stuck (`delivery.stuckAfterMs`). */
  stuckAfterMs: number;
  /** How long a lease on a message lasts; renewed every third of it while the message is worked on. */
  leaseMs: number;
  /** Most messages one pass leases. */
  batchSize: number;
  /** Pathways worked on at once within a pass (each pathway in nonce order). */
  concurrency: number;
  /** How often a message waiting for something outside the relayer (DVNs, an earlier nonce) is checked on chain again. */
  watchIntervalMs: number;
  /** This replica's lease owner id: unique per running process. */
  replicaId: string;
  /**
   * Release the leases `replicaId` still holds at start (from a run that crashed). Only safe with
   * an id no other running replica uses; default true when `replicaId` was given, false for a random one.
   */
  reclaimOwnLeases: boolean;
  /** Most milliseconds to wait for a transaction's receipt. */
  receiptTimeoutMs: number;
  /** Most milliseconds shutdown waits for the pass in progress before leaving its leases to expire. */
  shutdownGraceMs: number;
  /**
   * What a pathway's LayerZero configuration must meet beyond having a receive library (always
   * required), checked at start in production mode. From the mode, never from the config file:
   * production's is {@link PRODUCTION_PATHWAY_POLICY} (pinned send and receive libraries, at least
   * 2 required DVNs), devnet's {@link DEVNET_PATHWAY_POLICY} (warnings only).
   */
  pathwayPolicy: PathwayPolicy;
  /** Start the job when the application boots; default true. */
  autoStart: boolean;
}

/** A lease owner id unique to this process: host, pid and a random suffix. */
export function randomReplicaId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(4).toString("hex")}`;
}

/**
 * The delivery options of a config, with `overrides` on top (tests, or an operator's stable
 * `replicaId`).
 *
 * @example
 * const options = deliveryOptionsFromConfig(config, { leaseMs: 5_000 });
 */
export function deliveryOptionsFromConfig(
  config: RelayerConfig,
  overrides: Partial<DeliveryOptions> = {},
): DeliveryOptions {
  const { maxAttempts, backoffMs, stuckAfterMs } = config.delivery;
  return {
    mode: config.mode,
    intervalMs: config.intervals.deliver,
    maxAttempts,
    backoffMs,
    maxBackoffMs: Math.max(backoffMs, 3_600_000),
    stuckAfterMs,
    leaseMs: 30_000,
    batchSize: 32,
    concurrency: 4,
    watchIntervalMs: Math.max(config.intervals.deliver, 5_000),
    replicaId: overrides.replicaId ?? config.replicaId ?? randomReplicaId(),
    reclaimOwnLeases: (overrides.replicaId ?? config.replicaId) !== undefined,
    receiptTimeoutMs: 120_000,
    shutdownGraceMs: 15_000,
    pathwayPolicy: config.mode === "production" ? PRODUCTION_PATHWAY_POLICY : DEVNET_PATHWAY_POLICY,
    autoStart: true,
    ...overrides,
  };
}
