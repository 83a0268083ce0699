import { collateralVaultAbi, endpointV2Abi, endpointV2Bytecode, marginLedgerAbi } from "@ballast/contracts";
import {
  CONFIG_TYPE,
  decodeUlnConfig,
  encodeUlnConfig,
  type Manifest,
  type NetworkConfigInput,
  parseNetworkConfig,
  type UlnConfig,
} from "@ballast/sdk";
import type { Address, Hex } from "viem";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { deployNetwork } from "./deployNetwork.js";
import { decodeExecutorConfig } from "./encodeExecutorConfig.js";
import {
  ChainIdMismatchError,
  EndpointMismatchError,
  MissingEndpointError,
  NetworkDeploymentError,
  PathwayConfigError,
} from "./errors.js";
import {
  fakeAddress,
  startUlnChains,
  TEST_DEFAULT_EXECUTOR,
  TEST_DEFAULT_ULN,
  type UlnChain,
} from "./testing/startUlnChains.js";

/** Hardhat's development account #0 (the default mnemonic's first key): funded on every local chain. */
const DEPLOYER_KEY: Hex = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

// DVNs and executors are per chain (made-up addresses: setConfig does not call them). Given out of
// order on purpose: the ULN only takes them sorted ascending.
const A = {
  dvn1: fakeAddress("a001"),
  dvn2: fakeAddress("a002"),
  opt1: fakeAddress("a0f1"),
  opt2: fakeAddress("a0f2"),
  opt3: fakeAddress("a0f3"),
  executor: fakeAddress("a0e0"),
};
const B = {
  dvn1: fakeAddress("b001"),
  dvn2: fakeAddress("b002"),
  opt1: fakeAddress("b0f1"),
  opt2: fakeAddress("b0f2"),
  opt3: fakeAddress("b0f3"),
};
const C = { dvn1: fakeAddress("c001") };

/** The config an OApp reads back when it names `dvns` and no optional DVNs. */
function onlyRequired(confirmations: bigint, dvns: Address[]): UlnConfig {
  return {
    confirmations,
    requiredDVNCount: dvns.length,
    optionalDVNCount: 0,
    optionalDVNThreshold: 0,
    requiredDVNs: dvns,
    optionalDVNs: [],
  };
}

