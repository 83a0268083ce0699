import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DeliveryService } from "../../src/delivery/DeliveryService.js";
import { KeeperService } from "../../src/keeper/KeeperService.js";
import { ReplicaIdInUseError } from "../../src/store/errors.js";
import { devPrivateKey } from "../devKeys.js";
import {
  type DeliveryDevnet,
  startDeliveryDevnet,
  startRelayer,
  type TestRelayer,
} from "../support/deliveryHarness.js";
import { type PostgresServer, startPostgresServer } from "../support/postgresServer.js";

let net: DeliveryDevnet;
let server: PostgresServer;

beforeAll(async () => {
  [net, server] = await Promise.all([startDeliveryDevnet(), startPostgresServer()]);
});

afterAll(async () => {
  await Promise.all([net?.stop(), server?.stop()]);
});

/** A relayer on `url` with the config's `replicaId` (the delivery options come from the config) and a keeper key. */
function replica(url: string, replicaId: string | undefined): Promise<TestRelayer> {
  return startRelayer({
    net,
    config: { ...(replicaId === undefined ? {} : { replicaId }), intervals: { keeper: 3_600_000 } },
    env: { DATABASE_URL: url, BALLAST_KEEPER_KEY: devPrivateKey(9) },
  });
}

describe("replica identity on one PostgreSQL server", () => {
  test("a configured replica id is taken by one running process: a second start with it is refused until the first stops", async () => {
    const url = await server.createDatabase("replica_identity");
    const first = await replica(url, "relayer-1");
    try {
      expect(first.app.get(DeliveryService).replicaId).toBe("relayer-1");
      const refused = await replica(url, "relayer-1").then(
        async (started) => {
          await started.close();
          return undefined;
        },
        (error: unknown) => error,
      );
      if (!(refused instanceof ReplicaIdInUseError))
        throw new Error(`expected a refusal, got ${String(refused)}`);
      expect(refused.message).toBe(
        "replica id relayer-1 is in use by another running relayer on this database: give each replica its own BALLAST_REPLICA_ID",
      );
      // Another id, or none (random), starts beside it.
      const second = await replica(url, "relayer-2");
      const third = await replica(url, undefined);
      await Promise.all([second.close(), third.close()]);
    } finally {
      await first.close();
    }
    // Its process gone, the id is free again (a restart takes back its own leases).
    const restarted = await replica(url, "relayer-1");
    await restarted.close();
  });

  test("one keeper among replicas: the other stands by and takes over when the holder stops", async () => {
    const url = await server.createDatabase("keeper_role");
    const first = await replica(url, undefined);
    const second = await replica(url, undefined);
    try {
      const one = await first.app.get(KeeperService).run();
      const two = await second.app.get(KeeperService).run();
      expect([one.standby, two.standby]).toEqual([false, true]);
      expect(two.candidates).toBe(0);
      await first.close();
      const taken = await second.app.get(KeeperService).run();
      expect(taken.standby).toBe(false);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
