import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "@ballast/sdk";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { devPrivateKey } from "../../test/devKeys.js";
import { manifestFixture } from "../../test/manifestFixture.js";
import { loadRelayerConfig } from "./loadRelayerConfig.js";
import { RelayerConfigError } from "./RelayerConfigError.js";

const EXECUTOR_KEY = devPrivateKey(5);
const VERIFIER_KEY = devPrivateKey(2);
const TOKEN = "a-long-operator-token-0123456789";

let dir: string;
let manifestPath: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ballast-relayer-config-"));
  manifestPath = join(dir, "manifest.json");
  await writeFile(manifestPath, JSON.stringify(manifestFixture()));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes `content` (JSON unless a string) as a config file and returns its path. */
async function configFile(name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

/** The RelayerConfigError `promise` rejects with (fails the test when it resolves or throws anything else). */
async function refusal(promise: Promise<unknown>): Promise<RelayerConfigError> {
  const error = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(RelayerConfigError);
  return error as RelayerConfigError; // checked just above
}

describe("loadRelayerConfig", () => {
  test("a minimal file: defaults filled in, manifest resolved beside the file and parsed", async () => {
    const file = await configFile("minimal.json", { manifest: "manifest.json" });
    const { config, manifest } = await loadRelayerConfig({ file, env: {}, cwd: "/" });
    expect(config.manifest).toBe(manifestPath);
    expect(config.mode).toBe("devnet");
    expect(config.api).toEqual({ host: "127.0.0.1", port: 8_080 });
    expect(config.keys).toEqual({});
    expect(config.database.url).toBeUndefined();
    expect(config.database.dataDir).toBe("/.ballast/relayer/pglite"); // the default is the working directory's
    expect(manifest.chains.map(({ name }) => name)).toEqual(["a", "b", "c"]);
    expect(manifest.chains[0]?.startBlock).toBe(0n);
  });

  test("reconciliation.pauseOnDiscrepancy: false by default, true when the file says so, refused when not a boolean", async () => {
    const minimal = await configFile("pause-default.json", { manifest: "manifest.json" });
    expect((await loadRelayerConfig({ file: minimal, env: {} })).config.reconciliation).toEqual({
      pauseOnDiscrepancy: false,
    });
    const on = await configFile("pause-on.json", {
      manifest: "manifest.json",
      reconciliation: { pauseOnDiscrepancy: true },
    });
    expect((await loadRelayerConfig({ file: on, env: {} })).config.reconciliation.pauseOnDiscrepancy).toBe(
      true,
    );
    const bad = await configFile("pause-bad.json", {
      manifest: "manifest.json",
      reconciliation: { pauseOnDiscrepancy: "yes" },
    });
    const error = await refusal(loadRelayerConfig({ file: bad, env: {} }));
    expect(error.message).toMatch(/reconciliation\.pauseOnDiscrepancy/);
  });

  test("the file path can come from BALLAST_RELAYER_CONFIG; a relative dataDir in the file is the file's", async () => {
    const file = await configFile("from-env.json", {
      manifest: "./manifest.json",
      database: { dataDir: "data/pg" },
    });
    const { config } = await loadRelayerConfig({ env: { BALLAST_RELAYER_CONFIG: file } });
    expect(config.manifest).toBe(manifestPath);
    expect(config.database.dataDir).toBe(join(dir, "data/pg"));
  });

  test("environment overrides win over the file", async () => {
    const file = await configFile("overridden.json", {
      mode: "devnet",
      manifest: "does-not-exist.json",
      database: { url: "postgres://file@localhost/file", dataDir: "memory://" },
      api: { host: "127.0.0.1", port: 1_111, operatorToken: "token-from-the-file-0000" },
      log: { level: "info" },
    });
    const { config } = await loadRelayerConfig({
      file,
      cwd: dir,
      env: {
        BALLAST_MANIFEST: "manifest.json", // relative to cwd, not to the file
        DATABASE_URL: "postgres://env@localhost/env",
        BALLAST_DATA_DIR: "pg-data", // relative to cwd
        BALLAST_API_HOST: "0.0.0.0",
        BALLAST_API_PORT: "2222",
        BALLAST_OPERATOR_TOKEN: TOKEN,
        BALLAST_EXECUTOR_KEY: EXECUTOR_KEY,
        BALLAST_KEEPER_KEY: EXECUTOR_KEY,
        BALLAST_LOG_LEVEL: "silent",
        BALLAST_GUARDIAN_KEY: "", // empty counts as unset
      },
    });
    expect(config.manifest).toBe(manifestPath);
    expect(config.database).toEqual({ url: "postgres://env@localhost/env", dataDir: join(dir, "pg-data") });
    expect(config.api).toEqual({ host: "0.0.0.0", port: 2_222, operatorToken: TOKEN });
    expect(config.keys).toEqual({ executor: EXECUTOR_KEY, keeper: EXECUTOR_KEY });
    expect(config.log.level).toBe("silent");
  });

  test("a replica id comes from the file or BALLAST_REPLICA_ID (which wins); a bad one is named", async () => {
    const file = await configFile("replica.json", { manifest: "manifest.json", replicaId: "relayer-1" });
    expect((await loadRelayerConfig({ file, env: {} })).config.replicaId).toBe("relayer-1");
    const { config } = await loadRelayerConfig({ file, env: { BALLAST_REPLICA_ID: "eu-west.2" } });
    expect(config.replicaId).toBe("eu-west.2");
    expect((await loadRelayerConfig({ env: { BALLAST_MANIFEST: manifestPath } })).config.replicaId).toBe(
      undefined,
    );
    const error = await refusal(loadRelayerConfig({ file, env: { BALLAST_REPLICA_ID: "two words" } }));
    expect(error.issues).toEqual([
      { path: "replicaId (BALLAST_REPLICA_ID)", message: "1 to 63 letters, digits, '.', '_', ':' or '-'" },
    ]);
  });

  test("with no file at all, the environment alone is the config", async () => {
    const { config } = await loadRelayerConfig({
      env: { BALLAST_MANIFEST: manifestPath, BALLAST_MODE: "devnet" },
    });
    expect(config.manifest).toBe(manifestPath);
  });

  test("a bad field is named, with the variable that set it when it came from the environment", async () => {
    const file = await configFile("bad-fields.json", {
      manifest: "manifest.json",
      chains: { a: { confirmations: -1, rpcUrls: ["ws://127.0.0.1:1"] } },
      intervals: { index: 0 },
      colour: "blue",
    });
    const error = await refusal(
      loadRelayerConfig({ file, env: { BALLAST_API_PORT: "80a", BALLAST_EXECUTOR_KEY: "0x1234" } }),
    );
    const paths = error.issues.map(({ path }) => path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "chains.a.confirmations",
        "chains.a.rpcUrls[0]",
        "intervals.index",
        "colour",
        "api.port (BALLAST_API_PORT)",
        "keys.executor (BALLAST_EXECUTOR_KEY)",
      ]),
    );
    expect(paths).toHaveLength(6);
    expect(error.message).toMatch(/^invalid relayer config: /);
    expect(error.message).toContain("keys.executor (BALLAST_EXECUTOR_KEY): not a 32-byte hex private key");
    expect(error.message).toContain("chains.a.rpcUrls[0]: the relayer reaches chains over http(s) only");
    expect(error.message).toContain("colour: unknown field");
    expect(error).toBeInstanceOf(ConfigError); // the sdk's: one way to catch every config refusal
  });

  test("a missing manifest field is named", async () => {
    const error = await refusal(loadRelayerConfig({ env: {} }));
    expect(error.issues.map(({ path }) => path)).toEqual(["manifest"]);
  });

  test("private keys written in the file are refused, naming each field and never echoing it", async () => {
    const file = await configFile("keys.json", {
      manifest: "manifest.json",
      keys: { executor: EXECUTOR_KEY, guardian: EXECUTOR_KEY },
    });
    const error = await refusal(loadRelayerConfig({ file, env: {} }));
    expect(error.issues.map(({ path }) => path)).toEqual(["keys.executor", "keys.guardian"]);
    expect(error.message).toContain(
      "keys.executor: private keys are read from the environment only (BALLAST_EXECUTOR_KEY), never from the config file",
    );
    expect(error.message).not.toContain(EXECUTOR_KEY.slice(2));
  });

  test("a key in the file is refused even when the environment sets the same one", async () => {
    const file = await configFile("keys-both.json", {
      manifest: "manifest.json",
      keys: { verifier: VERIFIER_KEY },
    });
    const error = await refusal(loadRelayerConfig({ file, env: { BALLAST_VERIFIER_KEY: VERIFIER_KEY } }));
    expect(error.issues.map(({ path }) => path)).toEqual(["keys.verifier"]);
  });

  test("a chain override the manifest does not have is refused", async () => {
    const file = await configFile("unknown-chain.json", {
      manifest: "manifest.json",
      chains: { a: {}, zeta: {} },
    });
    const error = await refusal(loadRelayerConfig({ file, env: {} }));
    expect(error.issues).toEqual([
      { path: "chains.zeta", message: 'no chain "zeta" in the manifest (a, b, c)' },
    ]);
  });

  test("an unreadable, non-JSON or non-object file is refused with its path", async () => {
    const missing = join(dir, "nope.json");
    expect((await refusal(loadRelayerConfig({ file: missing, env: {} }))).message).toContain(
      `${missing} (ENOENT)`,
    );
    const notJson = await configFile("not-json.json", "{ manifest: ");
    expect((await refusal(loadRelayerConfig({ file: notJson, env: {} }))).message).toContain("is not JSON");
    const array = await configFile("array.json", []);
    expect((await refusal(loadRelayerConfig({ file: array, env: {} }))).message).toContain(
      "must hold a JSON object",
    );
  });

  test("a missing or invalid manifest is refused on the manifest field", async () => {
    const missing = await refusal(
      loadRelayerConfig({ env: { BALLAST_MANIFEST: join(dir, "missing.json") } }),
    );
    expect(missing.issues[0]?.path).toBe("manifest");
    expect(missing.message).toContain("ENOENT");

    const bad = manifestFixture();
    bad.chains[1] = { ...(bad.chains[1] ?? bad.chains[0]), eid: 0 } as (typeof bad.chains)[number]; // the fixture has 3 chains
    const badPath = join(dir, "bad-manifest.json");
    await writeFile(badPath, JSON.stringify(bad));
    const invalid = await refusal(loadRelayerConfig({ env: { BALLAST_MANIFEST: badPath } }));
    expect(invalid.issues[0]?.path).toBe("manifest");
    expect(invalid.message).toContain("chains[1].eid");
  });

  describe("production refusals", () => {
    const production = {
      BALLAST_MODE: "production",
      BALLAST_MANIFEST: "",
      DATABASE_URL: "postgres://relayer@db/ballast",
    };
    const allConfirmed = { a: { confirmations: 2 }, b: { confirmations: 2 }, c: { confirmations: 2 } };

    test("a production config with every safeguard loads", async () => {
      const file = await configFile("prod.json", { manifest: "manifest.json", chains: allConfirmed });
      const { config } = await loadRelayerConfig({
        file,
        env: { ...production, BALLAST_EXECUTOR_KEY: EXECUTOR_KEY },
      });
      expect(config.mode).toBe("production");
      expect(config.chains.a?.confirmations).toBe(2);
    });

    test("a verifier key", async () => {
      const file = await configFile("prod-verifier.json", {
        manifest: "manifest.json",
        chains: allConfirmed,
      });
      const error = await refusal(
        loadRelayerConfig({ file, env: { ...production, BALLAST_VERIFIER_KEY: VERIFIER_KEY } }),
      );
      expect(error.issues).toEqual([
        { path: "keys.verifier (BALLAST_VERIFIER_KEY)", message: "a verifier key is for the devnet only" },
      ]);
    });

    test("no DATABASE_URL", async () => {
      const file = await configFile("prod-db.json", { manifest: "manifest.json", chains: allConfirmed });
      const error = await refusal(
        loadRelayerConfig({ file, env: { ...production, DATABASE_URL: undefined } }),
      );
      expect(error.issues).toEqual([
        { path: "database.url", message: "production needs a PostgreSQL server (DATABASE_URL)" },
      ]);
    });

    test("0 confirmations, written or left to the default", async () => {
      const file = await configFile("prod-confirmations.json", {
        manifest: "manifest.json",
        chains: { a: { confirmations: 0 }, b: { confirmations: 3 } },
      });
      const written = await refusal(loadRelayerConfig({ file, env: production }));
      expect(written.issues.map(({ path }) => path)).toEqual(["chains.a.confirmations"]);

      const fixed = await configFile("prod-confirmations-default.json", {
        manifest: "manifest.json",
        chains: { a: { confirmations: 1 }, b: { confirmations: 3 } },
      });
      const defaulted = await refusal(loadRelayerConfig({ file: fixed, env: production }));
      expect(defaulted.issues).toEqual([
        {
          path: "chains.c.confirmations",
          message: "production needs at least 1 confirmation (the default is 0)",
        },
      ]);
    });

    test("a public host without an operator token; with one it loads", async () => {
      const file = await configFile("prod-host.json", {
        manifest: "manifest.json",
        chains: allConfirmed,
        api: { host: "0.0.0.0" },
      });
      const error = await refusal(loadRelayerConfig({ file, env: production }));
      expect(error.issues).toEqual([
        { path: "api.operatorToken", message: "required when the API listens on 0.0.0.0" },
      ]);
      const { config } = await loadRelayerConfig({
        file,
        env: { ...production, BALLAST_OPERATOR_TOKEN: TOKEN },
      });
      expect(config.api.operatorToken).toBe(TOKEN);
    });

    test("every refusal at once, each field named", async () => {
      const file = await configFile("prod-all.json", {
        manifest: "manifest.json",
        api: { host: "10.0.0.1" },
      });
      const error = await refusal(
        loadRelayerConfig({ file, env: { BALLAST_MODE: "production", BALLAST_VERIFIER_KEY: VERIFIER_KEY } }),
      );
      expect(error.issues.map(({ path }) => path).sort()).toEqual([
        "api.operatorToken",
        "database.url",
        "keys.verifier (BALLAST_VERIFIER_KEY)",
      ]);
    });
  });
});