describe("deployNetwork", () => {
  let chains: UlnChain[];
  let close: () => Promise<void>;
  let manifest: Manifest;
  let input: NetworkConfigInput;
  let deployer: Address;
  let owner: Address;
  let guardian: Address;

  const chainAt = (i: number): UlnChain => {
    const chain = chains[i];
    if (chain === undefined) throw new Error(`no chain #${i}`);
    return chain;
  };

  beforeAll(async () => {
    ({ chains, close } = await startUlnChains({ count: 3, chainIdBase: 31_801, eidBase: 40_301 }));
    const [a, b, c] = [chainAt(0), chainAt(1), chainAt(2)];
    const accounts = a.server.local.accounts;
    [deployer, guardian, owner] = [accounts[0], accounts[1], accounts[5]] as [Address, Address, Address]; // Hardhat has 20
    input = {
      name: "uln-testnet",
      owner,
      guardian,
      chains: [
        {
          name: "a",
          chainId: a.chainId,
          eid: a.eid,
          // The same node over HTTP and WebSocket: both must answer a's chain id.
          rpcUrls: [a.server.rpcUrl, a.server.rpcUrl.replace("http://", "ws://")],
          endpoint: a.endpoint,
          pathways: [
            {
              remoteEid: b.eid,
              confirmations: 15,
              requiredDvns: [A.dvn2, A.dvn1],
              optionalDvns: [A.opt3, A.opt1, A.opt2],
              optionalDvnThreshold: 2,
              executor: A.executor,
            },
            { remoteEid: c.eid, confirmations: 0, requiredDvns: [A.dvn1] },
          ],
        },
        {
          name: "b",
          chainId: b.chainId,
          eid: b.eid,
          rpcUrls: [b.server.rpcUrl],
          endpoint: b.endpoint,
          pathways: [
            {
              remoteEid: a.eid,
              confirmations: 20,
              requiredDvns: [B.dvn1, B.dvn2],
              optionalDvns: [B.opt2, B.opt3, B.opt1],
              optionalDvnThreshold: 2,
            },
          ],
        },
        {
          name: "c",
          chainId: c.chainId,
          eid: c.eid,
          rpcUrls: [c.server.rpcUrl],
          endpoint: c.endpoint,
          pathways: [{ remoteEid: a.eid, confirmations: 7, requiredDvns: [C.dvn1] }],
        },
      ],
    };
    manifest = await deployNetwork({
      config: parseNetworkConfig(input),
      deployerKey: DEPLOYER_KEY,
      pollingInterval: 50,
    });
  }, 180_000);
  afterAll(async () => {
    await close?.();
  });

  /** The effective ULN and executor configs an OApp of chain `i` reads back for `remoteEid`. */
  const readConfigs = async (i: number, oapp: Address, remoteEid: number) => {
    const chain = chainAt(i);
    const client = chain.server.local.publicClient;
    const onEndpoint = { address: chain.endpoint, abi: endpointV2Abi } as const;
    const getConfig = (lib: Address, configType: number) =>
      client.readContract({
        ...onEndpoint,
        functionName: "getConfig",
        args: [oapp, lib, remoteEid, configType],
      });
    return {
      sendLibrary: await client.readContract({
        ...onEndpoint,
        functionName: "getSendLibrary",
        args: [oapp, remoteEid],
      }),
      receiveLibrary: (
        await client.readContract({
          ...onEndpoint,
          functionName: "getReceiveLibrary",
          args: [oapp, remoteEid],
        })
      )[0],
      send: decodeUlnConfig(await getConfig(chain.sendUln302, CONFIG_TYPE.ULN)),
      receive: decodeUlnConfig(await getConfig(chain.receiveUln302, CONFIG_TYPE.ULN)),
      executor: decodeExecutorConfig(await getConfig(chain.sendUln302, CONFIG_TYPE.EXECUTOR)),
    };
  };

  const oappsOf = (i: number) => {
    const deployed = manifest.chains[i];
    if (deployed === undefined) throw new Error(`no manifest chain #${i}`);
    return [
      ["vault", deployed.contracts.collateralVault],
      ["ledger", deployed.contracts.marginLedger],
    ] as const;
  };

  test("reads back from LayerZero's ULN302 the DVNs, confirmations and executor each pathway asked for", async () => {
    const [a, b, c] = [chainAt(0), chainAt(1), chainAt(2)];
    const defaultUln: UlnConfig = TEST_DEFAULT_ULN;
    const table: [chain: number, remoteEid: number, expected: Awaited<ReturnType<typeof readConfigs>>][] = [
      [
        0,
        b.eid,
        {
          sendLibrary: a.sendUln302,
          receiveLibrary: a.receiveUln302,
          // a's 15 confirmations toward b, a's DVNs sorted ascending; b's 20 confirmations from b.
          send: {
            confirmations: 15n,
            requiredDVNCount: 2,
            optionalDVNCount: 3,
            optionalDVNThreshold: 2,
            requiredDVNs: [A.dvn1, A.dvn2],
            optionalDVNs: [A.opt1, A.opt2, A.opt3],
          },
          receive: {
            confirmations: 20n,
            requiredDVNCount: 2,
            optionalDVNCount: 3,
            optionalDVNThreshold: 2,
            requiredDVNs: [A.dvn1, A.dvn2],
            optionalDVNs: [A.opt1, A.opt2, A.opt3],
          },
          // The pathway's executor, LayerZero's default message size.
          executor: { maxMessageSize: TEST_DEFAULT_EXECUTOR.maxMessageSize, executor: A.executor },
        },
      ],
      [
        0,
        c.eid,
        {
          sendLibrary: a.sendUln302,
          receiveLibrary: a.receiveUln302,
          // 0 confirmations and no optional DVNs, literally: not the defaults' 5 and optional DVN.
          send: onlyRequired(0n, [A.dvn1]),
          receive: onlyRequired(7n, [A.dvn1]),
          executor: TEST_DEFAULT_EXECUTOR,
        },
      ],
      [
        1,
        a.eid,
        {
          sendLibrary: b.sendUln302,
          receiveLibrary: b.receiveUln302,
          send: {
            confirmations: 20n,
            requiredDVNCount: 2,
            optionalDVNCount: 3,
            optionalDVNThreshold: 2,
            requiredDVNs: [B.dvn1, B.dvn2],
            optionalDVNs: [B.opt1, B.opt2, B.opt3],
          },
          receive: {
            confirmations: 15n,
            requiredDVNCount: 2,
            optionalDVNCount: 3,
            optionalDVNThreshold: 2,
            requiredDVNs: [B.dvn1, B.dvn2],
            optionalDVNs: [B.opt1, B.opt2, B.opt3],
          },
          executor: TEST_DEFAULT_EXECUTOR,
        },
      ],
      // No pathway between b and c: LayerZero's defaults stay.
      [
        1,
        c.eid,
        {
          sendLibrary: b.sendUln302,
          receiveLibrary: b.receiveUln302,
          send: defaultUln,
          receive: defaultUln,
          executor: TEST_DEFAULT_EXECUTOR,
        },
      ],
      [
        2,
        a.eid,
        {
          sendLibrary: c.sendUln302,
          receiveLibrary: c.receiveUln302,
          send: onlyRequired(7n, [C.dvn1]),
          receive: onlyRequired(0n, [C.dvn1]),
          executor: TEST_DEFAULT_EXECUTOR,
        },
      ],
    ];
    for (const [i, remoteEid, expected] of table) {
      for (const [name, oapp] of oappsOf(i)) {
        const read = await readConfigs(i, oapp, remoteEid);
        expect({ oapp: name, remoteEid, ...read }).toEqual({ oapp: name, remoteEid, ...expected });
      }
    }
  });

  test("pins the libraries of every configured pathway; an unconfigured one follows LayerZero's defaults", async () => {
    const configured = new Set(["0:1", "0:2", "1:0", "2:0"]); // a->b, a->c, b->a, c->a
    for (const i of [0, 1, 2]) {
      const chain = chainAt(i);
      const client = chain.server.local.publicClient;
      const onEndpoint = { address: chain.endpoint, abi: endpointV2Abi } as const;
      for (const j of [0, 1, 2]) {
        if (j === i) continue;
        const remoteEid = chainAt(j).eid;
        for (const [name, oapp] of oappsOf(i)) {
          const sendDefault = await client.readContract({
            ...onEndpoint,
            functionName: "isDefaultSendLibrary",
            args: [oapp, remoteEid],
          });
          const [, receiveDefault] = await client.readContract({
            ...onEndpoint,
            functionName: "getReceiveLibrary",
            args: [oapp, remoteEid],
          });
          const pinned = configured.has(`${i}:${j}`);
          expect({ where: `${i}->${j} ${name}`, sendDefault, receiveDefault }).toEqual({
            where: `${i}->${j} ${name}`,
            sendDefault: !pinned,
            receiveDefault: !pinned,
          });
        }
      }
    }
  });

  test("configures before handing over: the owner is now the delegate and only it may change them", async () => {
    for (const [i, chain] of chains.entries()) {
      const client = chain.server.local.publicClient;
      for (const [name, oapp] of oappsOf(i)) {
        const abi = name === "vault" ? collateralVaultAbi : marginLedgerAbi;
        expect(await client.readContract({ address: oapp, abi, functionName: "owner" })).toBe(deployer);
        expect(await client.readContract({ address: oapp, abi, functionName: "pendingOwner" })).toBe(owner);
        expect(
          await client.readContract({
            address: chain.endpoint,
            abi: endpointV2Abi,
            functionName: "delegates",
            args: [oapp],
          }),
        ).toBe(owner);
        const setConfig = (account: Address) =>
          client.simulateContract({
            account,
            address: chain.endpoint,
            abi: endpointV2Abi,
            functionName: "setConfig",
            args: [
              oapp,
              chain.sendUln302,
              [
                {
                  eid: chain.eid === 40_301 ? 40_302 : 40_301,
                  configType: CONFIG_TYPE.ULN,
                  config: encodeUlnConfig(onlyRequired(1n, [fakeAddress("1234")])),
                },
              ],
            ],
          });
        await expect(setConfig(deployer)).rejects.toThrow(/LZ_Unauthorized/);
        await expect(setConfig(owner)).resolves.toBeDefined();
      }
    }
  });

  test("returns the manifest: the config's name, chains, RPC URLs and endpoints", () => {
    expect(manifest.network).toBe("uln-testnet");
    expect(manifest.accounts).toBeUndefined();
    expect(manifest.verifier).toBeUndefined();
    expect(
      manifest.chains.map(({ name, eid, chainId, rpcUrls, endpoint, messageLib }) => ({
        name,
        eid,
        chainId,
        rpcUrls,
        endpoint,
        messageLib,
      })),
    ).toEqual(
      input.chains.map(({ name, eid, chainId, rpcUrls, endpoint }) => ({
        name,
        eid,
        chainId,
        rpcUrls,
        endpoint,
        messageLib: null,
      })),
    );
    for (const chain of manifest.chains) {
      expect(chain).toMatchObject({ deployer, owner, ownershipPending: true, guardian });
    }
  });

  test("with allowMockEndpoint, deploys a devnet endpoint where the config has none", async () => {
    const chainsWithoutEndpoint = [0, 1].map((i) => {
      const chain = chainAt(i);
      return { name: chain.name, chainId: chain.chainId, eid: 40_501 + i, rpcUrls: [chain.server.rpcUrl] };
    });
    const verifier = chainAt(0).server.local.accounts[2];
    const devnet = await deployNetwork({
      config: parseNetworkConfig({ name: "mock-endpoints", chains: chainsWithoutEndpoint }),
      deployerKey: DEPLOYER_KEY,
      allowMockEndpoint: true,
      verifier,
      pollingInterval: 50,
    });
    expect(devnet.verifier).toBe(verifier);
    for (const [i, chain] of devnet.chains.entries()) {
      expect(chain).toMatchObject({ eid: 40_501 + i, owner: deployer, ownershipPending: false });
      expect(chain.messageLib).not.toBeNull();
      const eid = await chainAt(i).server.local.publicClient.readContract({
        address: chain.endpoint,
        abi: endpointV2Abi,
        functionName: "eid",
      });
      expect(eid).toBe(40_501 + i);
    }
  });

  describe("refuses before sending anything", () => {
    const nonces = () =>
      Promise.all(
        chains.map(({ server }) => server.local.publicClient.getTransactionCount({ address: deployer })),
      );
    const refuse = async (config: NetworkConfigInput, expected: unknown, message: RegExp) => {
      const before = await nonces();
      const attempt = deployNetwork({
        config: parseNetworkConfig(config),
        deployerKey: DEPLOYER_KEY,
        pollingInterval: 50,
      });
      await expect(attempt).rejects.toBeInstanceOf(expected);
      await expect(attempt).rejects.toThrow(message);
      expect(await nonces()).toEqual(before);
    };
    const chainConfig = (i: number) => {
      const chain = input.chains[i];
      if (chain === undefined) throw new Error(`no config chain #${i}`);
      return { ...chain, pathways: [] };
    };

    test("an RPC URL of another chain, first or fallback", async () => {
      const [a, b] = [chainConfig(0), chainConfig(1)];
      const aUrl = chainAt(0).server.rpcUrl;
      const bUrl = chainAt(1).server.rpcUrl;
      await refuse(
        { name: "wrong", chains: [{ ...a, chainId: 31_899 }, b] },
        ChainIdMismatchError,
        new RegExp(`^chain a: ${aUrl} serves chain id 31801, the config says 31899$`),
      );
      await refuse(
        { name: "wrong", chains: [a, { ...b, rpcUrls: [bUrl, aUrl] }] },
        ChainIdMismatchError,
        new RegExp(`^chain b: ${aUrl} serves chain id 31801, the config says 31802$`),
      );
    });

    test("a chain without an endpoint, before contacting its RPC", async () => {
      const { endpoint: _endpoint, ...a } = chainConfig(0);
      await refuse(
        { name: "no-endpoint", chains: [{ ...a, rpcUrls: ["http://127.0.0.1:9"] }, chainConfig(1)] },
        MissingEndpointError,
        /^chain a: no LayerZero endpoint in the config/,
      );
    });

    test("an endpoint of another eid", async () => {
      await refuse(
        { name: "wrong-eid", chains: [{ ...chainConfig(0), eid: 40_399 }, chainConfig(1)] },
        EndpointMismatchError,
        /^chain a: endpoint 0x[0-9a-fA-F]{40} has eid 40301, the config says 40399$/,
      );
    });

    test("an endpoint that does not connect to another chain of the config", async () => {
      // A bare EndpointV2 with a's eid: no library registered, so no eid is connected.
      const a = chainAt(0).server.local;
      const wallet = a.walletClient(1);
      const hash = await wallet.deployContract({
        abi: endpointV2Abi,
        bytecode: endpointV2Bytecode,
        args: [40_301, wallet.account.address],
      });
      const { contractAddress } = await a.publicClient.waitForTransactionReceipt({ hash });
      if (!contractAddress) throw new Error("no endpoint deployed");
      await refuse(
        { name: "bare", chains: [{ ...chainConfig(0), endpoint: contractAddress }, chainConfig(1)] },
        EndpointMismatchError,
        /^chain a: endpoint 0x[0-9a-fA-F]{40} has no default send and receive library for eid 40302$/,
      );
    });

    test("pathways on a devnet endpoint, which has no ULN to configure", async () => {
      const withoutEndpoints = input.chains.map(({ endpoint: _endpoint, ...chain }) => chain);
      const attempt = deployNetwork({
        config: parseNetworkConfig({ name: "devnet", chains: withoutEndpoints }),
        deployerKey: DEPLOYER_KEY,
        allowMockEndpoint: true,
      });
      await expect(attempt).rejects.toBeInstanceOf(PathwayConfigError);
      await expect(attempt).rejects.toThrow(/^chain a: pathways need LayerZero's ULN libraries/);
    });

    test("a malformed or invalid key, without printing it", async () => {
      const config = parseNetworkConfig({ name: "key", chains: [chainConfig(0), chainConfig(1)] });
      for (const deployerKey of ["0xabc123", `0x${"0".repeat(64)}`] as Hex[]) {
        const attempt = deployNetwork({ config, deployerKey });
        await expect(attempt).rejects.toBeInstanceOf(NetworkDeploymentError);
        await expect(attempt).rejects.not.toThrow(deployerKey.slice(2));
      }
    });
  });
});
