import {
  collateralVaultAbi,
  marginLedgerAbi,
  perpMarketAbi,
  riskEngineAbi,
  simpleMessageLibAbi,
} from "@ballast/contracts";
import { addressToBytes32 } from "@ballast/sdk";
import { type Address, zeroAddress } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_BALLAST_CONFIG, LOCK_GAS, MESSAGE_TYPE, RATE_GAS, RELEASE_GAS } from "./ballast/config.js";
import { encodeExecutorLzReceiveOption } from "./ballast/encodeExecutorOptions.js";
import { createLocalChain, type LocalChain } from "./createLocalChain.js";
import { type BallastDeployment, deployBallast } from "./deployBallast.js";
import { deployLayerZeroEndpoint } from "./deployLayerZeroEndpoint.js";
import { BallastDeploymentError } from "./errors.js";

const EIDS = [40_101, 40_102, 40_103] as const;
const WAD = 10n ** 18n;

describe("deployBallast", () => {
  let chains: LocalChain[];
  let deployment: BallastDeployment;
  let guardian: Address;
  let verifier: Address;

  beforeAll(async () => {
    chains = [];
    for (const [i] of EIDS.entries()) chains.push(await createLocalChain({ chainId: 31_601 + i }));
    const [first] = chains as [LocalChain];
    guardian = first.accounts[1] as Address;
    verifier = first.accounts[2] as Address;
    deployment = await deployBallast({
      chains: chains.map((chain, i) => ({ chain, eid: EIDS[i] as number })),
      guardian,
      verifier,
    });
  });
  afterAll(async () => {
    for (const chain of chains) await chain.close();
  });

  const at = (i: number) => {
    const chain = chains[i];
    const deployed = deployment.chains[i];
    if (chain === undefined || deployed === undefined) throw new Error(`no chain #${i}`);
    return { client: chain.publicClient, deployed, owner: chain.accounts[0] as Address };
  };

  it("deploys every chain's contracts with mocks, endpoint and library, owned by the deployer", async () => {
    expect(deployment.chains.map((chain) => [chain.eid, chain.chainId])).toEqual([
      [40_101, 31_601],
      [40_102, 31_602],
      [40_103, 31_603],
    ]);
    expect(deployment.config).toEqual(DEFAULT_BALLAST_CONFIG);
    for (const i of [0, 1, 2]) {
      const { client, deployed, owner } = at(i);
      expect(deployed).toMatchObject({ deployer: owner, owner, ownershipPending: false, guardian });
      expect(deployed.mocks).toEqual(["usdc", "weth", "share", "ethUsd", "usdcUsd"]);
      expect(deployed.messageLib).toBeDefined();
      expect(
        await client.readContract({
          address: deployed.messageLib as Address,
          abi: simpleMessageLibAbi,
          functionName: "whitelistCaller",
        }),
      ).toBe(verifier);

      const vault = { address: deployed.contracts.collateralVault, abi: collateralVaultAbi } as const;
      const ledger = { address: deployed.contracts.marginLedger, abi: marginLedgerAbi } as const;
      expect(await client.readContract({ ...vault, functionName: "endpoint" })).toBe(deployed.endpoint);
      expect(await client.readContract({ ...vault, functionName: "owner" })).toBe(owner);
      expect(await client.readContract({ ...vault, functionName: "guardian" })).toBe(guardian);
      expect(await client.readContract({ ...vault, functionName: "localLedger" })).toBe(ledger.address);
      expect(await client.readContract({ ...ledger, functionName: "localVault" })).toBe(vault.address);
      expect(await client.readContract({ ...ledger, functionName: "guardian" })).toBe(guardian);
      expect(await client.readContract({ ...ledger, functionName: "quote" })).toBe(deployed.tokens.usdc);
      expect(await client.readContract({ ...ledger, functionName: "liquidationGracePeriod" })).toBe(3_600n);
      expect(await client.readContract({ ...ledger, functionName: "markets" })).toEqual([
        deployed.contracts.perpMarket,
      ]);
      expect(await client.readContract({ ...ledger, functionName: "riskEngine" })).toBe(
        deployed.contracts.riskEngine,
      );
      expect(
        await client.readContract({
          address: deployed.contracts.riskEngine,
          abi: riskEngineAbi,
          functionName: "ledger",
        }),
      ).toBe(ledger.address);
      const market = await client.readContract({
        address: deployed.contracts.perpMarket,
        abi: perpMarketAbi,
        functionName: "config",
      });
      expect(market).toEqual({ feed: deployed.feeds.ethUsd, ...DEFAULT_BALLAST_CONFIG.ethPerp });

      expect(
        await client.readContract({ ...vault, functionName: "assetConfig", args: [deployed.tokens.share] }),
      ).toEqual([true, true, 2n ** 128n - 1n]);
      expect(
        await client.readContract({ ...vault, functionName: "assetConfig", args: [deployed.tokens.usdc] }),
      ).toEqual([true, false, 2n ** 128n - 1n]);
      expect(
        await client.readContract({ ...vault, functionName: "rateLimit", args: [deployed.tokens.usdc] }),
      ).toMatchObject({
        capacity: 10_000_000n * 10n ** 6n,
        refillPerSecond: 1_000n * 10n ** 6n,
        tokens: 10_000_000n * 10n ** 6n,
      });
      // The mock share was seeded: one share is worth exactly one WETH.
      expect(
        await client.readContract({ ...vault, functionName: "currentRate", args: [deployed.tokens.share] }),
      ).toBe(WAD);
    }
  });

  it("wires every vault to every other chain's ledger with enforced options per message type", async () => {
    for (const i of [0, 1, 2]) {
      const { client, deployed } = at(i);
      const vault = { address: deployed.contracts.collateralVault, abi: collateralVaultAbi } as const;
      const ledger = { address: deployed.contracts.marginLedger, abi: marginLedgerAbi } as const;
      for (const j of [0, 1, 2]) {
        const remote = at(j).deployed;
        const vaultPeer = await client.readContract({ ...vault, functionName: "peers", args: [remote.eid] });
        const ledgerPeer = await client.readContract({
          ...ledger,
          functionName: "peers",
          args: [remote.eid],
        });
        // The vault's and the ledger's `enforcedOptions` come from the same OAppOptionsType3.
        const options = async (contract: typeof vault | typeof ledger, type: number) =>
          client.readContract({
            address: contract.address,
            abi: collateralVaultAbi,
            functionName: "enforcedOptions",
            args: [remote.eid, type],
          });
        if (i === j) {
          // Same chain: no peer, no options; the vault credits the local ledger directly.
          expect([vaultPeer, ledgerPeer]).toEqual([
            addressToBytes32(zeroAddress),
            addressToBytes32(zeroAddress),
          ]);
          expect(await options(vault, MESSAGE_TYPE.LOCK)).toBe("0x");
          continue;
        }
        expect(vaultPeer).toBe(addressToBytes32(remote.contracts.marginLedger));
        expect(ledgerPeer).toBe(addressToBytes32(remote.contracts.collateralVault));
        expect(await options(vault, MESSAGE_TYPE.LOCK)).toBe(
          encodeExecutorLzReceiveOption({ gas: LOCK_GAS }),
        );
        expect(await options(vault, MESSAGE_TYPE.RATE)).toBe(
          encodeExecutorLzReceiveOption({ gas: RATE_GAS }),
        );
        expect(await options(vault, MESSAGE_TYPE.RELEASE)).toBe("0x");
        expect(await options(ledger, MESSAGE_TYPE.RELEASE)).toBe(
          encodeExecutorLzReceiveOption({ gas: RELEASE_GAS }),
        );
        expect(await options(ledger, MESSAGE_TYPE.LOCK)).toBe("0x");
      }
    }
  });

  it("lists every chain's collateral on every ledger, priced by the ledger chain's feeds", async () => {
    const { client, deployed } = at(1);
    const risk = { address: deployed.contracts.riskEngine, abi: riskEngineAbi } as const;
    for (const j of [0, 1, 2]) {
      const source = at(j).deployed;
      const usdc = await client.readContract({
        ...risk,
        functionName: "collateralConfig",
        args: [source.eid, source.tokens.usdc],
      });
      expect(usdc).toEqual({
        feed: deployed.feeds.usdcUsd,
        tokenDecimals: 6,
        priceDecimals: 8,
        isShare: false,
        ...DEFAULT_BALLAST_CONFIG.collateral.usdc,
      });
      const weth = await client.readContract({
        ...risk,
        functionName: "collateralConfig",
        args: [source.eid, source.tokens.weth],
      });
      expect(weth).toEqual({
        feed: deployed.feeds.ethUsd,
        tokenDecimals: 18,
        priceDecimals: 8,
        isShare: false,
        ...DEFAULT_BALLAST_CONFIG.collateral.weth,
      });
      const share = await client.readContract({
        ...risk,
        functionName: "collateralConfig",
        args: [source.eid, source.tokens.share],
      });
      expect(share).toEqual({
        feed: deployed.feeds.ethUsd,
        tokenDecimals: 18,
        priceDecimals: 8,
        isShare: true,
        ...DEFAULT_BALLAST_CONFIG.collateral.share,
      });
      const rate = await client.readContract({
        ...risk,
        functionName: "effectiveRate",
        args: [source.eid, source.tokens.share],
      });
      expect(rate).toBe(WAD);
      expect(
        await client.readContract({
          ...risk,
          functionName: "effectiveRate",
          args: [source.eid, source.tokens.weth],
        }),
      ).toBe(WAD);
    }
  });

  it("uses given endpoints, tokens and feeds instead of deploying them, and starts the ownership transfer", async () => {
    const a = await createLocalChain({ chainId: 31_611 });
    const b = await createLocalChain({ chainId: 31_612 });
    try {
      const lzA = await deployLayerZeroEndpoint({ chain: a, eid: 40_201, remoteEids: [40_202] });
      // Tokens and feeds that already exist on A (here: from a first, single-chain deployment).
      const existing = (await deployBallast({ chains: [{ chain: a, eid: 40_201, endpoint: lzA.endpoint }] }))
        .chains[0];
      if (existing === undefined) throw new Error("no first deployment");
      expect(existing.messageLib).toBeUndefined();
      expect(existing.endpoint).toBe(lzA.endpoint);

      const newOwner = a.accounts[5] as Address;
      const second = await deployBallast({
        chains: [
          {
            chain: a,
            eid: 40_201,
            endpoint: lzA.endpoint,
            tokens: { usdc: existing.tokens.usdc },
            feeds: existing.feeds,
          },
          { chain: b, eid: 40_202 },
        ],
        owner: newOwner,
      });
      const [onA, onB] = second.chains;
      if (onA === undefined || onB === undefined) throw new Error("missing chain");
      expect(onA.mocks).toEqual(["weth", "share"]);
      expect(onA.tokens.usdc).toBe(existing.tokens.usdc);
      expect(onA.feeds).toEqual(existing.feeds);
      expect(onA.endpoint).toBe(lzA.endpoint);
      expect(onB.mocks).toEqual(["usdc", "weth", "share", "ethUsd", "usdcUsd"]);
      expect(onA).toMatchObject({ owner: newOwner, ownershipPending: true, deployer: a.accounts[0] });

      const vault = { address: onA.contracts.collateralVault, abi: collateralVaultAbi } as const;
      expect(await a.publicClient.readContract({ ...vault, functionName: "owner" })).toBe(a.accounts[0]);
      for (const address of Object.values(onA.contracts)) {
        expect(
          await a.publicClient.readContract({ address, abi: riskEngineAbi, functionName: "pendingOwner" }),
        ).toBe(newOwner);
      }
      await a.publicClient.waitForTransactionReceipt({
        hash: await a.walletClient(5).writeContract({ ...vault, functionName: "acceptOwnership" }),
      });
      expect(await a.publicClient.readContract({ ...vault, functionName: "owner" })).toBe(newOwner);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("refuses repeated or invalid eids and names the failing step", async () => {
    const [first] = chains as [LocalChain];
    await expect(
      deployBallast({
        chains: [
          { chain: first, eid: 7 },
          { chain: first, eid: 7 },
        ],
      }),
    ).rejects.toThrow(/eids repeat: 7, 7/);
    await expect(deployBallast({ chains: [{ chain: first, eid: 0 }] })).rejects.toThrow(
      BallastDeploymentError,
    );
    await expect(deployBallast({ chains: [] })).rejects.toThrow(BallastDeploymentError);
    // A token that is not a contract fails at the first read of it, with the step named.
    const error = await deployBallast({
      chains: [{ chain: first, eid: 40_301, tokens: { usdc: "0x000000000000000000000000000000000000dEaD" } }],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BallastDeploymentError);
    expect((error as Error).message).toBe("eid 40301: read the quote token's decimals failed");
  });
});