describe("keeper settings", () => {
  test("defaults: no minimum profit, a 20% gas margin, 0.5% rate threshold, batches of 8", async () => {
    const file = await configFile("keeper-defaults.json", { manifest: "manifest.json" });
    const { config } = await loadRelayerConfig({ file, env: {} });
    expect(config.keeper).toEqual({
      minProfitWei: 0n,
      gasSafetyMarginBps: 2_000,
      rateSyncThresholdBps: 50,
      rateSyncRetryMs: 600_000,
      batchSize: 8,
    });
  });

  test("minProfitWei: a decimal string of any uint256, exactly, or a safe integer; other fields as written", async () => {
    const big = "1000000000000000000000000000001"; // past 2^53
    const file = await configFile("keeper-set.json", {
      manifest: "manifest.json",
      keeper: { minProfitWei: big, gasSafetyMarginBps: 0, rateSyncThresholdBps: 10_000, batchSize: 1 },
    });
    const { config } = await loadRelayerConfig({ file, env: {} });
    expect(config.keeper).toEqual({
      minProfitWei: BigInt(big),
      gasSafetyMarginBps: 0,
      rateSyncThresholdBps: 10_000,
      rateSyncRetryMs: 600_000,
      batchSize: 1,
    });
    const max = (2n ** 256n - 1n).toString();
    const asNumber = await configFile("keeper-number.json", {
      manifest: "manifest.json",
      keeper: { minProfitWei: 12_345 },
    });
    expect((await loadRelayerConfig({ file: asNumber, env: {} })).config.keeper.minProfitWei).toBe(12_345n);
    const asMax = await configFile("keeper-max.json", {
      manifest: "manifest.json",
      keeper: { minProfitWei: max },
    });
    expect((await loadRelayerConfig({ file: asMax, env: {} })).config.keeper.minProfitWei).toBe(
      2n ** 256n - 1n,
    );
  });

  test("bad keeper fields are refused, each named", async () => {
    const file = await configFile("keeper-bad.json", {
      manifest: "manifest.json",
      keeper: {
        minProfitWei: "1.5",
        gasSafetyMarginBps: -1,
        rateSyncThresholdBps: 10_001,
        rateSyncRetryMs: 0,
        batchSize: 0,
        colour: "blue",
      },
    });
    const error = await refusal(loadRelayerConfig({ file, env: {} }));
    expect(error.issues.map(({ path }) => path).sort()).toEqual(
      [
        "keeper.batchSize",
        "keeper.colour",
        "keeper.gasSafetyMarginBps",
        "keeper.minProfitWei",
        "keeper.rateSyncRetryMs",
        "keeper.rateSyncThresholdBps",
      ].sort(),
    );
    for (const [name, value] of [
      ["negative", "-1"],
      ["past uint256", (2n ** 256n).toString()],
      ["a leading zero", "01"],
      ["an unsafe number", 2 ** 60],
    ] as const) {
      const bad = await configFile(`keeper-wei-${name}.json`, {
        manifest: "manifest.json",
        keeper: { minProfitWei: value },
      });
      const refused = await refusal(loadRelayerConfig({ file: bad, env: {} }));
      expect(
        refused.issues.map(({ path }) => path),
        name,
      ).toEqual(["keeper.minProfitWei"]);
    }
  });
});
