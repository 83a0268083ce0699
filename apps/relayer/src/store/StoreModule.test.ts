import { Global, Module } from "@nestjs/common";
import { Test } from "@nestjs/testing";
import { afterAll, describe, expect, test } from "vitest";
import { createTestPostgresDatabase, stopTestPostgres } from "../../test/support/testDatabase.js";
import { CursorRepository } from "./CursorRepository.js";
import { Database } from "./Database.js";
import { MessageRepository } from "./MessageRepository.js";
import { StoreModule, type StoreModuleOptions } from "./StoreModule.js";

const CONFIG = Symbol("config");

function configModule(database: StoreModuleOptions) {
  @Global()
  @Module({ providers: [{ provide: CONFIG, useValue: { database } }], exports: [CONFIG] })
  class FakeConfigModule {}
  return FakeConfigModule;
}

describe("StoreModule", () => {
  afterAll(async () => {
    await stopTestPostgres();
  });

  test.each([
    ["pglite", async () => ({ dataDir: "memory://" })],
    ["postgres", async () => ({ url: await createTestPostgresDatabase() })],
  ] as const)(
    "opens and migrates %s from the config, injects the repositories, and closes at shutdown",
    async (backend, options) => {
      const moduleRef = await Test.createTestingModule({
        imports: [
          configModule(await options()),
          StoreModule.forRootAsync({
            inject: [CONFIG],
            useFactory: (config: { database: StoreModuleOptions }) => config.database,
          }),
        ],
      }).compile();
      await moduleRef.init();
      const db = moduleRef.get(Database);
      expect(db.backend).toBe(backend);
      const cursors = moduleRef.get(CursorRepository);
      await cursors.ensure({ chainId: 1n, eid: 1, startBlock: 4n });
      expect((await cursors.get(1n))?.next_block).toBe(4n);
      expect(await moduleRef.get(MessageRepository).countByStatus()).toMatchObject({ sent: 0 });
      await moduleRef.close();
      await expect(cursors.get(1n)).rejects.toThrow();
    },
  );
});
