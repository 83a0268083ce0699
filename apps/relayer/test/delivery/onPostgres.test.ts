import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { endpointV2Abi, marginLedgerAbi } from "@ballast/contracts";
import { deployLayerZeroEndpoint } from "@ballast/devnet";
import {
  addressToBytes32,
  deliverPacket,
  getPacketState,
  getSentPackets,
  lock,
  serializeManifest,
} from "@ballast/sdk";
import { type Address, type Hash, type Hex, parseTransaction } from "viem";
import { privateKeyToAccount, privateKeyToAddress } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PathwayConfigError } from "../../src/delivery/errors.js";
import { PathwayInspector } from "../../src/delivery/PathwayInspector.js";
import {
  type BroadcastParameters,
  TransactionBroadcaster,
} from "../../src/delivery/TransactionBroadcaster.js";
import { MessageRepository, type StoredMessage } from "../../src/store/MessageRepository.js";
import { ReplicaLocks } from "../../src/store/ReplicaLocks.js";
import { TransactionRepository } from "../../src/store/TransactionRepository.js";
import { devPrivateKey } from "../devKeys.js";
import {
  type DeliveryDevnet,
  packetDeliveries,
  startDeliveryDevnet,
  startRelayer,
  type TestRelayer,
  waitFor,
} from "../support/deliveryHarness.js";
import type { ChainDriver } from "../support/devnetChains.js";
import { type PostgresServer, startPostgresServer } from "../support/postgresServer.js";
import {
  commitVerification,
  DEFAULT_LIBRARY,
  DVNS,
  dvnVerify,
  pinUlnPathways,
  setReceiveLibrary,
  setReceiveLibraryTimeout,
  setRequiredDvns,
  setSendLibrary,
  type UlnPathways,
} from "../support/ulnPathway.js";

const VERIFIER_KEY = devPrivateKey(2); // the devnet's whitelisted SimpleMessageLib caller
const USDC = 10n ** 6n;

let net: DeliveryDevnet;
let server: PostgresServer;
let databases = 0;

beforeAll(async () => {
  [net, server] = await Promise.all([startDeliveryDevnet(), startPostgresServer()]);
});

afterAll(async () => {
  await Promise.all([net?.stop(), server?.stop()]);
});

/** A relayer on a database of the PostgreSQL server, verifying with the devnet verifier, executing with `executorKey`. */
function replica(parameters: {
  url: string;
  executorKey: Hex;
  replicaId: string;
  batchSize?: number;
  broadcaster?: TransactionBroadcaster;
}): Promise<TestRelayer> {
  return startRelayer({
    net,
    env: {
      DATABASE_URL: parameters.url,
      BALLAST_EXECUTOR_KEY: parameters.executorKey,
      BALLAST_VERIFIER_KEY: VERIFIER_KEY,
    },
    delivery: {
      replicaId: parameters.replicaId,
      ...(parameters.batchSize === undefined ? {} : { batchSize: parameters.batchSize }),
    },
    broadcaster: parameters.broadcaster,
  });
}

async function lockUsdc(from: ChainDriver, to: ChainDriver, user: Address, amount: bigint): Promise<Hash> {
  const { guid } = await lock(from.wallet(user), {
    chain: from.manifest,
    asset: from.manifest.tokens.usdc,
    amount,
    dstEid: to.manifest.eid,
  });
  return guid;
}

const credited = (chain: ChainDriver, user: Address, src: ChainDriver) =>
  chain.publicClient
    .readContract({
      address: chain.manifest.contracts.marginLedger,
      abi: marginLedgerAbi,
      functionName: "balanceOf",
      args: [user, src.manifest.eid, src.manifest.tokens.usdc],
    })
    .then(([valued]) => valued);

