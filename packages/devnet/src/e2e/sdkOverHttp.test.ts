import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mockAggregatorAbi } from "@ballast/contracts";
import {
  closePosition,
  deliverPacket,
  depositCash,
  getAccount,
  getSentPackets,
  lock,
  type Manifest,
  type ManifestChain,
  openPosition,
  parseManifest,
  requestRelease,
  toViemChain,
  withdrawCash,
} from "@ballast/sdk";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  erc20Abi,
  type Hash,
  http,
  type PublicClient,
} from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEFAULT_FUNDING } from "../devnet/fundAccounts.js";
import { type Devnet, startDevnet } from "../startDevnet.js";

const USDC = 10n ** 6n;
const WAD = 10n ** 18n;

/**
 * The acceptance flow of the devnet and the sdk: a 3-chain devnet on HTTP ports, driven only
 * through its manifest and plain viem HTTP clients, as an outside tool would.
 */
describe("sdk over a 3-chain HTTP devnet", () => {
  let devnet: Devnet;
  let dir: string;
  let manifest: Manifest;
  let a: ManifestChain;
  let b: ManifestChain;
  const publicClients: Record<number, PublicClient> = {};

  const wallet = (chain: ManifestChain, account: Address) =>
    createWalletClient({ account, chain: toViemChain(chain), transport: http(chain.rpcUrls[0]) });
  const client = (chain: ManifestChain): PublicClient => {
    const found = publicClients[chain.eid];
    if (found === undefined) throw new Error(`no client for ${chain.name}`);
    return found;
  };
  const balance = (chain: ManifestChain, token: Address, holder: Address) =>
    client(chain).readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [holder] });

  /** Delivers what a transaction on `from` sent to `to`, through the verifier, as a relayer does. */
  async function deliver(from: ManifestChain, to: ManifestChain, hash: Hash): Promise<void> {
    const receipt = await client(from).getTransactionReceipt({ hash });
    const sent = getSentPackets({ endpoint: from.endpoint, receipt });
    expect(sent).toHaveLength(1);
    const verifier = manifest.verifier;
    if (verifier === null || verifier === undefined || to.messageLib === null)
      throw new Error("a devnet manifest");
    for (const { encodedPacket } of sent) {
      const result = await deliverPacket({
        publicClient: client(to),
        walletClient: wallet(to, verifier),
        endpoint: to.endpoint,
        messageLib: to.messageLib,
        packet: encodedPacket,
      });
      expect(result.initialState).toBe("sent");
    }
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ballast-e2e-"));
    devnet = await startDevnet({ portBase: 0, manifestPath: join(dir, "manifest.json") });
    // From here on, only the manifest file and HTTP.
    manifest = parseManifest(JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")));
    [a, b] = manifest.chains as [ManifestChain, ManifestChain];
    for (const chain of manifest.chains) {
      publicClients[chain.eid] = createPublicClient({
        chain: toViemChain(chain),
        transport: http(chain.rpcUrls[0]),
      });
    }
  }, 60_000);
  afterAll(async () => {
    await devnet?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test("lock on A -> credit on B -> open -> close -> release to A, every balance exact", async () => {
    const alice = manifest.accounts?.[3];
    const owner = manifest.chains[1]?.deployer;
    if (alice === undefined || owner === undefined) throw new Error("a devnet manifest has accounts");
    const walletA = wallet(a, alice);
    const walletB = wallet(b, alice);
    const vaultA = a.contracts.collateralVault;
    const ledgerB = b.contracts.marginLedger;
    const vaultBefore = await balance(a, a.tokens.usdc, vaultA);
    const ledgerBefore = await balance(b, b.tokens.usdc, ledgerB);
    expect(await balance(a, a.tokens.usdc, alice)).toBe(DEFAULT_FUNDING.usdc);

    // 1. Lock 1,000 USDC on A for B (approval included).
    const locked = await lock(walletA, {
      chain: a,
      asset: a.tokens.usdc,
      amount: 1_000n * USDC,
      dstEid: b.eid,
    });
    expect(locked.amount).toBe(1_000n * USDC);
    expect(locked.approveTransactionHash).toBeDefined();
    expect(await balance(a, a.tokens.usdc, alice)).toBe(DEFAULT_FUNDING.usdc - 1_000n * USDC);
    expect(await balance(a, a.tokens.usdc, vaultA)).toBe(vaultBefore + 1_000n * USDC);
    const accountOf = () => getAccount({ manifest, clients: publicClients, account: alice });
    expect((await accountOf()).ledgers[1]?.collateral).toEqual([]);

    // 2. Delivered: credited on B, valued.
    await deliver(a, b, locked.transactionHash);
    const credited = await accountOf();
    expect(
      credited.ledgers[1]?.collateral.map(({ srcEid, asset, valued, parked }) => ({
        srcEid,
        asset,
        valued,
        parked,
      })),
    ).toEqual([{ srcEid: a.eid, asset: a.tokens.usdc, valued: 1_000n * USDC, parked: 0n }]);
    expect(credited.ledgers[1]?.health.collateralValue).toBeGreaterThan(0n);

    // 3. Cash on B, a 1 ETH long at the feed's price, ETH up 100 USD, close: +100 USDC exactly.
    await depositCash(walletB, { chain: b, amount: 500n * USDC });
    expect(await balance(b, b.tokens.usdc, alice)).toBe(DEFAULT_FUNDING.usdc - 500n * USDC);
    const [, price] = await client(b).readContract({
      address: b.feeds.ethUsd,
      abi: mockAggregatorAbi,
      functionName: "latestRoundData",
    });
    const opened = await openPosition(walletB, { chain: b, sizeDelta: WAD });
    expect(opened.position.size).toBe(WAD);
    const feedOwner = wallet(b, owner);
    const moved = await feedOwner.writeContract({
      address: b.feeds.ethUsd,
      abi: mockAggregatorAbi,
      functionName: "setAnswer",
      args: [price + 100n * 10n ** 8n],
    });
    await client(b).waitForTransactionReceipt({ hash: moved });
    const closed = await closePosition(walletB, { chain: b });
    expect(closed.position.size).toBe(0n);
    expect(closed.position.realizedPnl).toBe(100n * USDC);
    expect((await accountOf()).ledgers[1]?.cash).toBe(600n * USDC);

    // 4. Cash out on B: 100 USDC better off there.
    await withdrawCash(walletB, { chain: b, amount: 600n * USDC });
    expect(await balance(b, b.tokens.usdc, alice)).toBe(DEFAULT_FUNDING.usdc + 100n * USDC);

    // 5. Release the collateral back to A.
    const released = await requestRelease(walletB, {
      chain: b,
      srcEid: a.eid,
      asset: a.tokens.usdc,
      amount: 1_000n * USDC,
    });
    expect(released.amount).toBe(1_000n * USDC);
    expect((await accountOf()).ledgers[1]?.collateral).toEqual([]);
    expect(await balance(a, a.tokens.usdc, alice)).toBe(DEFAULT_FUNDING.usdc - 1_000n * USDC);
    await deliver(b, a, released.transactionHash);
    expect(await balance(a, a.tokens.usdc, alice)).toBe(DEFAULT_FUNDING.usdc);
    expect(await balance(a, a.tokens.usdc, vaultA)).toBe(vaultBefore);

    // The ledger paid Alice's profit out of the LP pool: its quote balance is down exactly 100.
    expect(await balance(b, b.tokens.usdc, ledgerB)).toBe(ledgerBefore - 100n * USDC);
    const after = await accountOf();
    expect(after.ledgers[1]).toMatchObject({ cash: 0n, collateral: [], positions: [] });
    expect(after.ledgers[1]?.health.collateralValue).toBe(0n);
  }, 60_000);
});
