import { chainNameSchema, rpcUrlSchema } from "@ballast/sdk";
import { z } from "zod";

/** A 32-byte private key in hex. Keys come from the environment only, never from the config file. */
export const privateKeySchema = z.string().regex(/^0x[0-9a-fA-F]{64}$/, "not a 32-byte hex private key");

/** An RPC URL the relayer can use: http(s) only (its clients poll; they hold no WebSocket). */
export const httpRpcUrlSchema = rpcUrlSchema.refine((url) => /^https?:/.test(url), {
  message: "the relayer reaches chains over http(s) only",
});

/** An amount of wei in the config: a decimal string (any uint256) or a safe integer, read as bigint. */
export const weiSchema = z
  .union([
    z.string().regex(/^(0|[1-9][0-9]{0,77})$/, "not a decimal amount of wei"),
    z.number().int().nonnegative(), // zod's int() is a safe integer
  ])
  .transform((value) => BigInt(value))
  .refine((value) => value < 2n ** 256n, { message: "more than a uint256" });

/** Per-chain settings that override or complete the manifest's. */
export const chainSettingsSchema = z.strictObject({
  /** Replaces the manifest's RPC URLs (first preferred, the others fallbacks). */
  rpcUrls: z.array(httpRpcUrlSchema).min(1).optional(),
  /** Blocks behind the head a log must be before it is indexed. */
  confirmations: z.number().int().nonnegative().default(0),
  /** Most blocks per eth_getLogs request. */
  maxBlockRange: z.number().int().positive().default(2_000),
  /** Milliseconds one JSON-RPC request may take on one URL before the next URL is tried. */
  rpcTimeoutMs: z.number().int().positive().default(10_000),
  /** Retries of a request over the whole URL list (with backoff) after every URL failed. */
  rpcRetryCount: z.number().int().nonnegative().max(10).default(2),
  /** Milliseconds between polls of viem's watchers and receipt waits (viem's default is 4 s). */
  pollingIntervalMs: z.number().int().positive().default(250),
});

/** Settings of one chain with every default filled in. */
export type ChainSettings = z.output<typeof chainSettingsSchema>;

/** Hosts that only this machine reaches: the API may listen there without an operator token. */
export const LOOPBACK_HOSTS: readonly string[] = ["127.0.0.1", "localhost", "::1"];