describe("two replicas on one PostgreSQL server", () => {
  test("deliver a stream of 20 messages between them, every packet executed exactly once", async () => {
    const url = await server.createDatabase(`replicas_${++databases}`);
    const keys = [devPrivateKey(11), devPrivateKey(12)] as const;
    const replicas = [
      await replica({ url, executorKey: keys[0], replicaId: "replica-1", batchSize: 3 }),
      await replica({ url, executorKey: keys[1], replicaId: "replica-2", batchSize: 3 }),
    ];
    try {
      // Both share the database: the second replica's repositories see everything (and outlive the first).
      const shared = replicas[1];
      if (shared === undefined) throw new Error("two replicas");
      const messages = shared.app.get(MessageRepository);
      const transactions = shared.app.get(TransactionRepository);
      const users = net.devnet.users.slice(0, 4);
      const routes = users.map((user, i) => ({
        user,
        from: i < 2 ? net.a : net.b,
        to: i < 2 ? net.b : net.a,
      }));
      const before = await Promise.all(routes.map(({ user, from, to }) => credited(to, user, from)));
      // Four users send five LOCKs each, concurrently, on both pathways, while both replicas run.
      const amounts = [1n, 2n, 3n, 4n, 5n].map((n) => n * 1_000_003n);
      const guids = (
        await Promise.all(
          routes.map(async ({ user, from, to }) => {
            const sent: Hash[] = [];
            for (const amount of amounts) sent.push(await lockUsdc(from, to, user, amount));
            return sent;
          }),
        )
      ).flat();
      expect(new Set(guids).size).toBe(20);

      await waitFor(
        "20 messages delivered",
        async () => {
          const rows = await Promise.all(guids.map((guid) => messages.get(guid)));
          return rows.every((row) => row?.status === "delivered");
        },
        { timeoutMs: 60_000, intervalMs: 200 },
      );

      // The chains' own record: one PacketDelivered per guid.
      const deliveries = new Map([...(await packetDeliveries(net.a)), ...(await packetDeliveries(net.b))]);
      for (const guid of guids) expect(deliveries.get(guid.toLowerCase()), guid).toBe(1);
      // No wasted execution either: one mined lzReceive per message, none reverted.
      const executors = new Set<string>();
      for (const guid of guids) {
        const executions = (await transactions.forMessage(guid)).filter(
          ({ purpose }) => purpose === "execute",
        );
        expect(
          executions.filter(({ status }) => status === "mined"),
          guid,
        ).toHaveLength(1);
        expect(
          executions.filter(({ status }) => status === "reverted"),
          guid,
        ).toHaveLength(0);
        for (const { from_address, status } of executions)
          if (status === "mined") executors.add(from_address);
      }
      // Both replicas took part.
      expect([...executors].sort()).toEqual(keys.map((key) => privateKeyToAddress(key).toLowerCase()).sort());
      const after = await Promise.all(routes.map(({ user, from, to }) => credited(to, user, from)));
      const sum = amounts.reduce((x, y) => x + y, 0n);
      expect(after).toEqual(before.map((value) => value + sum));

      // A replica shut down while messages stream in finishes or gives back what it leased; the other delivers the rest.
      const more = await Promise.all(routes.map(({ user, from, to }) => lockUsdc(from, to, user, 7n * USDC)));
      await replicas[0]?.close();
      const leasedByClosed = (await messages.list({}, 1_000)).filter(
        ({ lease_owner }) => lease_owner === "replica-1",
      );
      expect(leasedByClosed).toEqual([]);
      await waitFor(
        "the rest delivered by the remaining replica",
        async () =>
          (await Promise.all(more.map((guid) => messages.get(guid)))).every(
            (row) => row?.status === "delivered",
          ),
        { timeoutMs: 30_000, intervalMs: 200 },
      );
      const deliveredAgain = new Map([
        ...(await packetDeliveries(net.a)),
        ...(await packetDeliveries(net.b)),
      ]);
      for (const guid of [...guids, ...more]) expect(deliveredAgain.get(guid.toLowerCase()), guid).toBe(1);
    } finally {
      for (const relayer of replicas) await relayer?.close();
    }
  });
});

/**
 * A broadcaster that never returns for `lzReceive` transactions (to the endpoint): the process
 * "crashes" there, before (`send: false`) or after (`send: true`) the transaction reaches the chain.
 * `release()` ends the hang with an error, so the zombie can be closed.
 */
class CrashingBroadcaster extends TransactionBroadcaster {
  readonly hung: Hex[] = [];
  #release: (() => void)[] = [];

  constructor(private readonly send: boolean) {
    super();
  }

  override async broadcast(parameters: BroadcastParameters): Promise<Hash> {
    const { chain, raw } = parameters;
    if (parseTransaction(raw).to?.toLowerCase() !== chain.manifest.endpoint.toLowerCase()) {
      return super.broadcast(parameters);
    }
    if (this.send) await super.broadcast(parameters);
    this.hung.push(raw);
    await new Promise<void>((resolve) => this.#release.push(resolve));
    throw new Error("the process crashed here");
  }

  release(): void {
    for (const resolve of this.#release) resolve();
  }
}

interface CrashCase {
  name: string;
  /** Whether the crashed process broadcast the execution before it died. */
  sent: boolean;
  /** What happens on chain while the relayer is down. */
  meanwhile?: (parameters: {
    guid: Hash;
    stored: StoredMessage;
    executorKey: Hex;
    raw: Hex;
  }) => Promise<void>;
  /** The delivery transactions of the message after the restart: purpose and status. */
  transactions: [string, string][];
  /** The execution that delivered it is the one the crashed process recorded. */
  deliveredByRecorded: boolean;
}

const CRASHES: CrashCase[] = [
  {
    name: "recorded but never broadcast: the stored signed transaction is sent again",
    sent: false,
    transactions: [
      ["verify", "mined"],
      ["execute", "mined"],
    ],
    deliveredByRecorded: true,
  },
  {
    name: "broadcast, then the crash before its receipt: the receipt is found",
    sent: true,
    transactions: [
      ["verify", "mined"],
      ["execute", "mined"],
    ],
    deliveredByRecorded: true,
  },
  {
    name: "never broadcast, and its nonce used by another transaction: the packet's state decides, executed once",
    sent: false,
    async meanwhile({ executorKey }) {
      const account = privateKeyToAccount(executorKey);
      const hash = await net.b
        .wallet(account.address)
        .sendTransaction({ account, to: account.address, value: 0n });
      await net.b.publicClient.waitForTransactionReceipt({ hash });
    },
    transactions: [
      ["verify", "mined"],
      ["execute", "replaced"],
      ["execute", "mined"],
    ],
    deliveredByRecorded: false,
  },
  {
    name: "never broadcast, and the packet executed by someone else meanwhile: dropped, nothing sent",
    sent: false,
    async meanwhile({ stored }) {
      const receipt = await net.a.publicClient.getTransactionReceipt({ hash: stored.sent_tx_hash as Hash }); // stored lowercase hex
      const [sentPacket] = getSentPackets({ endpoint: net.a.manifest.endpoint, receipt });
      if (sentPacket === undefined || net.b.manifest.messageLib === null)
        throw new Error("a devnet PacketSent");
      await deliverPacket({
        publicClient: net.b.publicClient,
        walletClient: net.b.wallet(net.devnet.users[6] as Address), // a funded user: anyone may execute a verified packet
        endpoint: net.b.manifest.endpoint,
        messageLib: net.b.manifest.messageLib,
        packet: sentPacket.encodedPacket,
      });
    },
    transactions: [
      ["verify", "mined"],
      ["execute", "dropped"],
    ],
    deliveredByRecorded: false,
  },
];

describe("a relayer that crashed with a recorded execution, restarted on the same database", () => {
  test.each(CRASHES.map((crash, i) => [crash.name, crash, i] as const))("%s", async (_name, crash, i) => {
    const url = await server.createDatabase(`crash_${++databases}`);
    const executorKey = devPrivateKey(13 + i); // a key per case: its nonces are the case's own
    const executor = privateKeyToAddress(executorKey);
    const replicaId = `crashing-${i}`;
    const broadcaster = new CrashingBroadcaster(crash.sent);
    const zombie = await replica({ url, executorKey, replicaId, broadcaster });
    let restarted: TestRelayer | undefined;
    try {
      const messages = zombie.app.get(MessageRepository);
      const transactions = zombie.app.get(TransactionRepository);
      const user = net.devnet.users[5] as Address; // funded
      const before = await credited(net.b, user, net.a);
      const guid = await lockUsdc(net.a, net.b, user, 11n * USDC + BigInt(i));
      const recorded = await waitFor("the execution recorded and hung", async () => {
        const execution = (await transactions.forMessage(guid)).find(({ purpose }) => purpose === "execute");
        return execution !== undefined && broadcaster.hung.length === 1 ? execution : undefined;
      });
      expect(recorded).toMatchObject({ status: "pending", from_address: executor.toLowerCase() });
      expect(recorded.raw).toBe(broadcaster.hung[0]);
      const stored = await messages.get(guid);
      if (stored === undefined) throw new Error("indexed");
      expect(stored.lease_owner).toBe(replicaId); // the crashed process still "holds" it
      const nonceBefore = await net.b.publicClient.getTransactionCount({ address: executor });
      const { state } = await getPacketState({
        publicClient: net.b.publicClient,
        endpoint: net.b.manifest.endpoint,
        packet: stored.encoded_packet as Hex, // stored lowercase hex
      });
      expect(state).toBe(crash.sent ? "executed" : "verified");
      await crash.meanwhile?.({ guid, stored, executorKey, raw: recorded.raw as Hex }); // recorded with its raw bytes

      // The crashed process's database session ends with it, and with it its hold on the replica id.
      await zombie.app.get(ReplicaLocks).onApplicationShutdown();
      // The restart: same database, same replica id (so it takes back its own leases at once).
      restarted = await replica({ url, executorKey, replicaId });
      // Delivered (by the restarted relayer, or seen by an indexer) and every recorded transaction settled.
      const delivered = await waitFor("the message delivered and its transactions settled", async () => {
        const row = await messages.get(guid);
        const pending = (await transactions.forMessage(guid)).some(({ status }) => status === "pending");
        return row?.status === "delivered" && !pending ? row : undefined;
      });

      expect((await packetDeliveries(net.b)).get(guid.toLowerCase())).toBe(1);
      expect(await credited(net.b, user, net.a)).toBe(before + 11n * USDC + BigInt(i));
      const rows = await transactions.forMessage(guid);
      expect(rows.map(({ purpose, status }) => [purpose, status])).toEqual(crash.transactions);
      if (crash.deliveredByRecorded) {
        expect(delivered.delivered_tx_hash).toBe(recorded.hash);
        expect((await transactions.forMessage(guid)).find(({ id }) => id === recorded.id)?.status).toBe(
          "mined",
        );
      }
      const nonceAfter = await net.b.publicClient.getTransactionCount({ address: executor });
      // Executions the executor sent: the recorded one (sent before or after the restart), a new one, or none.
      const expectedSends = crash.sent
        ? 0
        : crash.transactions.filter(([p, s]) => p === "execute" && s === "mined").length;
      const meanwhileSends = crash.name.includes("nonce used") ? 1 : 0;
      expect(nonceAfter - nonceBefore).toBe(expectedSends + meanwhileSends);
    } finally {
      broadcaster.release();
      await restarted?.close();
      await zombie.close();
    }
  });
});

/** Production mode needs a confirmation per chain (so the test mines a block after each transaction it waits on). */
const PRODUCTION_CHAINS = {
  a: { confirmations: 1, pollingIntervalMs: 50 },
  b: { confirmations: 1, pollingIntervalMs: 50 },
};
const PRODUCTION_EXECUTOR_KEY = devPrivateKey(17);

/** Starts a production relayer on a fresh database of the PostgreSQL server, executing with development account #17. */
async function startProduction(name: string, on: DeliveryDevnet = net): Promise<TestRelayer> {
  const url = await server.createDatabase(`${name}_${++databases}`);
  return startRelayer({
    net: on,
    config: { mode: "production", chains: PRODUCTION_CHAINS },
    env: { DATABASE_URL: url, BALLAST_EXECUTOR_KEY: PRODUCTION_EXECUTOR_KEY },
    delivery: { replicaId: name },
  });
}

/** The refusal a production start ends with; a relayer that started after all is closed and fails the test. */
async function refusalOf(started: Promise<TestRelayer>): Promise<PathwayConfigError> {
  const outcome = await started.then(
    async (relayer) => {
      await relayer.close();
      return "a running relayer";
    },
    (error: unknown) => error,
  );
  if (!(outcome instanceof PathwayConfigError)) throw new Error(`expected a refusal, got ${String(outcome)}`);
  return outcome;
}

describe("production mode", () => {
  // After the devnet-mode tests above: from here every pathway verifies through LayerZero's
  // ReceiveUln302 with 2 required DVNs, libraries pinned (the devnet verifier can no longer verify).
  let uln: UlnPathways;
  beforeAll(async () => {
    uln = await pinUlnPathways({ chains: [net.a, net.b], owner: net.devnet.roles.owner });
  });

  test("starts on pinned ULN pathways with 2 required DVNs; a packet one DVN verified is only watched, executed once both did", async () => {
    const relayer = await startProduction("production");
    try {
      const pathways = await relayer.app.get(PathwayInspector).inspect();
      expect(pathways).toHaveLength(4);
      for (const pathway of pathways) {
        expect(pathway).toMatchObject({
          isDefaultReceiveLibrary: false,
          isDefaultSendLibrary: false,
          refusals: [],
          warnings: [],
        });
        expect(pathway.uln?.requiredDVNs).toEqual(DVNS);
      }
      const messages = relayer.app.get(MessageRepository);
      const transactions = relayer.app.get(TransactionRepository);
      const receiveUln = uln.receiveUln.get(net.b.manifest.eid) as Address; // deployed on every chain
      const user = net.devnet.users[4] as Address; // funded
      const before = await credited(net.b, user, net.a);
      // A packet verified later than this LOCK would hold it back: none may be left by the tests above.
      const [vault, ledger] = [
        net.a.manifest.contracts.collateralVault,
        net.b.manifest.contracts.marginLedger,
      ];
      const [outbound, inbound] = await Promise.all([
        net.a.publicClient.readContract({
          address: net.a.manifest.endpoint,
          abi: endpointV2Abi,
          functionName: "outboundNonce",
          args: [vault, net.b.manifest.eid, addressToBytes32(ledger)],
        }),
        net.b.publicClient.readContract({
          address: net.b.manifest.endpoint,
          abi: endpointV2Abi,
          functionName: "inboundNonce",
          args: [ledger, net.a.manifest.eid, addressToBytes32(vault)],
        }),
      ]);
      expect(inbound, "every earlier a -> b packet verified").toBe(outbound);
      const guid = await lockUsdc(net.a, net.b, user, 9n * USDC);
      await net.a.test.mine({ blocks: 1 }); // its confirmation
      const stored = await waitFor("the LOCK indexed", async () => messages.get(guid));
      const packet = stored.encoded_packet as Hex; // stored lowercase hex

      // One of the two required DVNs: not enough for the ULN to commit, so nothing on the endpoint.
      await dvnVerify({ chain: net.b, receiveUln, dvn: DVNS[0], packet });
      await expect(commitVerification({ chain: net.b, receiveUln, from: user, packet })).rejects.toThrow();
      await net.b.test.mine({ blocks: 1 });
      // Several delivery passes later: still sent, nothing sent for it, nobody holding it.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await messages.get(guid)).toMatchObject({ status: "sent", attempts: 0, lease_owner: null });
      expect(await transactions.forMessage(guid)).toEqual([]);
      expect(
        (
          await getPacketState({
            publicClient: net.b.publicClient,
            endpoint: net.b.manifest.endpoint,
            packet,
          })
        ).state,
      ).toBe("sent");

      // The second DVN, then anyone commits the verification to the endpoint; then its confirmation.
      await dvnVerify({ chain: net.b, receiveUln, dvn: DVNS[1], packet });
      await commitVerification({ chain: net.b, receiveUln, from: user, packet });
      await net.b.test.mine({ blocks: 1 });
      const delivered = await waitFor("the verified LOCK executed", async () => {
        const row = await messages.get(guid);
        return row?.status === "delivered" ? row : undefined;
      });
      const rows = await transactions.forMessage(guid);
      expect(rows.map(({ purpose, status, from_address }) => [purpose, status, from_address])).toEqual([
        ["execute", "mined", privateKeyToAddress(PRODUCTION_EXECUTOR_KEY).toLowerCase()],
      ]);
      expect(delivered.delivered_tx_hash).toBe(rows[0]?.hash);
      expect(await credited(net.b, user, net.a)).toBe(before + 9n * USDC);
      expect((await packetDeliveries(net.b)).get(guid.toLowerCase())).toBe(1);
    } finally {
      await relayer.close();
    }
  });

  test("refuses to start naming each pathway on a default receive library, a default send library, 1 required DVN or a previous receive library in its grace period", async () => {
    const owner = net.devnet.roles.owner;
    const [a, b] = [net.a, net.b];
    const ulnOn = (chain: ChainDriver) => uln.receiveUln.get(chain.manifest.eid) as Address; // deployed on every chain
    const aMessageLib = a.manifest.messageLib as Address; // a devnet's
    const ledgerOnB = { chain: b, owner, oapp: b.manifest.contracts.marginLedger, remoteEid: a.manifest.eid };
    const ledgerOnA = { chain: a, owner, oapp: a.manifest.contracts.marginLedger, remoteEid: b.manifest.eid };
    const vaultOnA = {
      chain: a,
      owner,
      oapp: a.manifest.contracts.collateralVault,
      remoteEid: b.manifest.eid,
    };
    // a -> b (vault -> ledger): the ledger on B follows LayerZero's default receive library again
    // (a ULN too, and its own 2-DVN config still applies there: the default is the only fault).
    await setReceiveLibrary({ ...ledgerOnB, library: DEFAULT_LIBRARY });
    // a -> b (ledger -> vault): the ledger on A follows LayerZero's default send library again.
    await setSendLibrary({ ...ledgerOnA, library: DEFAULT_LIBRARY });
    // b -> a (vault -> ledger): the ledger on A requires a single DVN.
    await setRequiredDvns({ ...ledgerOnA, library: ulnOn(a), dvns: [DVNS[1]] });
    // b -> a (ledger -> vault): the vault on A still accepts SimpleMessageLib (its previous library) for 1000 blocks.
    const expiry = (await a.publicClient.getBlockNumber()) + 1_000n;
    await setReceiveLibraryTimeout({ ...vaultOnA, library: aMessageLib, expiry });
    try {
      const refused = await refusalOf(startProduction("refused_unsafe"));
      expect(refused.issues).toEqual([
        {
          pathway: "a -> b (collateralVault -> marginLedger)",
          message: "the receiver follows LayerZero's default receive library (not pinned)",
        },
        {
          pathway: "a -> b (marginLedger -> collateralVault)",
          message: "the sender follows LayerZero's default send library (not pinned)",
        },
        {
          pathway: "b -> a (collateralVault -> marginLedger)",
          message: "only 1 required DVN (optional DVNs do not count), at least 2 needed",
        },
        {
          pathway: "b -> a (marginLedger -> collateralVault)",
          message: `its previous receive library ${aMessageLib} still verifies packets until block ${expiry} (grace period)`,
        },
      ]);
      expect(refused.message).toMatch(
        /^refusing to deliver: a -> b \(collateralVault -> marginLedger\): the receiver follows/,
      );
    } finally {
      await setReceiveLibrary({ ...ledgerOnB, library: ulnOn(b) });
      await setSendLibrary({ ...ledgerOnA, library: aMessageLib });
      await setRequiredDvns({ ...ledgerOnA, library: ulnOn(a), dvns: DVNS });
      await setReceiveLibraryTimeout({ ...vaultOnA, library: aMessageLib, expiry: 0n });
    }
    // Restored: production starts again.
    await (await startProduction("restored")).close();
  });

  test("refuses to start when a pathway has no receive library on its destination endpoint", async () => {
    // An endpoint on B without any library: the manifest's B now points at it.
    const bare = await deployLayerZeroEndpoint({
      chain: net.devnet.chain("b").local,
      eid: net.b.manifest.eid,
      remoteEids: [],
    });
    const [a, b] = net.devnet.manifest.chains;
    if (a === undefined || b === undefined) throw new Error("a 2-chain devnet");
    const manifestPath = join(net.dir, "manifest-bare-endpoint.json");
    await writeFile(
      manifestPath,
      serializeManifest({ ...net.devnet.manifest, chains: [a, { ...b, endpoint: bare.endpoint }] }),
    );
    const refused = await refusalOf(startProduction("refused_bare", { ...net, manifestPath }));
    // Into B nothing can be verified; out of B (its senders on the bare endpoint) nothing can be sent.
    const noSend = "no send library on the source endpoint: the sender cannot send";
    expect(refused.issues).toEqual([
      { pathway: "a -> b (collateralVault -> marginLedger)", message: "no receive library" },
      { pathway: "a -> b (marginLedger -> collateralVault)", message: "no receive library" },
      { pathway: "b -> a (collateralVault -> marginLedger)", message: noSend },
      { pathway: "b -> a (marginLedger -> collateralVault)", message: noSend },
    ]);
  });
});