/** pino's levels; "silent" logs nothing. */
export const logLevelSchema = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/** The relayer's whole configuration, as validated at boot. */
export const relayerConfigSchema = z
  .strictObject({
    /** devnet: the relayer also verifies packets through SimpleMessageLib; production: it only executes what DVNs verified. */
    mode: z.enum(["devnet", "production"]).default("devnet"),
    /** Path of the deployment manifest (the sdk's schema). */
    manifest: z.string().min(1),
    /**
     * This process's stable name among replicas (`BALLAST_REPLICA_ID`): a restarted process takes
     * back the message leases its previous run held instead of waiting for them to expire. Must be
     * unique among the replicas running at once; left out, each start gets a random id.
     */
    replicaId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,62}$/, "1 to 63 letters, digits, '.', '_', ':' or '-'")
      .optional(),
    /** Settings per manifest chain name. */
    chains: z.record(chainNameSchema, chainSettingsSchema).default({}),
    database: z
      .strictObject({
        /** A PostgreSQL server (`DATABASE_URL`); embedded PGlite in `dataDir` when left out. */
        url: z
          .string()
          .regex(/^postgres(ql)?:\/\//, "not a postgres:// URL")
          .optional(),
        /** PGlite's folder; "memory://" keeps it in memory (tests). */
        dataDir: z.string().min(1).default(".ballast/relayer/pglite"),
      })
      .default({ dataDir: ".ballast/relayer/pglite" }),
    /** Private keys, from the environment (BALLAST_EXECUTOR_KEY, ...). */
    keys: z
      .strictObject({
        executor: privateKeySchema.optional(),
        verifier: privateKeySchema.optional(),
        keeper: privateKeySchema.optional(),
        guardian: privateKeySchema.optional(),
      })
      .default({}),
    api: z
      .strictObject({
        host: z.string().min(1).default("127.0.0.1"),
        port: z.number().int().min(0).max(65_535).default(8_080),
        /** Bearer token of operator actions (BALLAST_OPERATOR_TOKEN); without it they are refused. */
        operatorToken: z.string().min(16, "at least 16 characters").optional(),
      })
      .default({ host: "127.0.0.1", port: 8_080 }),
    /** Milliseconds between runs of each job. */
    intervals: z
      .strictObject({
        index: z.number().int().positive().default(250),
        deliver: z.number().int().positive().default(250),
        reconcile: z.number().int().positive().default(10_000),
        keeper: z.number().int().positive().default(2_000),
        /**
         * Least milliseconds between account-level checks (every account's balances read): a
         * reconciliation run in between reuses the last check's findings.
         */
        reconcileAccounts: z.number().int().positive().default(60_000),
      })
      .default({ index: 250, deliver: 250, reconcile: 10_000, keeper: 2_000, reconcileAccounts: 60_000 }),
    delivery: z
      .strictObject({
        /** Failed attempts before a message moves to the dead-letter state. */
        maxAttempts: z.number().int().positive().default(8),
        /** First retry delay; doubles per attempt. */
        backoffMs: z.number().int().positive().default(500),
        /** A message older than this and not delivered is reported stuck. */
        stuckAfterMs: z.number().int().positive().default(300_000),
      })
      .default({ maxAttempts: 8, backoffMs: 500, stuckAfterMs: 300_000 }),
    log: z
      .strictObject({
        /** pino level of the JSON logs on stdout. */
        level: logLevelSchema.default("info"),
      })
      .default({ level: "info" }),
    reconciliation: z
      .strictObject({
        /**
         * When a lane breaks an invariant and a guardian key is configured, pause the locks of the
         * lane's vault (`CollateralVault.pauseLocks`; unpausing is the owner's).
         */
        pauseOnDiscrepancy: z.boolean().default(false),
      })
      .default({ pauseOnDiscrepancy: false }),
    /** The liquidation keeper and rate sync (active only with a keeper key, `BALLAST_KEEPER_KEY`). */
    keeper: z
      .strictObject({
        /**
         * Least profit, in wei, a liquidation must leave after gas (reward converted through the
         * chain's ETH/USD feed, minus gas cost with the safety margin): a decimal string (any uint256)
         * or a safe integer.
         */
        minProfitWei: weiSchema.default(0n),
        /** The gas cost counts as estimate × gas price × (1 + this / 10,000). */
        gasSafetyMarginBps: z.number().int().min(0).max(100_000).default(2_000),
        /**
         * A share rate rise reaches a ledger (`syncRate`) only when it moves the ledger's rate by more
         * than this many basis points; a fall always does.
         */
        rateSyncThresholdBps: z.number().int().min(0).max(10_000).default(50),
        /** Milliseconds a sent RATE may take to reach its ledger before the keeper sends another. */
        rateSyncRetryMs: z.number().int().positive().default(600_000),
        /** Accounts valued at once. */
        batchSize: z.number().int().min(1).max(256).default(8),
      })
      .default({
        minProfitWei: 0n,
        gasSafetyMarginBps: 2_000,
        rateSyncThresholdBps: 50,
        rateSyncRetryMs: 600_000,
        batchSize: 8,
      }),
    /** Optional webhook for alerts (POSTed JSON). */
    alertWebhook: z.url({ protocol: /^https?$/ }).optional(),
  })
  .superRefine((config, context) => {
    if (config.mode !== "production") return;
    // Production refuses what would be unsafe rather than guessing.
    if (config.keys.verifier !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["keys", "verifier"],
        message: "a verifier key is for the devnet only",
      });
    }
    if (config.database.url === undefined) {
      context.addIssue({
        code: "custom",
        path: ["database", "url"],
        message: "production needs a PostgreSQL server (DATABASE_URL)",
      });
    }
    for (const [name, chain] of Object.entries(config.chains)) {
      if (chain.confirmations === 0) {
        context.addIssue({
          code: "custom",
          path: ["chains", name, "confirmations"],
          message: "production needs at least 1 confirmation",
        });
      }
    }
    if (!LOOPBACK_HOSTS.includes(config.api.host) && config.api.operatorToken === undefined) {
      context.addIssue({
        code: "custom",
        path: ["api", "operatorToken"],
        message: `required when the API listens on ${config.api.host}`,
      });
    }
  });

/** The validated relayer configuration. */
export type RelayerConfig = z.output<typeof relayerConfigSchema>;
/** The configuration as written in a file (before defaults). */
export type RelayerConfigInput = z.input<typeof relayerConfigSchema>;
